import { ContractError } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { runMutation } from '../runMutation';
import { returnSeats } from '../inventory/flightSeats';
import { holdColumns, lockHold, requireHoldOwner, toHold, type HoldRow } from './holdRows';
import { operation } from '../operation';

/** Gives a hold's seats back (its maker's, or a supervisor's call). Releasing a hold that already ended changes nothing. */
export const releaseHold = operation('holds.release', async (ctx, input) => {
  const hold = await runMutation(ctx, async (tx) => {
    const row = await lockHold<HoldRow>(tx, input.holdId, holdColumns(tx));
    requireHoldOwner(ctx.operator, row, input.holdId, 'release');
    if (row.status === 'converted') throw new ContractError('CONFLICT', 'This hold is already part of a booking; cancel the booking instead.', { holdId: input.holdId, bookingId: row.booking_id });
    if (row.status !== 'active') return toHold(row);
    const now = toDbInstant(ctx.now());
    const res = await tx.run("UPDATE flight_seat_holds SET status = 'released', row_version = row_version + 1 WHERE id = ? AND status = 'active'", [row.id]);
    if (res.affectedRows === 1) await returnSeats(tx, row.flight_id, row.seats, now);
    return toHold({ ...row, status: 'released' });
  }, (h) => ({ entity: 'hold', entityId: h.holdId, summary: `released ${h.seats} seat(s) on flight ${h.flightId}` }));
  await ctx.inventoryChanged?.([{ kind: 'flight', flightId: hold.flightId }]);
  return hold;
});
