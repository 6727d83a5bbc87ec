import { itemsToCancel, quoteCancellation } from './cancellationQuote';
import { operation } from '../operation';

/** What cancelling would refund, and under which rule; changes nothing. */
export const previewCancellation = operation('bookings.cancelPreview', async (ctx, input) => {
  const db = ctx.engine.sql;
  return quoteCancellation(ctx, db, input.bookingId, await itemsToCancel(db, input.bookingId, input.itemIds, false));
});
