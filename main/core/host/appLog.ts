import { uuidv7 } from '../../../shared/uuidv7';
import type { LogDoc, LogFn, LogStore } from '../engine/logs';

export type { LogFn };

/**
 * Keeps the application's log lines in the `logs` collection (the device's table offline) beside
 * the audit trail, so supervisors can read them in the console. Lines are batched: logging never
 * waits on a database, and a store that cannot be written to drops lines rather than recursing
 * into the log it failed to write.
 */
export class AppLog {
  private queue: LogDoc[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly store: () => LogStore, private readonly now: () => number, private readonly fallback: LogFn, private readonly maxQueue = 5_000) {}

  readonly log: LogFn = (level, msg, extra) => {
    this.fallback(level, msg, extra);
    const source = typeof extra?.source === 'string' ? extra.source : 'core';
    const detail = extra ? Object.entries(extra).filter(([k]) => k !== 'source') : [];
    const message = detail.length > 0 ? `${msg} ${JSON.stringify(Object.fromEntries(detail))}`.slice(0, 4_000) : msg;
    if (this.queue.length >= this.maxQueue) this.queue.shift();
    this.queue.push({ id: uuidv7(), ts: new Date(this.now()), level, source, message, operatorId: null, opId: null, entity: null, entityId: null });
    this.timer ??= setTimeout(() => { void this.flush(); }, 1_000);
    this.timer.unref?.();
  };

  /** Writes what is queued; resolves when it is written (or given up on). */
  flush(): Promise<void> {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.store().appendLogs(batch);
      } catch (err) {
        this.fallback('warn', `could not store ${batch.length} log line(s); they are on the console only`, { error: String(err) });
      }
    });
    return this.flushing;
  }
}
