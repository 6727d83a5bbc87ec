import type { DealKind } from '../../../shared/contract';

/** A `deal_events` document: one event of the deals pipeline or of the local detector. */
export interface DealDoc {
  /** The event's own id (Kafka) or the detector's id for a listing at a price: the same event twice is one document. */
  id: string;
  eventType: 'deal';
  kind: DealKind;
  key: string;
  targetId: number;
  title: string;
  day: string | null;
  priceCents: number;
  referenceCents: number;
  discountPct: number;
  source: 'kafka' | 'detector';
  ts: Date;
}

export interface DealFilter {
  kind?: DealKind;
  since?: Date;
  /** Keyset cursor: deals older than this (newest first). */
  before?: { ts: Date; id: string };
  limit: number;
}

export interface DealStore {
  /** Idempotent by id; true when the event was new. */
  insertDeal(deal: DealDoc): Promise<boolean>;
  listDeals(filter: DealFilter): Promise<DealDoc[]>;
}
