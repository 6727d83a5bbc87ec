import { ContractError } from '../../../../shared/contract';
import { dollars } from '../../../../shared/money';
import { toDbInstant } from '../../../../shared/time';
import { recordRefund } from '../bookings/moneyMovements';
import { operation } from '../operation';
import { runMutation } from '../runMutation';
import { loadRefundRequest } from './refundRows';

interface RequestRow { id: number; booking_id: number; amount_cents: number; is_override: number; reason: string; state: string; requested_by_admin_id: number | null }

/**
 * A supervisor approves or denies a waiting refund. Approved, the money goes back in the same
 * transaction (to the card the booking was paid with, or `paymentMethodId`) and the cancelled
 * items carry their share, as an immediate refund would have; denied, nothing moves and the items
 * keep no refund. Whoever asked for a refund does not decide it: another supervisor or an admin does.
 */
export const decideRefund = operation('refunds.decide', async (ctx, input) => {
  let bookingId = 0;
  let amount = 0;
  return runMutation(ctx, async (tx) => {
    const req = await tx.get<RequestRow>(`SELECT id, booking_id, amount_cents, is_override, reason, state, requested_by_admin_id FROM refund_requests WHERE id = ?${tx.lockForUpdate}`, [input.refundId]);
    if (!req) throw new ContractError('NOT_FOUND', `No refund request ${input.refundId}.`, { field: 'refundId' });
    if (req.state !== 'pending') throw new ContractError('CONFLICT', `Refund request ${req.id} was already ${req.state}.`, { state: req.state });
    if (req.requested_by_admin_id !== null && Number(req.requested_by_admin_id) === ctx.operator?.id) {
      throw new ContractError('FORBIDDEN', 'Another supervisor must decide a refund you asked for.');
    }
    bookingId = Number(req.booking_id);
    amount = Number(req.amount_cents);
    const nowUtc = toDbInstant(ctx.now());
    if (input.approve) {
      const items = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM booking_items WHERE refund_request_id = ?', [req.id]);
      let left = amount;
      for (const item of await tx.all<{ id: number; total_cents: number }>('SELECT id, total_cents FROM booking_items WHERE refund_request_id = ? ORDER BY id', [req.id])) {
        const share = Math.min(left, Number(item.total_cents));
        left -= share;
        await tx.run('UPDATE booking_items SET refund_cents = ?, row_version = row_version + 1 WHERE id = ?', [share, item.id]);
      }
      await tx.run('UPDATE bookings SET refunded_cents = refunded_cents + ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?', [amount, nowUtc, bookingId]);
      const only = Number(items?.n ?? 0) === 1
        ? (await tx.get<{ id: number }>('SELECT id FROM booking_items WHERE refund_request_id = ?', [req.id]))?.id ?? null : null;
      await recordRefund(tx, ctx, { bookingId, amountCents: amount, reason: `cancellation: approved refund${Number(req.is_override) === 1 ? ' (override)' : ''}: ${req.reason} (${input.reason})`, itemId: only === null ? null : Number(only), nowUtc },
        input.paymentMethodId);
    }
    await tx.run(
      `UPDATE refund_requests SET state = ?, decided_by_admin_id = ?, decided_at_utc = ?, decision_reason = ?, payment_method_id = ?, updated_at_utc = ?, row_version = row_version + 1
        WHERE id = ?`,
      [input.approve ? 'approved' : 'denied', ctx.operator?.id ?? null, nowUtc, input.reason, input.paymentMethodId ?? null, nowUtc, req.id]);
    const decided = await loadRefundRequest(tx, req.id);
    if (!decided) throw new Error(`refund request ${req.id} vanished inside its own transaction`);
    return decided;
  }, (r) => ({ entity: 'booking', entityId: String(bookingId), summary: `${r.state} the refund of ${dollars(amount)} on booking ${r.locator}: ${input.reason}` }));
});
