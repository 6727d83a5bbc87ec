import { ContractError, roleAllows, type ChannelArgs, type ChannelOutput } from '../../../../shared/contract';
import type { ServiceContext } from '../context';
import { requireTarget, toReview } from './reviewShape';

/** The cursor is base64url of the last review's `createdAt|id` (newest first). */
function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  const at = new Date(text.slice(0, bar));
  if (bar < 0 || Number.isNaN(at.getTime()) || bar === text.length - 1) {
    throw new ContractError('VALIDATION', 'cursor: not a cursor this list gave out', { fields: [{ field: 'cursor', message: 'not a cursor this list gave out' }] });
  }
  return { at, id: text.slice(bar + 1) };
}

/** Newest first. Hidden reviews are for supervisors' eyes only and never count in the summary. */
export async function listReviews(ctx: ServiceContext, input: ChannelArgs<'reviews.list'>): Promise<ChannelOutput<'reviews.list'>> {
  if (input.includeHidden && !(ctx.operator && roleAllows(ctx.operator.role, 'supervisor'))) {
    throw new ContractError('FORBIDDEN', 'Only a supervisor may see hidden reviews.');
  }
  const before = input.cursor ? decodeCursor(input.cursor) : undefined;
  await requireTarget(ctx.engine.sql, input.targetKind, input.targetId);
  const [docs, summary] = await Promise.all([
    ctx.engine.docs.listReviews(input.targetKind, input.targetId, { includeHidden: input.includeHidden, before, limit: input.limit + 1 }),
    ctx.engine.docs.ratingSummary(input.targetKind, input.targetId),
  ]);
  const page = docs.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toReview),
    nextCursor: docs.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
    summary,
  };
}
