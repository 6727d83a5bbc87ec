import { ContractError, roleAllows, type Role } from '../../../../shared/contract';
import { runMutation } from '../runMutation';
import type { ReviewDoc } from '../../engine/documents';
import { requireOpId, requireTarget, sameReviewContent, toReview } from './reviewShape';
import { operation } from '../operation';

/**
 * A customer's review of a flight, hotel or car. The review's id is the opId, so even where the
 * document store cannot share the SQL transaction (MongoDB) a second run keeps the first review.
 *
 * An opId that is already another review's id (a seeded or imported one has no applied_ops row to
 * refuse it) never answers that review: a stored review is this op's earlier run only when it says
 * what this run would write, and (for an agent) is not hidden; otherwise CONFLICT, nothing written.
 */
export const createReview = operation('reviews.create', async (ctx, input) => {
  const id = requireOpId(ctx.opId, ctx.channel);
  return runMutation(ctx, async (tx) => {
    await requireTarget(tx, input.targetKind, input.targetId);
    if (!(await tx.get('SELECT id FROM users WHERE id = ?', [input.customerId]))) {
      throw new ContractError('NOT_FOUND', `No customer ${input.customerId}.`, { customerId: input.customerId });
    }
    const at = new Date(ctx.now());
    const docs = ctx.engine.docs.within(tx);
    const wanted: ReviewDoc = {
      id, entityType: input.targetKind, entityId: input.targetId, userId: input.customerId, rating: input.rating,
      title: input.title ? input.title : null, body: input.text, createdAt: at, updatedAt: at,
      reply: null, hidden: false, hiddenReason: null, imageUrls: input.imageUrls, provisional: ctx.engine.provisional,
    };
    // Looked up before the insert, so a refused opId leaves the other review untouched (MongoDB's
    // insert would stamp it); checked again after it, for a review written in between.
    const before = await docs.getReview(id);
    if (before) return toReview(ownEarlierRun(ctx.operator?.role, before, wanted));
    return toReview(ownEarlierRun(ctx.operator?.role, await docs.insertReview(wanted), wanted));
  }, (r) => ({ entity: 'review', entityId: r.id, summary: `${r.rating}-star review of ${r.targetKind} ${r.targetId} by customer ${r.customerId}` }));
});

/** The stored review, when it is this op's own (an earlier run of it, or the one just written); CONFLICT when it is someone else's. */
function ownEarlierRun(role: Role | undefined, stored: ReviewDoc, wanted: ReviewDoc): ReviewDoc {
  const mayBeOurs = sameReviewContent(stored, wanted) && (!stored.hidden || (role !== undefined && roleAllows(role, 'supervisor')));
  if (!mayBeOurs) {
    throw new ContractError('CONFLICT', `opId ${wanted.id} is already the id of another review; a new review needs a new opId.`, { field: 'opId' });
  }
  return stored;
}
