import type { CarOffer } from '../../../../shared/contract';
import { placeholders, type SqlValue } from '../../engine/sql';
import { stayNights } from './stayDays';
import { operation } from '../operation';
import { CAR_TABLES, copyIncomplete } from './copyIncomplete';

interface CarRow { id: number; company: string; model: string; car_class: string; city: string; state_code: string; day_sum: number }

/** Cars free on every rental day (pick-up day up to, not including, drop-off day). */
export const searchCars = operation('cars.search', async (ctx, input) => {
  const days = stayNights(input.pickUp, input.dropOff, { start: 'pickUp', end: 'dropOff' });
  const where: string[] = ['c.active = 1', 'a.rental_date >= ?', 'a.rental_date < ?', 'a.units_total - a.units_booked >= 1'];
  const params: SqlValue[] = [input.pickUp, input.dropOff];
  if (input.stateCode) { where.push('c.state_code = ?'); params.push(input.stateCode); }
  if (input.city) { where.push('LOWER(c.city) = LOWER(?)'); params.push(input.city); }
  const rows = await ctx.engine.sql.all<CarRow>(
    `SELECT c.id, c.company, c.model, c.car_class, c.city, c.state_code, SUM(a.price_cents) AS day_sum
       FROM cars c JOIN car_availability a ON a.car_id = c.id
      WHERE ${where.join(' AND ')}
      GROUP BY c.id, c.company, c.model, c.car_class, c.city, c.state_code
     HAVING COUNT(*) = ?
      ORDER BY day_sum, c.id
      LIMIT ?`,
    [...params, days.length, input.limit],
  );
  if (rows.length === 0) return { items: [], ...(await copyIncomplete(ctx, CAR_TABLES)) };
  const ids = rows.map((r) => r.id);
  const prices = await ctx.engine.sql.all<{ car_id: number; rental_date: string; price_cents: number }>(
    `SELECT car_id, rental_date, price_cents FROM car_availability
      WHERE car_id IN (${placeholders(ids.length)}) AND rental_date >= ? AND rental_date < ? ORDER BY car_id, rental_date`,
    [...ids, input.pickUp, input.dropOff],
  );
  const byCar = new Map<number, CarOffer['days']>();
  for (const p of prices) {
    const list = byCar.get(p.car_id) ?? [];
    list.push({ date: p.rental_date, priceCents: Number(p.price_cents) });
    byCar.set(p.car_id, list);
  }
  const photos = await ctx.engine.docs.firstImages('car', ids);
  return {
    items: rows.map((r) => ({
      carId: r.id, company: r.company, model: r.model, carClass: r.car_class, city: r.city, stateCode: r.state_code,
      days: byCar.get(r.id) ?? [], totalCents: Number(r.day_sum), imageUrl: photos.get(r.id) ?? null,
    })),
    ...(await copyIncomplete(ctx, CAR_TABLES)),
  };
});
