import type { ChannelArgs, ChannelOutput } from '../../../../shared/contract';
import type { ServiceContext } from '../context';
import { listDays, setDays, type DayTable } from './inventoryDays';

const CAR_DAYS: DayTable = {
  entity: 'car', parentTable: 'cars', table: 'car_availability', keyColumn: 'car_id',
  dateColumn: 'rental_date', totalColumn: 'units_total', bookedColumn: 'units_booked', keyField: 'carId', totalField: 'unitsTotal',
};

/** Rental days of a car in [from, to], both days included; days without availability are left out. */
export async function listCarAvailabilityDays(ctx: ServiceContext, input: ChannelArgs<'inventory.cars.days'>): Promise<ChannelOutput<'inventory.cars.days'>> {
  const days = await listDays(ctx, CAR_DAYS, input.carId, input.from, input.to);
  return days.map((d) => ({ date: d.date, unitsTotal: d.total, unitsBooked: d.booked, priceCents: d.priceCents }));
}

/** Units and/or price for every rental day in [from, to], both days included. */
export async function setCarAvailabilityDays(ctx: ServiceContext, input: ChannelArgs<'inventory.cars.setDays'>): Promise<ChannelOutput<'inventory.cars.setDays'>> {
  const result = await setDays(ctx, CAR_DAYS, { key: input.carId, from: input.from, to: input.to, total: input.unitsTotal, priceCents: input.priceCents });
  await ctx.inventoryChanged?.([{ kind: 'car', carId: input.carId, from: input.from, to: input.to }]);
  return result;
}
