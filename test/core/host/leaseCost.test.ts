import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobName } from '../../../shared/contract';
import { JobLeases } from '../../../main/core/host/jobLeases';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import type { SqlParams, SqlSession } from '../../../main/core/engine/sql';
import { freshCentralServer } from '../../support/testCore';

const JOBS: Array<{ job: JobName; firstAfterMs: number }> = ['holds.sweep', 'analytics.rollup', 'deals.scan', 'changeLog.prune', 'logs.retention'].map((job) => ({ job: job as JobName, firstAfterMs: 0 }));

/** The server's session, with every statement sent through it written down. */
function counted(db: MysqlDb, sent: string[]): SqlSession {
  return {
    lockForUpdate: db.lockForUpdate,
    provisionalColumn: () => db.provisionalColumn(),
    isDuplicate: (err: unknown) => db.isDuplicate(err),
    isMissingReference: (err: unknown) => db.isMissingReference(err),
    onKeyConflict: (key: readonly string[], set: readonly string[], also?: string) => db.onKeyConflict(key, set, also),
    all: <T>(sql: string, params?: SqlParams) => { sent.push(sql.trim().split(/\s+/)[0] ?? ''); return db.all<T>(sql, params); },
    get: <T>(sql: string, params?: SqlParams) => { sent.push(sql.trim().split(/\s+/)[0] ?? ''); return db.get<T>(sql, params); },
    run: (sql: string, params?: SqlParams) => { sent.push(sql.trim().split(/\s+/)[0] ?? ''); return db.run(sql, params); },
  };
}

/**
 * Issue 19, part 6: with hundreds of consoles, lease renewals were most of an idle console's
 * queries (an UPDATE per job every 5 s on every console). Now a console that leads nothing reads
 * the leases once a round; the leader reads them and renews all its jobs in one UPDATE.
 */
describe('what a round of job leases costs the server (MariaDB)', () => {
  let server: MysqlDb;
  beforeAll(async () => { server = (await freshCentralServer('leasecost')).server; });
  afterAll(async () => { await server?.close(); });

  it('the leader renews with one read and one UPDATE; a console that leads nothing only reads; a lapsed lease is still taken over', async () => {
    const leaderSent: string[] = [];
    const otherSent: string[] = [];
    const leader = new JobLeases(counted(server, leaderSent), 'desk-a#1', { ttlMs: 1_500, renewMs: 250 });
    const other = new JobLeases(counted(server, otherSent), 'desk-b#2', { ttlMs: 1_500, renewMs: 250 });
    const first = await leader.renew(JOBS);
    expect(first.every((l) => l.holder === 'desk-a#1' && l.live)).toBe(true);
    await other.renew(JOBS);

    leaderSent.length = 0;
    otherSent.length = 0;
    const byLeader = await leader.renew(JOBS);
    const byOther = await other.renew(JOBS);
    expect(leaderSent).toEqual(['SELECT', 'UPDATE']);
    expect(otherSent).toEqual(['SELECT']);
    for (const view of [byLeader, byOther]) expect(view.map((l) => [l.job, l.holder, l.live])).toEqual(JOBS.map((j) => [j.job, 'desk-a#1', true]).sort());

    // The leader goes quiet: once its leases lapse, the other console takes every job in one UPDATE.
    await new Promise((r) => setTimeout(r, 1_700));
    otherSent.length = 0;
    const taken = await other.renew(JOBS);
    expect(taken.every((l) => l.holder === 'desk-b#2' && l.live)).toBe(true);
    expect(otherSent).toEqual(['SELECT', 'UPDATE', 'SELECT']);
    const back = await leader.renew(JOBS);
    expect(back.every((l) => l.holder === 'desk-b#2')).toBe(true);
  });
});
