import { ContractError } from '../../../../shared/contract';
import { runMutation } from '../runMutation';
import { requireOpId, requireTarget, toReview } from './reviewShape';
import { operation } from '../operation';

/**
 * A customer's review of a flight, hotel or car. The review's id is the opId, so even where the
 * document store cannot share the SQL transaction (MongoDB) a second run keeps the first review.
 */
export const createReview = operation('reviews.create', async (ctx, input) => {
  const id = requireOpId(ctx.opId, ctx.channel);
  return runMutation(ctx, async (tx) => {
    await requireTarget(tx, input.targetKind, input.targetId);
    if (!(await tx.get('SELECT id FROM users WHERE id = ?', [input.customerId]))) {
      throw new ContractError('NOT_FOUND', `No customer ${input.customerId}.`, { customerId: input.customerId });
    }
    const stored = await ctx.engine.docs.within(tx).insertReview({
      id, entityType: input.targetKind, entityId: input.targetId, userId: input.customerId, rating: input.rating,
      title: input.title ? input.title : null, body: input.text, createdAt: new Date(ctx.now()),
      reply: null, hidden: false, hiddenReason: null, imageUrls: input.imageUrls, provisional: ctx.engine.provisional,
    });
    return toReview(stored);
  }, (r) => ({ entity: 'review', entityId: r.id, summary: `${r.rating}-star review of ${r.targetKind} ${r.targetId} by customer ${r.customerId}` }));
});
