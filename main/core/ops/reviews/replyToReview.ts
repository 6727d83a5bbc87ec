import type { ChannelArgs, ChannelOutput } from '../../../../shared/contract';
import { writeAudit } from '../audit/audit';
import { requireOperator, type ServiceContext } from '../context';
import { requireReview, toReview } from './reviewShape';

/** The business's public answer to a review; a later reply replaces the earlier one. */
export async function replyToReview(ctx: ServiceContext, input: ChannelArgs<'reviews.reply'>): Promise<ChannelOutput<'reviews.reply'>> {
  const operator = requireOperator(ctx);
  const docs = ctx.engine.docs;
  const review = requireReview(await docs.getReview(input.reviewId), input.reviewId);
  // A replayed reply (same text, same operator) keeps its first time instead of moving it.
  const same = review.reply && review.reply.text === input.text && review.reply.by === operator.id;
  const updated = same ? review : await docs.updateReview(review.id, { reply: { text: input.text, by: operator.id, at: new Date(ctx.now()) } });
  const result = requireReview(updated, review.id);
  await writeAudit(ctx, 'review', review.id, review.reply ? 'reply replaced' : 'replied');
  return toReview(result);
}
