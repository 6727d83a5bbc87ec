import { toDbInstant } from '../../../../shared/time';
import type { ChannelOutput } from '../../../../shared/contract';
import { operation } from '../operation';
import { prepareExchange } from './changeItem';

type Preview = ChannelOutput<'bookings.changePreview'>;

/** Carries the preview out of the transaction it was priced in, so that the transaction rolls back. */
class Priced extends Error {
  constructor(readonly preview: Preview) {
    super('previewed');
  }
}

/**
 * What a change would cost, and whether it can be had (SOLD_OUT otherwise): the change's own
 * inventory steps run in a transaction that is then rolled back, so the preview and the change
 * cannot disagree on a price or on availability (a stay moved by a night counts its own rooms).
 * Nothing is charged and nothing stays changed; on MySQL the rows it priced are locked for those
 * few milliseconds, as a booking's are.
 */
export const previewChange = operation('bookings.changePreview', async (ctx, input) => {
  try {
    await ctx.engine.sql.transaction(async (tx) => {
      const exchange = await prepareExchange(tx, ctx, input, toDbInstant(ctx.now()));
      throw new Priced(exchange.preview);
    });
  } catch (err) {
    if (err instanceof Priced) return err.preview;
    throw err;
  }
  throw new Error('bookings.changePreview: the priced transaction returned');
});
