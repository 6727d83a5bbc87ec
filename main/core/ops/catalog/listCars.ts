import type { SqlValue } from '../../engine/sql';
import { operation } from '../operation';
import { CAR_COLUMNS, likeAny, loadCar, toCar, type CarRow } from './catalogRows';

const MAX_CARS = 200;

export const listCars = operation('catalog.cars.list', async (ctx, input) => {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (!input.includeInactive) where.push('active = 1');
  if (input.q) {
    const like = likeAny(['company', 'model', 'city', 'airport'], input.q);
    where.push(like.where);
    params.push(...like.params);
  }
  const rows = await ctx.engine.sql.all<CarRow>(
    `SELECT ${CAR_COLUMNS} FROM cars${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY company, model, id LIMIT ?`, [...params, MAX_CARS]);
  return rows.map(toCar);
});

export const getCar = operation('catalog.cars.get', async (ctx, input) => loadCar(ctx.engine.sql, input.carId));
