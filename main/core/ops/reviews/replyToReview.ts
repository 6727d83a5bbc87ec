import { requireOperator } from '../context';
import { runMutation } from '../runMutation';
import { requireReview, requireVisibleReview, toReview } from './reviewShape';
import { operation } from '../operation';

/**
 * The business's public answer to a review; a later reply replaces the earlier one. A hidden
 * review is not there for an agent (NOT_FOUND, as for one that does not exist); a supervisor
 * may still answer it.
 */
export const replyToReview = operation('reviews.reply', async (ctx, input) => {
  const operator = requireOperator(ctx);
  let replaced = false;
  return runMutation(ctx, async (tx) => {
    const docs = ctx.engine.docs.within(tx);
    const review = requireVisibleReview(await docs.getReview(input.reviewId), input.reviewId, operator.role);
    replaced = review.reply !== null;
    const updated = await docs.updateReview(review.id, { reply: { text: input.text, by: operator.id, at: new Date(ctx.now()) } });
    return toReview(requireReview(updated, review.id));
  }, (r) => ({ entity: 'review', entityId: r.id, summary: replaced ? 'reply replaced' : 'replied' }));
});
