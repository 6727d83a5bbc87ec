import { CAR_DAYS } from './dayTables';
import { setDays } from './inventoryDays';
import { operation } from '../operation';

/** Units and/or price for every rental day in [from, to], both days included. */
export const setCarAvailabilityDays = operation('inventory.cars.setDays', async (ctx, input) => {
  const result = await setDays(ctx, CAR_DAYS, { key: input.carId, from: input.from, to: input.to, total: input.unitsTotal, priceCents: input.priceCents, allowOverbooking: input.allowOverbooking });
  await ctx.inventoryChanged?.([{ kind: 'car', carId: input.carId, from: input.from, to: input.to }]);
  return result;
});
