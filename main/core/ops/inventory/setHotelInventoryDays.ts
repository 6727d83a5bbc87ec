import { HOTEL_NIGHTS } from './dayTables';
import { setDays } from './inventoryDays';
import { operation } from '../operation';

/** Rooms and/or price for every night in [from, to], both days included. */
export const setHotelInventoryDays = operation('inventory.hotels.setDays', async (ctx, input) => {
  const result = await setDays(ctx, HOTEL_NIGHTS, { key: input.roomTypeId, from: input.from, to: input.to, total: input.roomsTotal, priceCents: input.priceCents, allowOverbooking: input.allowOverbooking });
  await ctx.inventoryChanged?.([{ kind: 'hotel', roomTypeId: input.roomTypeId, from: input.from, to: input.to }]);
  return result;
});
