import { isDuplicateKey, type RawSqlite } from '../engine/sqlite/sqliteDb';
import { placeholders, type SqlSession, type SqlValue } from '../engine/sql';
import type { SecretBox } from '../engine/secretBox';

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
  { table: 'refund_requests', pk: ['id'] },
  { table: 'booking_items', pk: ['id'] },
  { table: 'payment_methods', pk: ['id'] },
  { table: 'billing', pk: ['id'] },
  { table: 'money_movements', pk: ['id'] },
  { table: 'booking_remarks', pk: ['id'] },
  { table: 'customer_remarks', pk: ['id'] },
  { table: 'customer_travellers', pk: ['id'] },
  { table: 'booking_travellers', pk: ['id'] },
  { table: 'schedule_changes', pk: ['id'] },
  { table: 'overbookings', pk: ['inventory_key'] },
  { table: 'invoices', pk: ['booking_id'] },
  { table: 'messages', pk: ['id'] },
  { table: 'flight_seat_holds', pk: ['id'] },
];

export const PK_OF = new Map(MIRRORED.map((m) => [m.table, m.pk]));

/** Columns the server keeps as they are and the device keeps sealed with its own key (engine/secretBox.ts). */
export const SEALED_ON_DEVICE: Readonly<Record<string, readonly string[]>> = { admins: ['totp_secret'] };

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
 * final clear the local `provisional` mark, and a provisional row in the way of one by another
 * unique key makes way (`makeWay`). Synchronous: callers hold a SQLite transaction.
 */
export class MirrorWriter {
  private readonly columns = new Map<string, Set<string>>();
  private readonly statements = new Map<string, { run(...params: SqlValue[]): unknown }>();
  private readonly unique = new Map<string, string[][]>();
  private readonly references = new Map<string, Array<{ child: string; from: string; to: string }>>();
  /** `secrets`: the device's box, for SEALED_ON_DEVICE columns (writers of other tables need none). */
  constructor(private readonly db: RawSqlite, private readonly secrets: SecretBox | null = null) {}

  private localColumns(table: string): Set<string> {
    let cols = this.columns.get(table);
    if (!cols) {
      cols = new Set((this.db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
      this.columns.set(table, cols);
    }
    return cols;
  }

  upsert(table: string, given: Row): void {
    const row = this.sealed(table, given);
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
    const values = cols.map((c) => normalise(row[c]));
    try {
      stmt.run(...values);
    } catch (err) {
      if (!withProvisional || !isDuplicateKey(err) || !this.makeWay(table, row)) throw err;
      stmt.run(...values);
    }
  }

  private sealed(table: string, row: Row): Row {
    const cols = SEALED_ON_DEVICE[table];
    if (!cols) return row;
    const out: Row = { ...row };
    for (const c of cols) {
      const v = row[c];
      if (typeof v !== 'string') continue;
      if (!this.secrets) throw new Error(`the mirror of ${table} needs the device's secret box to keep ${c}`);
      out[c] = this.secrets.seal(v);
    }
    return out;
  }

  /** The unique keys of a local table other than its primary key, as column lists. */
  private uniqueKeys(table: string): string[][] {
    let keys = this.unique.get(table);
    if (!keys) {
      const indexes = this.db.prepare(`PRAGMA index_list(${table})`).all() as Array<{ name: string; unique: number; origin: string; partial: number }>;
      keys = indexes.filter((i) => i.unique === 1 && i.origin !== 'pk' && i.partial === 0)
        .map((i) => (this.db.prepare(`PRAGMA index_info(${i.name})`).all() as Array<{ name: string | null }>).map((c) => c.name ?? ''))
        .filter((cols) => cols.every((c) => c !== ''));
      this.unique.set(table, keys);
    }
    return keys;
  }

  /** Columns of other tables that point at `table` (`from` in `child` → `to`), from the foreign keys. */
  private referencesTo(table: string): Array<{ child: string; from: string; to: string }> {
    let refs = this.references.get(table);
    if (!refs) {
      refs = this.db.prepare(
        `SELECT m.name AS child, f."from" AS "from", COALESCE(f."to", 'id') AS "to"
           FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f."table" = ?`).all(table) as Array<{ child: string; from: string; to: string }>;
      this.references.set(table, refs);
    }
    return refs;
  }

  /**
   * A server row wins over a *provisional* local row holding one of its unique keys: the device's
   * effect of an op the server refused or has not applied yet (a refund of a booking another
   * device cancelled first). Rows that pointed at the provisional row point at the server's (it is
   * the same record by that key) and the provisional row goes; the op that made it keeps its
   * payload in the outbox. A confirmed row never makes way. Whether any row made way.
   */
  private makeWay(table: string, row: Row): boolean {
    const pk = PK_OF.get(table) ?? ['id'];
    if (pk.some((c) => row[c] === undefined)) return false;
    let made = false;
    for (const key of this.uniqueKeys(table)) {
      if (key.some((c) => row[c] === undefined || row[c] === null)) continue;
      const losers = this.db.prepare(
        `SELECT * FROM ${table} WHERE ${key.map((c) => `${c} = ?`).join(' AND ')} AND provisional = 1 AND NOT (${pk.map((c) => `${c} = ?`).join(' AND ')})`,
      ).all(...key.map((c) => normalise(row[c])), ...pk.map((c) => normalise(row[c]))) as Row[];
      for (const loser of losers) {
        // The children point at the server's row before it is written: checked at commit.
        this.db.pragma('defer_foreign_keys = ON');
        for (const ref of this.referencesTo(table)) {
          if (row[ref.to] === undefined) continue;
          this.db.prepare(`UPDATE ${ref.child} SET ${ref.from} = ? WHERE ${ref.from} = ?`).run(normalise(row[ref.to]), normalise(loser[ref.to]));
        }
        this.remove(table, pk.map((c) => loser[c] ?? null));
        made = true;
      }
    }
    return made;
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
