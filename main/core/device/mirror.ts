import type { RawSqlite } from '../engine/sqlite/sqliteDb';
import { placeholders, type SqlSession, type SqlValue } from '../engine/sql';

/** The MySQL tables a device mirrors, with their keys, in the order a fresh copy is filled. */
export const MIRRORED: ReadonlyArray<{ table: string; pk: string[] }> = [
  { table: 'us_states', pk: ['code'] },
  { table: 'airports', pk: ['iata'] },
  { table: 'admins', pk: ['id'] },
  { table: 'users', pk: ['id'] },
  { table: 'hotels', pk: ['id'] },
  { table: 'hotel_room_types', pk: ['id'] },
  { table: 'hotel_inventory', pk: ['room_type_id', 'stay_date'] },
  { table: 'flights', pk: ['id'] },
  { table: 'cars', pk: ['id'] },
  { table: 'car_availability', pk: ['car_id', 'rental_date'] },
  { table: 'bookings', pk: ['id'] },
  { table: 'booking_items', pk: ['id'] },
  { table: 'payment_methods', pk: ['id'] },
  { table: 'billing', pk: ['id'] },
  { table: 'flight_seat_holds', pk: ['id'] },
];

export const PK_OF = new Map(MIRRORED.map((m) => [m.table, m.pk]));

export type Row = Record<string, SqlValue>;

/** `room_type_id|stay_date` as the change_log triggers write it, back into key values. */
export function parseRowPk(table: string, rowPk: string): SqlValue[] {
  const pk = PK_OF.get(table) ?? ['id'];
  const parts = pk.length === 1 ? [rowPk] : rowPk.split('|');
  return pk.map((col, i) => (col === 'id' || col.endsWith('_id') ? Number(parts[i]) : (parts[i] ?? null)));
}

/** Current server rows for some keys of one table (missing keys were deleted: tombstones). */
export async function fetchRows(central: SqlSession, table: string, keys: SqlValue[][]): Promise<Row[]> {
  const pk = PK_OF.get(table) ?? ['id'];
  const out: Row[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const where = pk.length === 1
      ? `${pk[0]} IN (${placeholders(chunk.length)})`
      : `(${pk.join(', ')}) IN (${chunk.map(() => `(${placeholders(pk.length)})`).join(', ')})`;
    out.push(...(await central.all<Row>(`SELECT * FROM ${table} WHERE ${where}`, chunk.flat())));
  }
  return out;
}

/**
 * Writes server rows into the local mirror (insert or update by key); rows the server marks as
 * final clear the local `provisional` mark. Synchronous: callers hold a SQLite transaction.
 */
export class MirrorWriter {
  private readonly columns = new Map<string, Set<string>>();
  private readonly statements = new Map<string, { run(...params: SqlValue[]): unknown }>();
  constructor(private readonly db: RawSqlite) {}

  private localColumns(table: string): Set<string> {
    let cols = this.columns.get(table);
    if (!cols) {
      cols = new Set((this.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
      this.columns.set(table, cols);
    }
    return cols;
  }

  upsert(table: string, row: Row): void {
    const local = this.localColumns(table);
    const pk = PK_OF.get(table) ?? ['id'];
    const cols = Object.keys(row).filter((c) => local.has(c));
    const withProvisional = local.has('provisional');
    const key = `${table}:${cols.join(',')}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      const allCols = withProvisional ? [...cols, 'provisional'] : cols;
      const values = withProvisional ? `${placeholders(cols.length)}, 0` : placeholders(cols.length);
      const updates = allCols.filter((c) => !pk.includes(c)).map((c) => `${c} = excluded.${c}`);
      stmt = this.db.prepare<SqlValue[]>(
        `INSERT INTO ${table} (${allCols.join(', ')}) VALUES (${values}) ON CONFLICT (${pk.join(', ')}) DO UPDATE SET ${updates.join(', ')}`);
      this.statements.set(key, stmt);
    }
    stmt.run(...cols.map((c) => normalise(row[c])));
  }

  remove(table: string, key: SqlValue[]): void {
    const pk = PK_OF.get(table) ?? ['id'];
    this.db.prepare(`DELETE FROM ${table} WHERE ${pk.map((c) => `${c} = ?`).join(' AND ')}`).run(...key.map(normalise));
  }
}

function normalise(v: SqlValue | undefined): SqlValue {
  if (v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  return v;
}
