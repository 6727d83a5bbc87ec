import type { SqlValue } from '../engine/sql';
import type { MysqlDb } from '../engine/mysql/mysqlDb';
import type { RawSqlite, SqliteDb } from '../engine/sqlite/sqliteDb';
import { fetchRows, MirrorWriter, parseRowPk, PK_OF, type Row } from './mirror';
import { readState, writeState } from '../engine/sqlite/syncState';
import { MarketMoves } from './marketMoves';
import type { InventoryChange } from '../ops/inventory/inventoryChange';

interface Change { id: number; table_name: string; row_pk: string; op: string }

/** How long an id missing from change_log may still turn up (its transaction not yet committed). */
export const GAP_GRACE_MS = 60_000;
const BATCH = 5_000;

export interface PullReport {
  changes: number; rows: number; tombstones: number; checkpoint: number;
  /** Listings that got cheaper or freed up: what deals and watches look at. */
  inventory: InventoryChange[];
}

/**
 * Brings others' changes into the local mirror: change_log ids after the checkpoint, then the
 * rows as they are now. AUTO_INCREMENT ids become visible in commit order, not id order, so the
 * checkpoint only moves over a missing id once it has been missing for GAP_GRACE_MS; ids above it
 * are read again until then (re-applying a row is harmless). The checkpoint is written in the
 * same SQLite transaction as the rows.
 */
export async function pullChanges(central: MysqlDb, localDb: SqliteDb, now: () => number, onProgress?: (done: number) => void): Promise<PullReport> {
  const local = localDb.handle;
  const writer = new MirrorWriter(local, localDb.secrets);
  const moves = new MarketMoves(local);
  const report: PullReport = { inventory: moves.changes, changes: 0, rows: 0, tombstones: 0, checkpoint: await localDb.withHandle((raw) => readState(raw, 'pull.checkpoint', 0)) };
  let cursor = report.checkpoint;
  const seen = new Set<number>();
  for (;;) {
    const changes = await central.all<Change>('SELECT id, table_name, row_pk, op FROM change_log WHERE id > ? ORDER BY id LIMIT ?', [cursor, BATCH]);
    if (changes.length === 0) break;
    const byTable = new Map<string, Map<string, SqlValue[]>>();
    for (const c of changes) {
      if (!PK_OF.has(c.table_name)) continue;
      const keys = byTable.get(c.table_name) ?? new Map<string, SqlValue[]>();
      keys.set(c.row_pk, parseRowPk(c.table_name, c.row_pk));
      byTable.set(c.table_name, keys);
    }
    const fetched: Array<{ table: string; rows: Row[]; missing: SqlValue[][] }> = [];
    for (const [table, keys] of byTable) {
      const rows = await fetchRows(central, table, [...keys.values()]);
      const pk = PK_OF.get(table) ?? ['id'];
      const present = new Set(rows.map((r) => pk.map((c) => String(r[c])).join('|')));
      const missing = [...keys.values()].filter((k) => !present.has(k.map(String).join('|')));
      fetched.push({ table, rows, missing });
    }
    for (const c of changes) seen.add(c.id);
    let checkpoint = report.checkpoint;
    await localDb.withHandle(() => local.transaction(() => {
      local.pragma('defer_foreign_keys = ON');
      checkpoint = advanceCheckpoint(local, report.checkpoint, seen, changes.at(-1)?.id ?? cursor, now());
      for (const f of fetched) {
        for (const row of f.rows) {
          moves.before(f.table, row);
          writer.upsert(f.table, row);
        }
        for (const key of f.missing) writer.remove(f.table, key);
        report.rows += f.rows.length;
        report.tombstones += f.missing.length;
      }
      writeState(local, 'pull.checkpoint', checkpoint);
      writeState(local, 'pull.lastUtc', new Date(now()).toISOString());
    })());
    report.checkpoint = checkpoint;
    report.changes += changes.length;
    cursor = changes.at(-1)?.id ?? cursor;
    onProgress?.(report.changes);
    if (changes.length < BATCH) break;
  }
  if (report.changes === 0) await localDb.withHandle(() => writeState(local, 'pull.lastUtc', new Date(now()).toISOString()));
  return report;
}

/**
 * The highest id up to which every change has been seen, or given up on after the grace period.
 * Missing ids and when they were first missed are kept in sync_state ('pull.gaps').
 */
function advanceCheckpoint(local: RawSqlite, checkpoint: number, seen: Set<number>, top: number, now: number): number {
  const gaps = readState<Record<string, number>>(local, 'pull.gaps', {});
  let next = checkpoint;
  const stillMissing: Record<string, number> = {};
  let blocked = false;
  for (let id = checkpoint + 1; id <= top; id++) {
    if (seen.has(id)) {
      if (!blocked) next = id;
      continue;
    }
    const since = gaps[id] ?? now;
    if (!blocked && now - since >= GAP_GRACE_MS) {
      next = id; // long gone: a rolled-back transaction's id never appears
      continue;
    }
    blocked = true;
    stillMissing[id] = since;
  }
  writeState(local, 'pull.gaps', stillMissing);
  return next;
}
