import { CAR_DAYS } from './dayTables';
import { listDays } from './inventoryDays';
import { operation } from '../operation';

/** Rental days of a car in [from, to], both days included; days without availability are left out. */
export const listCarAvailabilityDays = operation('inventory.cars.days', async (ctx, input) => {
  const days = await listDays(ctx, CAR_DAYS, input.carId, input.from, input.to);
  return days.map((d) => ({ date: d.date, unitsTotal: d.total, unitsBooked: d.booked, priceCents: d.priceCents }));
});
