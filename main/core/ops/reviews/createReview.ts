import { ContractError, type ChannelArgs, type ChannelOutput } from '../../../../shared/contract';
import { writeAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { requireOpId, requireTarget, toReview } from './reviewShape';

/**
 * Reviews live in the document store (MongoDB centrally), outside the SQL transaction, so
 * runMutation's applied_ops row cannot make them exactly-once. The review's id is the opId
 * instead: a replayed create finds the first review and returns it unchanged.
 */
export async function createReview(ctx: ServiceContext, input: ChannelArgs<'reviews.create'>): Promise<ChannelOutput<'reviews.create'>> {
  const id = requireOpId(ctx.opId, ctx.channel);
  const db = ctx.engine.sql;
  await requireTarget(db, input.targetKind, input.targetId);
  if (!(await db.get('SELECT id FROM users WHERE id = ?', [input.customerId]))) {
    throw new ContractError('NOT_FOUND', `No customer ${input.customerId}.`, { customerId: input.customerId });
  }
  const stored = await ctx.engine.docs.insertReview({
    id, entityType: input.targetKind, entityId: input.targetId, userId: input.customerId, rating: input.rating,
    title: input.title ? input.title : null, body: input.text, createdAt: new Date(ctx.now()),
    reply: null, hidden: false, hiddenReason: null, imageUrls: input.imageUrls, provisional: ctx.engine.provisional,
  });
  await writeAudit(ctx, 'review', stored.id, `${stored.rating}-star review of ${stored.entityType} ${stored.entityId} by customer ${stored.userId}`);
  return toReview(stored);
}
