import { toDbInstant } from '../../../../shared/time';
import { operation } from '../operation';
import { listShortfalls } from './shortfallRows';

/** Needs attention → Overbooked: every flight, room type and car with more booked than it carries. */
export const listOverbookings = operation('overbookings.list', async (ctx) => listShortfalls(ctx.engine.sql, toDbInstant(ctx.now())));
