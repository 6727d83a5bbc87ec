/**
 * Documents: MongoDB collections in central mode, SQLite tables in standalone/offline mode.
 * Instants here are Date objects; the services turn them into contract strings.
 */
import type { DealStore } from './deals';
import type { LogStore } from './logs';
import type { RollupStore } from './rollups';
import type { SqlSession } from './sql';
import type { WatchStore } from './watches';

export type TargetKind = 'hotel' | 'flight' | 'car';

export interface ReviewDoc {
  id: string;
  entityType: TargetKind;
  entityId: number;
  userId: number;
  rating: number;
  title: string | null;
  body: string;
  createdAt: Date;
  /**
   * When the review last changed: its writing, a reply, a moderation. The store stamps it on
   * every insert and update (MongoDB on the server's clock, so every console's writes order on
   * one clock); a document written before reviews had it reads as its `createdAt`. What a
   * device's review pull follows.
   */
  updatedAt: Date;
  reply: { text: string; by: number; at: Date } | null;
  hidden: boolean;
  hiddenReason: string | null;
  /** Photos the customer attached (validated https URLs), kept on the review itself. */
  imageUrls: string[];
  provisional: boolean;
}

export interface ImageDoc {
  id: string;
  entityType: TargetKind;
  entityId: number;
  url: string;
  caption: string | null;
  createdAt: Date;
  /** The gallery's order (images.reorder); an image written before galleries had one reads as 0. */
  position?: number;
}

export interface AuditDoc {
  id: string;
  ts: Date;
  operatorId: number | null;
  channel: string;
  opId: string | null;
  entity: string | null;
  entityId: string | null;
  summary: string;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  operatorId?: number;
  from?: Date;
  to?: Date;
  limit: number;
}

/** A position in a keyset walk: a moment and the id of the review at it. */
export interface ReviewKey { at: Date; id: string }

/**
 * Where a walk of changed reviews can start: the newest `updatedAt`, and the newest `createdAt`
 * among documents that have no `updatedAt` (written before reviews had one). Null where there is none.
 */
export interface ReviewMarks { updatedAt: Date | null; unstampedCreatedAt: Date | null }

export interface RatingSummary {
  count: number;
  average: number | null;
  byStars: number[];
}

export interface DocumentStore {
  readonly deals: DealStore;
  readonly watches: WatchStore;
  readonly rollups: RollupStore;
  readonly logs: LogStore;
  /**
   * The same store, its review, image and watch writes made in this SQL transaction where the
   * documents live in the SQL database (SQLite), so they commit or roll back with the mutation.
   * MongoDB ignores `tx` and returns itself.
   */
  within(tx: SqlSession): DocumentStore;
  /** Idempotent on `id`: inserting the same review twice keeps the first (MongoDB stamps its updatedAt again). */
  insertReview(review: ReviewDoc): Promise<ReviewDoc>;
  getReview(id: string): Promise<ReviewDoc | null>;
  updateReview(id: string, patch: Partial<Pick<ReviewDoc, 'reply' | 'hidden' | 'hiddenReason' | 'provisional'>>): Promise<ReviewDoc | null>;
  /** Newest first; the cursor is the last review's `createdAt|id`. */
  listReviews(kind: TargetKind, id: number, opts: { includeHidden: boolean; before?: { at: Date; id: string }; limit: number }): Promise<ReviewDoc[]>;
  ratingSummary(kind: TargetKind, id: number): Promise<RatingSummary>;
  averageRatings(kind: TargetKind, ids: number[]): Promise<Map<number, number>>;
  listImages(kind: TargetKind, id: number): Promise<ImageDoc[]>;
  /** Each listing's first image, for thumbnails in search results. */
  firstImages(kind: TargetKind, ids: number[]): Promise<Map<number, string>>;
  /** Idempotent on `id`; a new image goes to the end of its gallery. */
  insertImage(image: ImageDoc): Promise<ImageDoc>;
  getImage(id: string): Promise<ImageDoc | null>;
  /** Whether there was one to remove. */
  removeImage(id: string): Promise<boolean>;
  /** Numbers the gallery's images 1, 2, 3… in the order of `orderedIds` (ids of its images). */
  setImagePositions(kind: TargetKind, id: number, orderedIds: string[]): Promise<void>;
  appendAudit(entry: AuditDoc): Promise<void>;
  /** customers.merge: the merged customer's reviews and watches become the kept one's. */
  moveCustomerDocuments(fromUserId: number, toUserId: number): Promise<{ reviews: number; watches: number }>;
  /** customers.erase: the customer's watches go (they hold nothing the accounts need). */
  forgetCustomerWatches(userId: number): Promise<number>;
  /** Reviews written since a moment, oldest first (what a device copies when it hydrates). */
  recentReviews?(since: Date): AsyncIterable<ReviewDoc>;
  /**
   * One batch of the reviews changed after `after`, hidden ones included, in (updatedAt, id)
   * order; with `unstamped`, the documents that have no updatedAt instead, in (createdAt, id)
   * order. What a device's review pull walks (device/pullReviews.ts).
   */
  reviewsChangedAfter?(after: ReviewKey, opts: { unstamped: boolean; limit: number }): Promise<ReviewDoc[]>;
  /** The newest change marks the store holds: where a copy that starts now pulls from. */
  reviewMarks?(): Promise<ReviewMarks>;
  listAudit(filter: AuditFilter): Promise<AuditDoc[]>;
  close(): Promise<void>;
}

export function emptySummary(): RatingSummary {
  return { count: 0, average: null, byStars: [0, 0, 0, 0, 0] };
}
