import { runMutation } from '../runMutation';
import { requireReview, toReview } from './reviewShape';
import { operation } from '../operation';

/** Hides a review from agents and from the rating summary, or shows it again; the reason goes to the audit trail either way. */
export const moderateReview = operation('reviews.moderate', async (ctx, input) => {
  return runMutation(ctx, async (tx) => {
    const docs = ctx.engine.docs.within(tx);
    const review = requireReview(await docs.getReview(input.reviewId), input.reviewId);
    const updated = await docs.updateReview(review.id, { hidden: input.hidden, hiddenReason: input.hidden ? input.reason : null });
    return toReview(requireReview(updated, review.id));
  }, () => ({ entity: 'review', entityId: input.reviewId, summary: `${input.hidden ? 'hidden' : 'shown again'}: ${input.reason}` }));
});
