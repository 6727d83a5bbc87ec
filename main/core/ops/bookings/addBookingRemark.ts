import { ContractError } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { insertRow } from '../insertRow';
import { operation } from '../operation';
import { runMutation } from '../runMutation';
import { loadBookingRemark } from './bookingRemarks';

/**
 * A remark on a booking, after the ones before it, signed by the agent. It leaves the booking's
 * row version alone: a note beside the booking does not make a queued cancellation stale.
 */
export const addBookingRemark = operation('bookings.addRemark', async (ctx, input) =>
  runMutation(ctx, async (tx) => {
    const booking = await tx.get<{ id: number }>('SELECT id FROM bookings WHERE id = ?', [input.bookingId]);
    if (!booking) throw new ContractError('NOT_FOUND', `No booking ${input.bookingId}.`, { bookingId: input.bookingId });
    const id = await insertRow(tx, ctx, 'booking_remarks', {
      booking_id: input.bookingId, remark_text: input.text, shareable: input.shareable ? 1 : 0,
      created_by_admin_id: ctx.operator?.id ?? null, created_at_utc: toDbInstant(ctx.now()),
    });
    const remark = await loadBookingRemark(tx, id);
    if (!remark) throw new Error(`booking remark ${id} vanished inside its own transaction`);
    return remark;
  }, (remark) => ({
    // Its own entity: the booking's history lists remarks from their rows, which sync to every console.
    entity: 'booking_remark', entityId: String(remark.id),
    summary: `remark on booking ${remark.bookingId}${remark.shareable ? ' (shareable)' : ''}`,
  })));
