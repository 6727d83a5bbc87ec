import { toDbInstant, utcDay } from '../../../shared/time';
import type { DocumentStore } from '../engine/documents';
import type { MysqlDb } from '../engine/mysql/mysqlDb';
import type { RawSqlite, SqliteDb } from '../engine/sqlite/sqliteDb';
import type { SqlValue } from '../engine/sql';
import { MIRRORED, MirrorWriter, type Row } from './mirror';
import { readState, writeState } from '../engine/sqlite/syncState';
import { checkpointOf, copyReviews, REVIEW_CHECKPOINT, type ReviewCheckpoint } from './pullReviews';

const BATCH = 5_000;
const DAY = 86_400_000;

interface HydrationState {
  /** change_log position when the copy began: the pull starts there once the copy is done. */
  startCheckpoint: number;
  /** Per table: the last key copied, or 'done'. */
  tables: Record<string, SqlValue[] | 'done'>;
  /** The server's review marks before the reviews were first copied: the review pull starts there. */
  reviews?: ReviewCheckpoint;
}

/** What a device needs of each table: the next 90 days of flights, inventory from today on… */
export function deviceScope(table: string, now: number): { where: string; params: SqlValue[] } {
  const today = utcDay(now);
  switch (table) {
    case 'flights':
      return { where: 'departure_ts_utc >= ? AND departure_ts_utc < ?', params: [toDbInstant(now - DAY), toDbInstant(now + 91 * DAY)] };
    case 'hotel_inventory':
      return { where: 'stay_date >= ?', params: [today] };
    case 'car_availability':
      return { where: 'rental_date >= ?', params: [today] };
    case 'flight_seat_holds':
      return {
        where: "status = 'active' AND flight_id IN (SELECT id FROM flights WHERE departure_ts_utc >= ? AND departure_ts_utc < ?)",
        params: [toDbInstant(now - DAY), toDbInstant(now + 91 * DAY)],
      };
    default:
      return { where: '1 = 1', params: [] };
  }
}

function after(pk: string[], last: SqlValue[] | 'done' | undefined): { where: string; params: SqlValue[] } {
  if (!last || last === 'done') return { where: '1 = 1', params: [] };
  if (pk.length === 1) return { where: `${pk[0]} > ?`, params: [last[0] ?? null] };
  return { where: `(${pk[0]} > ? OR (${pk[0]} = ? AND ${pk[1]} > ?))`, params: [last[0] ?? null, last[0] ?? null, last[1] ?? null] };
}

export interface HydrationProgress { phase: string; done: number; total: number | null }

/**
 * Copies what a device needs from MySQL (and recent reviews from MongoDB) into SQLite, in keyset
 * batches, each batch in one SQLite transaction together with how far it got: a crash resumes at
 * the last batch, never copies twice, never skips.
 */
export async function hydrate(
  central: MysqlDb, docs: DocumentStore,
  localDb: SqliteDb, localDocs: DocumentStore, now: () => number, onProgress: (p: HydrationProgress) => void,
): Promise<{ rows: number }> {
  const local = localDb.handle;
  const writer = new MirrorWriter(local, localDb.secrets);
  let state = await localDb.withHandle(() => readState<HydrationState | null>(local, 'hydrate.state', null));
  if (!state) {
    const top = await central.get<{ id: number | null }>('SELECT MAX(id) AS id FROM change_log');
    const fresh: HydrationState = { startCheckpoint: Number(top?.id ?? 0), tables: {} };
    await localDb.withHandle(() => writeState(local, 'hydrate.state', fresh));
    state = fresh;
  }
  let rows = 0;
  for (const { table, pk } of MIRRORED) {
    if (state.tables[table] === 'done') continue;
    const s = deviceScope(table, now());
    const total = await central.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${s.where}`, s.params);
    let done = 0;
    for (;;) {
      const last = state.tables[table];
      const a = after(pk, last);
      const batch = await central.all<Row>(
        `SELECT * FROM ${table} WHERE ${s.where} AND ${a.where} ORDER BY ${pk.join(', ')} LIMIT ?`, [...s.params, ...a.params, BATCH]);
      const end = batch.at(-1);
      const finished = batch.length < BATCH;
      const current: HydrationState = state;
      await localDb.withHandle(() => local.transaction(() => {
        local.pragma('defer_foreign_keys = ON');
        for (const row of batch) writer.upsert(table, row);
        current.tables[table] = finished ? 'done' : pk.map((c) => end?.[c] ?? null);
        writeState(local, 'hydrate.state', current);
      })());
      rows += batch.length;
      done += batch.length;
      onProgress({ phase: `Downloading ${table.replace(/_/g, ' ')}`, done, total: Number(total?.n ?? 0) });
      if (finished) break;
    }
  }
  let reviewCheckpoint: ReviewCheckpoint | null = null;
  if (docs.recentReviews) {
    // Marks taken before the copy (and kept if it is resumed): a review that changes while it runs
    // is pulled again after it, none is skipped.
    if (!state.reviews && docs.reviewMarks) {
      const current: HydrationState = { ...state, reviews: checkpointOf(await docs.reviewMarks()) };
      await localDb.withHandle(() => writeState(local, 'hydrate.state', current));
      state = current;
    }
    reviewCheckpoint = state.reviews ?? null;
    const done = await copyReviews(docs.recentReviews(new Date(now() - 365 * DAY)), localDb,
      (n) => onProgress({ phase: 'Downloading reviews', done: n, total: null }));
    onProgress({ phase: 'Downloading reviews', done, total: done });
  }
  // Watches and recent deals, so an agent offline still sees them and watches fire on the cache.
  const watches = await docs.watches.listWatches({ limit: 50_000 });
  for (const w of watches) await localDocs.watches.insertWatch({ ...w, provisional: false });
  const deals = await docs.deals.listDeals({ since: new Date(now() - 30 * DAY), limit: 5_000 });
  for (const d of deals) await localDocs.deals.insertDeal(d);
  onProgress({ phase: 'Downloading watches and deals', done: watches.length + deals.length, total: watches.length + deals.length });
  const startCheckpoint = state.startCheckpoint;
  await localDb.withHandle(() => local.transaction(() => {
    writeState(local, 'pull.checkpoint', startCheckpoint);
    if (reviewCheckpoint) writeState(local, REVIEW_CHECKPOINT, reviewCheckpoint);
    writeState(local, 'hydrate.doneUtc', new Date(now()).toISOString());
    local.prepare("DELETE FROM sync_state WHERE key = 'hydrate.state'").run();
  })());
  return { rows };
}

export function isHydrated(local: RawSqlite): boolean {
  return readState<string | null>(local, 'hydrate.doneUtc', null) !== null;
}
