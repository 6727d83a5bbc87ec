import { ContractError } from '../../../../shared/contract';
import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import { runMutation } from '../runMutation';
import { holdColumns, lockHold, requireHoldOwner, type HoldRow } from './holdRows';
import { operation } from '../operation';

/**
 * A customer needs a little longer: the hold runs one more hold time from its current expiry,
 * once. A hold whose seats went back (expired, released, or past its time and not yet swept) can
 * no longer be extended: the seats may be someone else's by now. Only its maker or a supervisor may.
 */
export const extendHold = operation('holds.extend', async (ctx, input) => {
  return runMutation(ctx, async (tx) => {
    const now = toDbInstant(ctx.now());
    const hold = await lockHold<HoldRow & { extended_at_utc: string | null }>(tx, input.holdId, `${holdColumns(tx)}, extended_at_utc`);
    requireHoldOwner(ctx.operator, hold, input.holdId, 'extend');
    if (hold.status === 'converted') {
      throw new ContractError('CONFLICT', 'This hold is already part of a booking.', { holdId: input.holdId, bookingId: hold.booking_id });
    }
    if (hold.status !== 'active' || hold.expires_at_utc <= now) {
      throw new ContractError('HOLD_EXPIRED', 'This hold has ended and its seats went back on sale; hold the seats again.', {
        holdId: input.holdId, expiredAtUtc: fromDbInstant(hold.expires_at_utc),
      });
    }
    if (hold.extended_at_utc !== null) {
      throw new ContractError('CONFLICT', 'This hold was already extended once; book it or let it go.', {
        holdId: input.holdId, extendedAtUtc: fromDbInstant(hold.extended_at_utc),
      });
    }
    const expires = toDbInstant(Date.parse(fromDbInstant(hold.expires_at_utc)) + ctx.config.holdMinutes * 60_000);
    await tx.run('UPDATE flight_seat_holds SET expires_at_utc = ?, extended_at_utc = ?, row_version = row_version + 1 WHERE id = ?', [expires, now, hold.id]);
    return { holdId: hold.hold_token, expiresAtUtc: fromDbInstant(expires), priceCents: Number(hold.price_cents) * hold.seats, provisional: ctx.engine.provisional };
  }, (out) => ({ entity: 'hold', entityId: out.holdId, summary: `extended the hold until ${out.expiresAtUtc}` }));
});
