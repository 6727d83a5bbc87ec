import type { ChannelArgs, ChannelOutput } from '../../../../shared/contract';
import type { ServiceContext } from '../context';
import { listDays, setDays, type DayTable } from './inventoryDays';

const HOTEL_NIGHTS: DayTable = {
  entity: 'room type', parentTable: 'hotel_room_types', table: 'hotel_inventory', keyColumn: 'room_type_id',
  dateColumn: 'stay_date', totalColumn: 'rooms_total', bookedColumn: 'rooms_booked', keyField: 'roomTypeId', totalField: 'roomsTotal',
};

/** Stay nights of a room type in [from, to], both days included; days without inventory are left out. */
export async function listHotelInventoryDays(ctx: ServiceContext, input: ChannelArgs<'inventory.hotels.days'>): Promise<ChannelOutput<'inventory.hotels.days'>> {
  const days = await listDays(ctx, HOTEL_NIGHTS, input.roomTypeId, input.from, input.to);
  return days.map((d) => ({ date: d.date, roomsTotal: d.total, roomsBooked: d.booked, priceCents: d.priceCents }));
}

/** Rooms and/or price for every night in [from, to], both days included. */
export async function setHotelInventoryDays(ctx: ServiceContext, input: ChannelArgs<'inventory.hotels.setDays'>): Promise<ChannelOutput<'inventory.hotels.setDays'>> {
  const result = await setDays(ctx, HOTEL_NIGHTS, { key: input.roomTypeId, from: input.from, to: input.to, total: input.roomsTotal, priceCents: input.priceCents });
  await ctx.inventoryChanged?.([{ kind: 'hotel', roomTypeId: input.roomTypeId, from: input.from, to: input.to }]);
  return result;
}
