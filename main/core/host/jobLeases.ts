import { randomBytes } from 'node:crypto';
import type { JobName } from '../../../shared/contract';
import { fromDbInstant } from '../../../shared/time';
import type { SqlSession } from '../engine/sql';

/** How long a lease lasts and how often its holder renews it; tests shorten both. */
export interface LeaseTimings {
  ttlMs: number;
  renewMs: number;
}

/**
 * 15 s leases renewed every 5 s: a leader that misses two renewals in a row still holds its jobs,
 * and a dead leader's jobs move within ttl + 2 × renew = 25 s (under the 30 s the issue allows;
 * consoles that lead nothing look every other round).
 */
export const DEFAULT_LEASE_TIMINGS: LeaseTimings = { ttlMs: 15_000, renewMs: 5_000 };

/** A job's lease as the server has it now. */
export interface LeaseView {
  job: JobName;
  holder: string;
  /** The lease has not expired by the server's clock. */
  live: boolean;
  /** Its next run is due by the server's clock (or was never scheduled). */
  due: boolean;
  lastRunUtc: string | null;
  nextRunUtc: string | null;
}

type LeaseRow = {
  job: string; holder: string; live: number | string; due: number | string;
  last_run_utc: string | null; next_run_utc: string | null;
};

/** A console's lease holder id: its name and a per-start instance, so two consoles given one name still differ. */
export function leaseHolderId(consoleName: string): string {
  return `${consoleName.slice(0, 64)}#${randomBytes(4).toString('hex')}`;
}

const micros = (ms: number) => Math.round(ms * 1000);

/**
 * The `job_leases` table (migrations/mysql/011_job_leases.sql) as one console uses it. Every time
 * compared or written is the server's (UTC_TIMESTAMP(3)): consoles' clocks may drift apart, the
 * server's is the one they share.
 */
export class JobLeases {
  /** Jobs whose row is known to exist: the INSERT IGNORE is needed once per job per console start. */
  private readonly known = new Set<JobName>();

  constructor(private readonly sql: SqlSession, readonly holder: string, readonly timings: LeaseTimings) {}

  /**
   * Takes or renews the leases this console holds or may take: the leases are read first, and
   * only those held here or expired are written, in one conditional UPDATE that succeeds for the
   * holder or when the lease has expired. InnoDB re-reads each row under its lock, so of two
   * consoles taking an expired lease at once the second finds it held and changes nothing.
   * A console that leads nothing so costs the server one read a round, its leader two: with
   * hundreds of consoles, one UPDATE per job per console every 5 s was most of an idle console's
   * queries. A job seen for the first time is inserted first (INSERT IGNORE: the first console
   * wins it), its first run due `firstAfterMs` from now. Returns every lease as it is after.
   */
  async renew(jobs: ReadonlyArray<{ job: JobName; firstAfterMs: number }>): Promise<LeaseView[]> {
    const ttl = micros(this.timings.ttlMs);
    for (const { job, firstAfterMs } of jobs) {
      if (this.known.has(job)) continue;
      await this.sql.run(
        `INSERT IGNORE INTO job_leases (job, holder, expires_at_utc, renewed_at_utc, last_run_utc, next_run_utc)
         VALUES (?, ?, DATE_ADD(UTC_TIMESTAMP(3), INTERVAL ? MICROSECOND), UTC_TIMESTAMP(3), NULL, DATE_ADD(UTC_TIMESTAMP(3), INTERVAL ? MICROSECOND))`,
        [job, this.holder, ttl, micros(firstAfterMs)]);
      this.known.add(job);
    }
    const before = await this.read();
    const lease = (job: JobName) => before.find((v) => v.job === job);
    const mine = (job: JobName) => { const l = lease(job); return l?.holder === this.holder && l.live; };
    const claim = jobs.map((j) => j.job).filter((job) => { const l = lease(job); return !l || !l.live || l.holder === this.holder; });
    if (claim.length === 0) return before;
    const res = await this.sql.run(
      `UPDATE job_leases SET holder = ?, expires_at_utc = DATE_ADD(UTC_TIMESTAMP(3), INTERVAL ? MICROSECOND), renewed_at_utc = UTC_TIMESTAMP(3)
        WHERE job IN (${claim.map(() => '?').join(', ')}) AND (holder = ? OR expires_at_utc < UTC_TIMESTAMP(3))`,
      [this.holder, ttl, ...claim, this.holder]);
    // Every lease written was already this console's and still live: the read before still holds.
    if (res.affectedRows === claim.length && claim.every(mine)) return before;
    return this.read();
  }

  /** Every lease as the server has it now. */
  async read(): Promise<LeaseView[]> {
    const rows = await this.sql.all<LeaseRow>(
      `SELECT job, holder, expires_at_utc > UTC_TIMESTAMP(3) AS live,
              (next_run_utc IS NULL OR next_run_utc <= UTC_TIMESTAMP(3)) AS due, last_run_utc, next_run_utc
         FROM job_leases ORDER BY job`);
    return rows.map((r) => ({
      job: r.job as JobName,
      holder: r.holder,
      live: Number(r.live) === 1,
      due: Number(r.due) === 1,
      lastRunUtc: r.last_run_utc ? fromDbInstant(r.last_run_utc) : null,
      nextRunUtc: r.next_run_utc ? fromDbInstant(r.next_run_utc) : null,
    }));
  }

  /** A run finished: the next is due `everyMs` later. Written only while this console holds the lease. */
  async ran(job: JobName, everyMs: number): Promise<void> {
    await this.sql.run(
      `UPDATE job_leases SET last_run_utc = UTC_TIMESTAMP(3), next_run_utc = DATE_ADD(UTC_TIMESTAMP(3), INTERVAL ? MICROSECOND)
        WHERE job = ? AND holder = ?`,
      [micros(everyMs), job, this.holder]);
  }

  /** A clean shutdown hands its jobs over at once instead of leaving them to expire. */
  async release(): Promise<void> {
    await this.sql.run(
      'UPDATE job_leases SET expires_at_utc = DATE_SUB(UTC_TIMESTAMP(3), INTERVAL 1 SECOND) WHERE holder = ?', [this.holder]);
  }
}
