import type { SqlValue } from '../../engine/sql';
import { operation } from '../operation';
import { HOTEL_COLUMNS, likeAny, loadHotel, withRoomTypes, type HotelRow } from './catalogRows';

const MAX_HOTELS = 200;

export const listHotels = operation('catalog.hotels.list', async (ctx, input) => {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (!input.includeInactive) where.push('active = 1');
  if (input.q) {
    const like = likeAny(['name', 'city'], input.q);
    where.push(like.where);
    params.push(...like.params);
  }
  const rows = await ctx.engine.sql.all<HotelRow>(
    `SELECT ${HOTEL_COLUMNS} FROM hotels${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY name, id LIMIT ?`, [...params, MAX_HOTELS]);
  return withRoomTypes(ctx.engine.sql, rows, ctx.config.refundPolicy);
});

export const getHotel = operation('catalog.hotels.get', async (ctx, input) => loadHotel(ctx.engine.sql, input.hotelId, ctx.config.refundPolicy));
