import type { ChannelArgs, ChannelOutput } from '../../../../shared/contract';
import { writeAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { requireReview, toReview } from './reviewShape';

/** Hides a review from agents and from the rating summary, or shows it again; the reason goes to the audit trail either way. */
export async function moderateReview(ctx: ServiceContext, input: ChannelArgs<'reviews.moderate'>): Promise<ChannelOutput<'reviews.moderate'>> {
  const docs = ctx.engine.docs;
  const review = requireReview(await docs.getReview(input.reviewId), input.reviewId);
  const updated = await docs.updateReview(review.id, { hidden: input.hidden, hiddenReason: input.hidden ? input.reason : null });
  const result = requireReview(updated, review.id);
  await writeAudit(ctx, 'review', review.id, `${input.hidden ? 'hidden' : 'shown again'}: ${input.reason}`);
  return toReview(result);
}
