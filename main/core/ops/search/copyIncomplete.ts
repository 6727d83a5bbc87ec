import type { ServiceContext } from '../context';

/**
 * A search answered offline from a copy whose download stopped before one of the tables it reads
 * says so: the agent must know the flight they do not see may exist. Online, and on a whole copy,
 * the answer carries nothing.
 */
export async function copyIncomplete(ctx: ServiceContext, tables: readonly string[]): Promise<{ incomplete?: true }> {
  if (ctx.mode !== 'offline' || !ctx.sync) return {};
  return (await ctx.sync.copyLacks(tables)) ? { incomplete: true } : {};
}

/** The tables each search reads. */
export const FLIGHT_TABLES = ['airports', 'flights'] as const;
export const HOTEL_TABLES = ['hotels', 'hotel_room_types', 'hotel_inventory'] as const;
export const CAR_TABLES = ['cars', 'car_availability'] as const;
