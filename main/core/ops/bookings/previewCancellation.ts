import { itemsToCancel, quoteCancellation } from './cancellationQuote';
import { operation } from '../operation';

/** What cancelling would refund, and under which rule; changes nothing. */
export const previewCancellation = operation('bookings.cancelPreview', async (ctx, input) => {
  return quoteCancellation(ctx, input.bookingId, await itemsToCancel(ctx.engine.sql, input.bookingId, input.itemIds, false));
});
