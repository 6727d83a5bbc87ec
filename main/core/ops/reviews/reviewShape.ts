import { ContractError, roleAllows, type Review, type Role } from '../../../../shared/contract';
import type { ReviewDoc, TargetKind } from '../../engine/documents';
import type { SqlSession } from '../../engine/sql';

export function toReview(d: ReviewDoc): Review {
  return {
    id: d.id, targetKind: d.entityType, targetId: d.entityId, customerId: d.userId, rating: d.rating, title: d.title,
    text: d.body, createdAtUtc: d.createdAt.toISOString(),
    reply: d.reply ? { text: d.reply.text, byOperatorId: d.reply.by, atUtc: d.reply.at.toISOString() } : null,
    hidden: d.hidden, hiddenReason: d.hiddenReason, imageUrls: d.imageUrls, provisional: d.provisional,
  };
}

const TARGET_TABLE: Record<TargetKind, string> = { flight: 'flights', hotel: 'hotels', car: 'cars' };

/** Reviews and images live in the document store, so nothing there stops one naming a target that does not exist. */
export async function requireTarget(db: SqlSession, kind: TargetKind, id: number): Promise<void> {
  if (!(await db.get(`SELECT id FROM ${TARGET_TABLE[kind]} WHERE id = ?`, [id]))) {
    throw new ContractError('NOT_FOUND', `No ${kind} ${id}.`, { targetKind: kind, targetId: id });
  }
}

export function requireReview(doc: ReviewDoc | null, id: string): ReviewDoc {
  if (!doc) throw new ContractError('NOT_FOUND', `No review ${id}.`, { reviewId: id });
  return doc;
}

/**
 * The review as `role` may see it: hidden reviews are for supervisors' eyes only, so for an agent
 * a hidden review is NOT_FOUND, word for word as one that does not exist.
 */
export function requireVisibleReview(doc: ReviewDoc | null, id: string, role: Role): ReviewDoc {
  const review = requireReview(doc, id);
  if (review.hidden && !roleAllows(role, 'supervisor')) return requireReview(null, id);
  return review;
}

/** Whether a stored review says what this create would have written: the same target, customer, rating and words. */
export function sameReviewContent(stored: ReviewDoc, wanted: ReviewDoc): boolean {
  return stored.entityType === wanted.entityType && Number(stored.entityId) === wanted.entityId && Number(stored.userId) === wanted.userId &&
    stored.rating === wanted.rating && stored.title === wanted.title && stored.body === wanted.body &&
    stored.imageUrls.length === wanted.imageUrls.length && stored.imageUrls.every((u, i) => u === wanted.imageUrls[i]);
}

export function requireOpId(opId: string | null, channel: string): string {
  if (!opId) throw new Error(`${channel} is a mutation and needs an opId`);
  return opId;
}
