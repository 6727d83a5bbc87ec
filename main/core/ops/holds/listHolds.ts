import { toDbInstant } from '../../../../shared/time';
import { holdColumns, toHold, type HoldRow } from './holdRows';
import { operation } from '../operation';

/** Active holds, the ones about to expire first: an agent's own, or everyone's for a supervisor. */
export const listHolds = operation('holds.list', async (ctx) => {
  const sql = ctx.engine.sql;
  const mine = ctx.operator?.role === 'agent';
  const rows = await sql.all<HoldRow>(
    `SELECT ${holdColumns(sql)} FROM flight_seat_holds WHERE status = 'active' AND expires_at_utc > ?${mine ? ' AND created_by_admin_id = ?' : ''}
      ORDER BY expires_at_utc, id LIMIT 500`,
    mine ? [toDbInstant(ctx.now()), ctx.operator?.id ?? 0] : [toDbInstant(ctx.now())]);
  return rows.map(toHold);
});
