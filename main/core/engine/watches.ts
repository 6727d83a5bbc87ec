import type { WatchCondition, WatchHit, WatchTarget } from '../../../shared/contract';

/** A `watches` document: a customer's standing question about a price or availability. */
export interface WatchDoc {
  /** The opId that created it, so a replayed create adds nothing. */
  id: string;
  userId: number;
  target: WatchTarget;
  condition: WatchCondition;
  status: 'active' | 'triggered';
  createdAt: Date;
  createdBy: number | null;
  triggeredAt: Date | null;
  hit: WatchHit | null;
  /** Email the customer when it fires. */
  notifyCustomer: boolean;
  provisional: boolean;
}

/** What changed, so only the watches that could care are read. */
export type WatchProbe =
  | { kind: 'route'; from: string; to: string; day: string }
  | { kind: 'hotel'; hotelId: number; fromDay: string; toDay: string }
  | { kind: 'car'; carId: number; fromDay: string; toDay: string };

export interface WatchStore {
  insertWatch(watch: WatchDoc): Promise<WatchDoc>;
  getWatch(id: string): Promise<WatchDoc | null>;
  listWatches(filter: { userId?: number; status?: 'active' | 'triggered'; limit: number }): Promise<WatchDoc[]>;
  /** Active watches whose target overlaps the probe. */
  activeWatchesFor(probe: WatchProbe): Promise<WatchDoc[]>;
  /** Marks an active watch triggered; false when it was not active (someone else fired it first). */
  markTriggered(id: string, at: Date, hit: WatchHit): Promise<boolean>;
  deleteWatch(id: string): Promise<boolean>;
}
