import type { Collection, OptionalUnlessRequiredId } from 'mongodb';

const DUPLICATE_KEY = 11000;
/** Past this many entries waiting, appends wait for a write instead of growing the queue. */
const HIGH_WATER = 2_000;
/** Entries kept for a retry while the server is away; older ones are dropped (and logged). */
const MAX_KEPT = 50_000;
const BATCH = 500;
const RETRY_MS = 1_000;
/** How long the first entry after a quiet spell waits for others to join its batch. */
const GATHER_MS = 50;

type Log = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;

/** The driver's bulk error: which inserts failed and why (by shape: no driver import needed). */
interface BulkFailure { code?: number; writeErrors?: Array<{ code?: number }> | { code?: number } }

function onlyDuplicates(err: unknown): boolean {
  const e = err as BulkFailure | null;
  if (!e) return false;
  const writeErrors = e.writeErrors === undefined ? [] : Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
  if (writeErrors.length === 0) return e.code === DUPLICATE_KEY;
  return writeErrors.every((w) => w.code === DUPLICATE_KEY);
}

/**
 * Audit documents, written behind the request: a FerretDB insert costs a few milliseconds, and a
 * hold or booking must not wait for it (nor hold its row locks meanwhile). Entries queue here and
 * go in batches (insertMany, unordered: one duplicate does not stop the rest). An entry's id
 * derives from its opId, so a duplicate is an entry already written and is ignored. A failed
 * batch is logged and kept for a retry; it never undoes the change it describes. Readers of the
 * trail call flush() first, so they see every entry made before they asked.
 */
export class AuditWriter<D extends { _id: string }> {
  private queue: D[] = [];
  private writing: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private gather: NodeJS.Timeout | null = null;
  /** Entries ever appended, and entries written (or given up on), in append order. */
  private appended = 0;
  private settled = 0;

  constructor(private readonly collection: () => Collection<D>, private readonly log: Log) {}

  append(doc: D): Promise<void> {
    this.queue.push(doc);
    this.appended++;
    // Back-pressure: a server slower than the writers makes the writers wait, not the heap grow.
    if (this.queue.length > HIGH_WATER) return this.kick();
    if (!this.writing) this.gatherThenWrite();
    return Promise.resolve();
  }

  /** A write costs the server about as much for one entry as for many: let a few gather first. */
  private gatherThenWrite(): void {
    if (this.gather || this.retry) return;
    this.gather = setTimeout(() => { this.gather = null; void this.kick(); }, GATHER_MS);
    this.gather.unref();
  }

  /**
   * Waits until every entry appended before the call is written. Bounded: the pass already
   * running, one for these entries and one retry; a server that is away does not hang the caller.
   */
  async flush(): Promise<void> {
    const target = this.appended;
    for (let pass = 0; this.settled < target && pass < 3; pass++) await this.kick();
  }

  private kick(): Promise<void> {
    if (this.gather) clearTimeout(this.gather);
    this.gather = null;
    this.writing ??= this.drain().finally(() => {
      this.writing = null;
      // Entries appended during the pass get their own; after a failure the retry timer runs.
      if (this.queue.length > 0) this.gatherThenWrite();
    });
    return this.writing;
  }

  /** One pass over what is queued when it starts, in batches; stops at the first failure. */
  private async drain(): Promise<void> {
    let left = this.queue.length;
    while (left > 0) {
      const batch = this.queue.splice(0, Math.min(BATCH, left));
      left -= batch.length;
      try {
        await this.collection().insertMany(batch as OptionalUnlessRequiredId<D>[], { ordered: false });
      } catch (err) {
        if (!onlyDuplicates(err)) {
          this.keepForRetry(batch, err);
          return;
        }
      }
      this.settled += batch.length;
    }
  }

  private keepForRetry(batch: D[], err: unknown): void {
    // Inserted ones come back as duplicates on the retry.
    this.queue = [...batch, ...this.queue];
    const dropped = this.queue.length - MAX_KEPT;
    if (dropped > 0) {
      this.queue.splice(0, dropped);
      this.settled += dropped;
    }
    this.log('warn', 'audit entries could not be written; will retry', {
      error: String((err as Error)?.message ?? err), waiting: this.queue.length, ...(dropped > 0 ? { dropped } : {}),
    });
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.queue.length > 0) void this.kick();
    }, RETRY_MS);
    this.retry.unref();
  }

  /** A last attempt, then no more retries (the core is closing). */
  async close(): Promise<void> {
    await this.flush();
    if (this.retry) clearTimeout(this.retry);
    if (this.gather) clearTimeout(this.gather);
    this.retry = null;
    this.gather = null;
    if (this.queue.length > 0) this.log('warn', `${this.queue.length} audit entries could not be written before closing`);
  }
}
