import { toDbInstant } from '../../../../shared/time';
import type { CoreConfig } from '../../config';
import type { Engine } from '../context';
import { composeMessage } from './composeMessage';
import { MailFailure, type MailSender } from './mailSender';
import { loadMessageRow } from './messageRows';

type Log = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;

export interface PostmanDeps {
  config: CoreConfig;
  now: () => number;
  sender: MailSender;
  log: Log;
  /** Where messages are recorded for good: standalone the local database, centrally MySQL while online; null offline. */
  storeOfRecord(): Engine | null;
}

/**
 * A claim older than this is taken to be a console that died mid-send: another console sends the
 * message again (with the same Message-ID). Generous beside the SMTP timeouts of the adapter.
 */
export const CLAIM_STALE_MS = 120_000;
const SWEEP_BATCH = 50;

/**
 * Sends recorded messages: claims a queued row (one conditional UPDATE), talks SMTP, then marks it
 * sent, or failed with the reason. The row committed as queued before any of this, so a crash
 * anywhere leaves it queued and it is sent again, with the same Message-ID: at least once, never
 * lost. A console resends its own stale claims at once after a restart (its earlier process cannot
 * still be sending: within one process the in-flight set says what is being sent), another
 * console's only once they are CLAIM_STALE_MS old.
 *
 * Queued messages are swept at start, after every sync with the servers (offline sends arrive with
 * the replay) and when an op asks; failed ones wait in Needs attention for an agent's retry.
 */
export class Postman {
  private readonly inFlight = new Set<number>();
  private sweeping: Promise<void> | null = null;
  private sweepAgain = false;
  private closed = false;

  constructor(private readonly deps: PostmanDeps) {}

  /**
   * Sends one queued message now, if no one else is sending it. Never throws: whatever the SMTP
   * server says ends on the row; a lost database leaves it queued for the next sweep.
   */
  async deliver(engine: Engine, id: number): Promise<void> {
    if (this.inFlight.has(id) || this.closed) return;
    this.inFlight.add(id);
    try {
      await this.attempt(engine, id);
    } catch (err) {
      this.deps.log('warn', `message ${id} stays queued: ${(err as Error)?.message ?? String(err)}`, { source: 'mail' });
    } finally {
      this.inFlight.delete(id);
    }
  }

  private async attempt(engine: Engine, id: number): Promise<void> {
    const { config, now, sender } = this.deps;
    const at = toDbInstant(now());
    const claimed = await engine.sql.run(
      `UPDATE messages SET attempts = attempts + 1, attempted_at_utc = ?, attempted_console = ?, updated_at_utc = ?, row_version = row_version + 1
        WHERE id = ? AND state = 'queued' AND (attempted_at_utc IS NULL OR attempted_at_utc < ? OR attempted_console = ?)`,
      [at, config.consoleName, at, id, toDbInstant(now() - CLAIM_STALE_MS), config.consoleName]);
    if (claimed.affectedRows === 0) return;
    const row = await loadMessageRow(engine.sql, id);
    if (!row) return;
    let failure: string | null = null;
    try {
      const mail = await composeMessage(engine, config, row, now());
      if (!sender.from) throw new MailFailure('not-configured', 'Email is not set up on this console.');
      await sender.send({ ...mail, from: sender.from });
    } catch (err) {
      if (!(err instanceof MailFailure)) this.deps.log('error', `message ${id} could not be made`, { error: (err as Error)?.stack ?? String(err), source: 'mail' });
      failure = err instanceof MailFailure ? err.reason : `The message could not be made: ${(err as Error)?.message ?? String(err)}`;
    }
    const done = toDbInstant(now());
    if (failure === null) {
      await engine.sql.run(
        `UPDATE messages SET state = 'sent', sent_at_utc = ?, failure_reason = NULL, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ? AND state = 'queued'`,
        [done, done, id]);
    } else {
      await engine.sql.run(
        `UPDATE messages SET state = 'failed', failure_reason = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ? AND state = 'queued'`,
        [failure.slice(0, 500), done, id]);
      this.deps.log('warn', `message ${id} to ${row.to_address} not sent: ${failure}`, { source: 'mail' });
    }
  }

  /** Sends what is queued on the store of record, in the background (one sweep at a time; a kick during one runs another after it). */
  kick(): void {
    if (this.closed) return;
    if (this.sweeping) {
      this.sweepAgain = true;
      return;
    }
    this.sweeping = (async () => {
      do {
        this.sweepAgain = false;
        await this.sweep().catch((err: unknown) => this.deps.log('warn', `queued messages not swept: ${(err as Error)?.message ?? String(err)}`, { source: 'mail' }));
      } while (this.sweepAgain && !this.closed);
    })().finally(() => { this.sweeping = null; });
  }

  private async sweep(): Promise<void> {
    const engine = this.deps.storeOfRecord();
    if (!engine) return;
    const { config, now } = this.deps;
    const due = await engine.sql.all<{ id: number }>(
      `SELECT id FROM messages WHERE state = 'queued' AND (attempted_at_utc IS NULL OR attempted_at_utc < ? OR attempted_console = ?) ORDER BY id LIMIT ${SWEEP_BATCH}`,
      [toDbInstant(now() - CLAIM_STALE_MS), config.consoleName]);
    for (const { id } of due) {
      if (this.closed) return;
      await this.deliver(engine, Number(id));
    }
  }

  /** Resolves when no sweep is running (tests, and close). */
  async idle(): Promise<void> {
    while (this.sweeping) await this.sweeping;
  }

  /** Starts nothing new and waits for the sweep in flight. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }
}
