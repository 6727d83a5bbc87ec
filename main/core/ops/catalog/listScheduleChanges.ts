import { operation } from '../operation';
import { listScheduleChangeRows } from './scheduleChanges';

export const listScheduleChanges = operation('catalog.scheduleChanges.list', async (ctx, input) =>
  listScheduleChangeRows(ctx.engine.sql, input.bookingId));
