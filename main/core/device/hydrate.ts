import { toDbInstant, utcDay } from '../../../shared/time';
import type { DocumentStore } from '../engine/documents';
import type { LogFn } from '../engine/logs';
import type { MysqlDb } from '../engine/mysql/mysqlDb';
import type { RawSqlite, SqliteDb } from '../engine/sqlite/sqliteDb';
import type { SqlValue } from '../engine/sql';
import { MIRRORED, MirrorWriter, PK_OF, type Row } from './mirror';
import { readState, writeState } from '../engine/sqlite/syncState';
import { checkpointOf, copyReviews, REVIEW_CHECKPOINT, type ReviewCheckpoint } from './pullReviews';

const BATCH = 5_000;
const DAY = 86_400_000;

interface HydrationState {
  /** change_log position when the copy began: the pull starts there once the copy is done. */
  startCheckpoint: number;
  /** Per table: the last key copied, or 'done'. */
  tables: Record<string, SqlValue[] | 'done'>;
  /** Per table: the rows in the device's scope when the copy began, counted once: what the percent is of. */
  totals?: Record<string, number>;
  /** Per table: the rows copied so far, across resumed runs. */
  copied?: Record<string, number>;
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
    // Only shortfalls still open: a closed one is history (the audit trail has it).
    case 'overbookings':
      return { where: 'closed_at_utc IS NULL', params: [] };
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

/** How far the device's offline copy has come: which tables are in, and the share of rows. */
export interface CopyProgress {
  complete: boolean;
  /** 100 once complete; below it until the last step (reviews, watches, deals) is done too. */
  percent: number;
  /** Whether the download finished this table (every table once complete). */
  has(table: string): boolean;
}

/** Read from sync_state, so it answers offline, after a crash, or while a download runs. */
export function copyProgress(local: RawSqlite): CopyProgress {
  if (isHydrated(local)) return { complete: true, percent: 100, has: () => true };
  const state = readState<HydrationState | null>(local, 'hydrate.state', null);
  if (!state) return { complete: false, percent: 0, has: () => false };
  let of = 0;
  let copied = 0;
  for (const [table, total] of Object.entries(state.totals ?? {})) {
    of += total;
    copied += state.tables[table] === 'done' ? total : Math.min(total, state.copied?.[table] ?? 0);
  }
  // Every table in can still leave the reviews, watches and deals to fetch: not 100 until those are in.
  const percent = of > 0 ? Math.min(99, Math.floor((copied * 100) / of)) : 0;
  return { complete: false, percent, has: (table) => state.tables[table] === 'done' };
}

/**
 * The console works online while it downloads, so a row can be made after its parent's table was
 * copied (a booking's travellers, say, after the bookings): its parent is not here yet. Such a row
 * was made after the download's change_log position, so the pull after the download brings it with
 * its parent; until then it is left out rather than stored pointing at nothing. Only this table's
 * rows can break a reference here: every batch before committed whole.
 */
function dropOrphans(local: RawSqlite, table: string): number {
  const refs = local.prepare('SELECT "from", "table", "to" FROM pragma_foreign_key_list(?)').all(table) as Array<{ from: string; table: string; to: string | null }>;
  let dropped = 0;
  for (const ref of refs) {
    const parentKey = ref.to ?? PK_OF.get(ref.table)?.[0] ?? 'id';
    dropped += local.prepare(
      `DELETE FROM ${table} WHERE ${ref.from} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${ref.table} p WHERE p.${parentKey} = ${table}.${ref.from})`).run().changes;
  }
  return dropped;
}

/** The rows of each table in a device's scope, counted when a download begins. */
async function countScope(central: MysqlDb, now: number): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const { table } of MIRRORED) {
    const s = deviceScope(table, now);
    const row = await central.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${s.where}`, s.params);
    totals[table] = Number(row?.n ?? 0);
  }
  return totals;
}

/**
 * Copies what a device needs from MySQL (and recent reviews from MongoDB) into SQLite, in keyset
 * batches, each batch in one SQLite transaction together with how far it got: a crash resumes at
 * the last batch, never copies twice, never skips.
 */
export async function hydrate(
  central: MysqlDb, docs: DocumentStore,
  localDb: SqliteDb, localDocs: DocumentStore, now: () => number, onProgress: (p: HydrationProgress) => void, log?: LogFn,
): Promise<{ rows: number }> {
  const local = localDb.handle;
  const writer = new MirrorWriter(local, localDb.secrets);
  let state = await localDb.withHandle(() => readState<HydrationState | null>(local, 'hydrate.state', null));
  if (!state) {
    // The change_log position is taken before anything is copied: a row that changes while the
    // copy runs (this console works online meanwhile) is pulled again after it.
    const top = await central.get<{ id: number | null }>('SELECT MAX(id) AS id FROM change_log');
    const fresh: HydrationState = { startCheckpoint: Number(top?.id ?? 0), tables: {}, totals: await countScope(central, now()), copied: {} };
    await localDb.withHandle(() => writeState(local, 'hydrate.state', fresh));
    state = fresh;
  } else if (!state.totals) {
    // A download begun by an older version, resumed: it has no totals to show a percent of yet.
    const counted: HydrationState = { ...state, totals: await countScope(central, now()), copied: state.copied ?? {} };
    await localDb.withHandle(() => writeState(local, 'hydrate.state', counted));
    state = counted;
  }
  let rows = 0;
  for (const { table, pk } of MIRRORED) {
    if (state.tables[table] === 'done') continue;
    const s = deviceScope(table, now());
    const total = state.totals?.[table] ?? 0;
    for (;;) {
      const last = state.tables[table];
      const a = after(pk, last);
      const batch = await central.all<Row>(
        `SELECT * FROM ${table} WHERE ${s.where} AND ${a.where} ORDER BY ${pk.join(', ')} LIMIT ?`, [...s.params, ...a.params, BATCH]);
      const end = batch.at(-1);
      const finished = batch.length < BATCH;
      const current: HydrationState = state;
      const done = (current.copied?.[table] ?? 0) + batch.length;
      const copyBatch = (orphans: 'fail' | 'leave to the pull') => local.transaction(() => {
        local.pragma('defer_foreign_keys = ON');
        for (const row of batch) writer.upsert(table, row);
        if (orphans === 'leave to the pull') {
          const left = dropOrphans(local, table);
          if (left > 0) log?.('info', `download: ${left} ${table} rows made after their parents were copied come with the changes after the download`);
        }
        current.tables[table] = finished ? 'done' : pk.map((c) => end?.[c] ?? null);
        current.copied = { ...current.copied, [table]: done };
        writeState(local, 'hydrate.state', current);
      })();
      await localDb.withHandle(() => {
        try {
          copyBatch('fail');
        } catch (err) {
          if ((err as { code?: string })?.code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw err;
          copyBatch('leave to the pull');
        }
      });
      rows += batch.length;
      // Rows added since the count can take it past its total: the bar stays full, not over.
      onProgress({ phase: `Downloading ${table.replace(/_/g, ' ')}`, done, total: Math.max(total, done) });
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
