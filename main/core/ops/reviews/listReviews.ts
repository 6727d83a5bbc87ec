import { ContractError, roleAllows } from '../../../../shared/contract';
import { decodeKeyset, keysetPage } from '../keysetCursor';
import { requireTarget, toReview } from './reviewShape';
import { operation } from '../operation';

/** Newest first. Hidden reviews are for supervisors' eyes only and never count in the summary. */
export const listReviews = operation('reviews.list', async (ctx, input) => {
  if (input.includeHidden && !(ctx.operator && roleAllows(ctx.operator.role, 'supervisor'))) {
    throw new ContractError('FORBIDDEN', 'Only a supervisor may see hidden reviews.');
  }
  const keyset = input.cursor ? decodeKeyset(input.cursor) : undefined;
  const before = keyset ? { at: keyset.ts, id: keyset.id } : undefined;
  await requireTarget(ctx.engine.sql, input.targetKind, input.targetId);
  const [docs, summary] = await Promise.all([
    ctx.engine.docs.listReviews(input.targetKind, input.targetId, { includeHidden: input.includeHidden, before, limit: input.limit + 1 }),
    ctx.engine.docs.ratingSummary(input.targetKind, input.targetId),
  ]);
  return {
    ...keysetPage(docs, input.limit, (d) => ({ ts: d.createdAt, id: d.id }), toReview),
    summary,
  };
});
