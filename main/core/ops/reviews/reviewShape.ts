import { ContractError, type Review } from '../../../../shared/contract';
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

export function requireOpId(opId: string | null, channel: string): string {
  if (!opId) throw new Error(`${channel} is a mutation and needs an opId`);
  return opId;
}
