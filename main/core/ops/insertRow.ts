import { placeholders, type SqlSession, type SqlValue } from '../engine/sql';
import type { ServiceContext } from './context';

/**
 * Inserts a row the use case owns and returns its id. Offline, the row is provisional and takes a
 * negative id: the server's AUTO_INCREMENT ids arrive later through the pull, and a local id must
 * never collide with one of them (id_map ties the two together after replay).
 * `table` and the column names are the caller's constants, never input.
 */
export async function insertRow(tx: SqlSession, ctx: Pick<ServiceContext, 'engine' | 'opId'>, table: string, row: Record<string, SqlValue>): Promise<number> {
  const { engine } = ctx;
  // Copied only when ids are added: a booking inserts four rows, each copy is garbage at once.
  const record: Record<string, SqlValue> = engine.provisional ? { ...row } : row;
  if (engine.provisional) {
    // Below every local id ever handed out, not only those still in the table: after a sync the
    // rows took server ids, but id_map keeps their local ids, which screens and later ops may name.
    const low = await tx.get<{ id: number | null }>(
      `SELECT MIN(id) AS id FROM (SELECT MIN(id) AS id FROM ${table} UNION ALL SELECT MIN(local_id) FROM id_map WHERE entity = ?)`, [table]);
    record.id = Math.min(Number(low?.id ?? 0), 0) - 1;
    record.provisional = 1;
  }
  const res = await tx.run(insertSql(table, record), Object.values(record));
  if (!engine.provisional) return res.insertId;
  // Remember which op made this row, so replay can give it the server's id.
  await tx.run('INSERT INTO id_map (entity, local_id, server_id, op_id) VALUES (?, ?, NULL, ?)', [table, record.id ?? null, ctx.opId]);
  return Number(record.id);
}

/** The statements built so far, per table: a use case inserts rows of the same shape every time. */
const statements = new Map<string, Array<{ columns: string[]; sql: string }>>();

/**
 * The INSERT for a row of these columns, built once per table and column list: building it anew
 * for each of a booking's seven rows was a good share of what a booking allocates (and so of how
 * often the young generation is collected, which sets the p99).
 */
function insertSql(table: string, record: Record<string, SqlValue>): string {
  let known = statements.get(table);
  if (!known) statements.set(table, (known = []));
  for (const entry of known) if (sameColumns(entry.columns, record)) return entry.sql;
  const columns = Object.keys(record);
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`;
  // A handful of shapes per table; more would mean callers build rows ad hoc, and then no cache helps.
  if (known.length < 16) known.push({ columns, sql });
  return sql;
}

function sameColumns(columns: readonly string[], record: Record<string, SqlValue>): boolean {
  let i = 0;
  for (const key in record) {
    if (columns[i] !== key) return false;
    i++;
  }
  return i === columns.length;
}
