import { ContractError, type ChannelArgs, type ChannelOutput } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import type { ServiceContext } from '../context';
import { runMutation } from '../runMutation';
import { holdColumns, toHold, type HoldRow } from './holdRows';
import { lockHold, returnSeats } from './holdSeats';

/** Gives a hold's seats back. Releasing a hold that already ended changes nothing. */
export async function releaseHold(ctx: ServiceContext, input: ChannelArgs<'holds.release'>): Promise<ChannelOutput<'holds.release'>> {
  const hold = await runMutation(ctx, async (tx) => {
    const row = await lockHold<HoldRow>(tx, input.holdId, holdColumns(tx));
    if (row.status === 'converted') throw new ContractError('CONFLICT', 'This hold is already part of a booking; cancel the booking instead.', { holdId: input.holdId, bookingId: row.booking_id });
    if (row.status !== 'active') return toHold(row);
    const now = toDbInstant(ctx.now());
    const res = await tx.run("UPDATE flight_seat_holds SET status = 'released', row_version = row_version + 1 WHERE id = ? AND status = 'active'", [row.id]);
    if (res.affectedRows === 1) await returnSeats(tx, row.flight_id, row.seats, now);
    return toHold({ ...row, status: 'released' });
  }, (h) => ({ entity: 'hold', entityId: h.holdId, summary: `released ${h.seats} seat(s) on flight ${h.flightId}` }));
  await ctx.inventoryChanged?.([{ kind: 'flight', flightId: hold.flightId }]);
  return hold;
}

/** Active holds, the ones about to expire first: an agent's own, or everyone's for a supervisor. */
export async function listHolds(ctx: ServiceContext): Promise<ChannelOutput<'holds.list'>> {
  const sql = ctx.engine.sql;
  const mine = ctx.operator?.role === 'agent';
  const rows = await sql.all<HoldRow>(
    `SELECT ${holdColumns(sql)} FROM flight_seat_holds WHERE status = 'active' AND expires_at_utc > ?${mine ? ' AND created_by_admin_id = ?' : ''}
      ORDER BY expires_at_utc, id LIMIT 500`,
    mine ? [toDbInstant(ctx.now()), ctx.operator?.id ?? 0] : [toDbInstant(ctx.now())]);
  return rows.map(toHold);
}
