import { HOTEL_NIGHTS } from './dayTables';
import { listDays } from './inventoryDays';
import { operation } from '../operation';

interface RuleRow { day: string; min_stay_nights: number; closed_to_arrival: number; closed_to_departure: number }

/**
 * Stay nights of a room type in [from, to], both days included, with their rate rules; days
 * without inventory are left out.
 */
export const listHotelInventoryDays = operation('inventory.hotels.days', async (ctx, input) => {
  const days = await listDays(ctx, HOTEL_NIGHTS, input.roomTypeId, input.from, input.to);
  const rules = new Map((await ctx.engine.sql.all<RuleRow>(
    `SELECT stay_date AS day, min_stay_nights, closed_to_arrival, closed_to_departure FROM hotel_inventory
      WHERE room_type_id = ? AND stay_date BETWEEN ? AND ?`, [input.roomTypeId, input.from, input.to])).map((r) => [String(r.day).slice(0, 10), r]));
  return days.map((d) => {
    const r = rules.get(d.date);
    return {
      date: d.date, roomsTotal: d.total, roomsBooked: d.booked, priceCents: d.priceCents,
      minStayNights: Number(r?.min_stay_nights ?? 1), closedToArrival: Number(r?.closed_to_arrival ?? 0) === 1, closedToDeparture: Number(r?.closed_to_departure ?? 0) === 1,
    };
  });
});
