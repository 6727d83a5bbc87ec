import { HOTEL_NIGHTS } from './dayTables';
import { listDays } from './inventoryDays';
import { operation } from '../operation';

/** Stay nights of a room type in [from, to], both days included; days without inventory are left out. */
export const listHotelInventoryDays = operation('inventory.hotels.days', async (ctx, input) => {
  const days = await listDays(ctx, HOTEL_NIGHTS, input.roomTypeId, input.from, input.to);
  return days.map((d) => ({ date: d.date, roomsTotal: d.total, roomsBooked: d.booked, priceCents: d.priceCents }));
});
