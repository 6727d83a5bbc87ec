import type { HotelOffer } from '../../../../shared/contract';
import { placeholders, type SqlValue } from '../../engine/sql';
import { stayNights } from './stayDays';
import { operation } from '../operation';
import { copyIncomplete, HOTEL_TABLES } from './copyIncomplete';
import { rulesOnDays, stayRuleBreak } from '../rates/stayRules';

interface OfferRow {
  hotel_id: number; hotel_name: string; city: string; state_code: string; star_rating: number;
  room_type_id: number; room_type_name: string; nightly_sum: number;
}

/**
 * Room types with enough rooms left on every night of the stay, priced per night and in total. A
 * stay that breaks a rate rule is still listed, marked with the rule (`restriction`): the agent
 * sees why it cannot be booked and which dates would do.
 */
export const searchHotels = operation('hotels.search', async (ctx, input) => {
  const nights = stayNights(input.checkIn, input.checkOut);
  const where: string[] = ['h.active = 1', 'rt.active = 1', 'i.stay_date >= ?', 'i.stay_date < ?', 'i.rooms_total - i.rooms_booked >= ?'];
  const params: SqlValue[] = [input.checkIn, input.checkOut, input.rooms];
  if (input.stateCode) { where.push('h.state_code = ?'); params.push(input.stateCode); }
  if (input.city) { where.push('LOWER(h.city) = LOWER(?)'); params.push(input.city); }
  const rows = await ctx.engine.sql.all<OfferRow>(
    `SELECT h.id AS hotel_id, h.name AS hotel_name, h.city, h.state_code, h.star_rating,
            rt.id AS room_type_id, rt.name AS room_type_name, SUM(i.price_cents) AS nightly_sum
       FROM hotels h
       JOIN hotel_room_types rt ON rt.hotel_id = h.id
       JOIN hotel_inventory i ON i.room_type_id = rt.id
      WHERE ${where.join(' AND ')}
      GROUP BY h.id, h.name, h.city, h.state_code, h.star_rating, rt.id, rt.name
     HAVING COUNT(*) = ?
      ORDER BY nightly_sum, rt.id
      LIMIT ?`,
    [...params, nights.length, input.limit],
  );
  if (rows.length === 0) return { items: [], ...(await copyIncomplete(ctx, HOTEL_TABLES)) };

  const ids = rows.map((r) => r.room_type_id);
  const days = await ctx.engine.sql.all<{ room_type_id: number; stay_date: string; price_cents: number; rooms_left: number }>(
    `SELECT room_type_id, stay_date, price_cents, rooms_total - rooms_booked AS rooms_left
       FROM hotel_inventory WHERE room_type_id IN (${placeholders(ids.length)}) AND stay_date >= ? AND stay_date < ?
      ORDER BY room_type_id, stay_date`,
    [...ids, input.checkIn, input.checkOut],
  );
  const byRoomType = new Map<number, HotelOffer['nights']>();
  for (const d of days) {
    const list = byRoomType.get(d.room_type_id) ?? [];
    list.push({ date: d.stay_date, priceCents: Number(d.price_cents), roomsLeft: Number(d.rooms_left) });
    byRoomType.set(d.room_type_id, list);
  }
  const hotelIds = [...new Set(rows.map((r) => r.hotel_id))];
  const [ratings, photos, rules] = await Promise.all([
    ctx.engine.docs.averageRatings('hotel', hotelIds), ctx.engine.docs.firstImages('hotel', hotelIds), rulesOnDays(ctx.engine.sql, ids, [input.checkIn, input.checkOut]),
  ]);
  const restrictionOf = (roomTypeId: number) => stayRuleBreak(input.checkIn, input.checkOut, nights.length,
    rules.get(`${roomTypeId}|${input.checkIn}`), rules.get(`${roomTypeId}|${input.checkOut}`))?.message;
  const items: HotelOffer[] = rows.map((r) => {
    const restriction = restrictionOf(Number(r.room_type_id));
    return {
      hotelId: r.hotel_id, hotelName: r.hotel_name, city: r.city, stateCode: r.state_code, starRating: r.star_rating,
      roomTypeId: r.room_type_id, roomTypeName: r.room_type_name,
      nights: byRoomType.get(r.room_type_id) ?? [],
      totalCents: Number(r.nightly_sum) * input.rooms,
      rating: ratings.get(r.hotel_id) ?? null,
      imageUrl: photos.get(r.hotel_id) ?? null,
      ...(restriction ? { restriction } : {}),
    };
  });
  if (input.sort === 'rating') items.sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0) || a.totalCents - b.totalCents);
  return { items, ...(await copyIncomplete(ctx, HOTEL_TABLES)) };
});
