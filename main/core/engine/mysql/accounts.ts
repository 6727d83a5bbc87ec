import type mysql from 'mysql2/promise';
import type { MigrationReport } from '../sqlite/migrate';
import { migrateMysql } from './migrate';

/**
 * The MySQL accounts TripDesk's central tier is used with, and exactly what each may do.
 *
 * - administrator: the DBA's own account. Runs `npm run migrate` (DDL, the version table, the
 *   triggers, CREATE USER and GRANT). Consoles never hold it.
 * - console: what every console signs in with (TRIPDESK_MYSQL_URL on the consoles). Row rights
 *   only, table by table, from what the core's SQL does (grep main/core for INSERT INTO / UPDATE /
 *   DELETE FROM / SELECT … FROM): no DDL, no GRANT, no TRIGGER, nothing global (FILE, SUPER…).
 *   History is append-only for it: applied_ops is INSERT + SELECT (no UPDATE, no DELETE), and
 *   change_log is SELECT only — its rows are written by the triggers, which run with their
 *   DEFINER's rights (the administrator who ran the migration), not the console's.
 * - maintenance (optional): SELECT + DELETE on change_log only, for pruning entries past the
 *   retention period (`npm run migrate -- --prune-change-log`). Kept off the console account: a
 *   console that may delete change_log rows may delete recent ones too, and a device would then
 *   silently miss those changes.
 *
 * The core never deletes a central row (a removed card is flagged, a hold is released, a booking
 * cancelled), so the console account has no DELETE anywhere.
 */
export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
export type Grants = Readonly<Record<string, readonly TablePrivilege[]>>;

const READ: readonly TablePrivilege[] = ['SELECT'];
const WRITE: readonly TablePrivilege[] = ['SELECT', 'INSERT', 'UPDATE'];

/** Every table of the central schema, with the console's rights on it. */
export const CONSOLE_GRANTS: Grants = {
  // Reference data: loaded by the seed or other systems, only read by consoles.
  us_states: READ,
  airports: READ,
  // The catalogue: supervisors add and edit it (catalog.*.save); taken off sale by a flag, never deleted.
  hotels: WRITE,
  hotel_room_types: WRITE,
  cars: WRITE,
  // Operators (operators.create / setRole / deactivate) and customers (customers.create / update).
  admins: WRITE,
  users: WRITE,
  // Inventory: seats are taken and given back by UPDATE; days are added by inventory.*.setDays;
  // flights are added and rescheduled by catalog.flights.save, and a supervisor's schedule import adds flights.
  flights: WRITE,
  hotel_inventory: WRITE,
  car_availability: WRITE,
  // Holds, bookings, payments.
  flight_seat_holds: WRITE,
  bookings: WRITE,
  booking_items: WRITE,
  payment_methods: WRITE,
  billing: WRITE,
  // Every charge and refund is its own row beneath billing's running totals, written once.
  money_movements: ['SELECT', 'INSERT'],
  // Refunds waiting for a supervisor: recorded pending, then approved or denied (never deleted).
  refund_requests: WRITE,
  // Remarks are added, never edited (bookings.addRemark, customers.addRemark); a customer's are
  // moved by customers.merge and blanked by customers.erase.
  booking_remarks: ['SELECT', 'INSERT'],
  customer_remarks: ['SELECT', 'INSERT', 'UPDATE'],
  // Saved travellers are edited and marked removed; a booking's travellers are written once with
  // it, and rewritten only when customers.erase anonymises them.
  customer_travellers: WRITE,
  booking_travellers: ['SELECT', 'INSERT', 'UPDATE'],
  // An invoice number is given once and never changed; the counter it comes from is only moved on.
  invoices: ['SELECT', 'INSERT'],
  invoice_counter: ['SELECT', 'UPDATE'],
  // A flight's schedule moved under a booking: recorded, then acknowledged by an agent (never deleted).
  schedule_changes: WRITE,
  // Capacities set below what is booked (migrations/mysql/019): opened, reopened and closed by UPDATE, never deleted.
  overbookings: WRITE,
  // Emails to customers: recorded queued, then marked sent or failed, retried or discarded (never deleted).
  messages: ['SELECT', 'INSERT', 'UPDATE'],
  // One leader per shared background job (migrations/mysql/011): taken and renewed by UPDATE,
  // the first time by INSERT IGNORE; never deleted (a lease left to expire is taken over).
  job_leases: WRITE,
  // Analytics rollups (migrations/mysql/013): rewritten day by day by the rollup job, zeroed
  // rather than deleted; derived from the bookings, so not synced to devices.
  analytics_rollups: WRITE,
  analytics_state: WRITE,
  // History: written once, never rewritten.
  applied_ops: ['SELECT', 'INSERT'],
  change_log: READ,
  // The migrator at a console's start only reads the version (migrate.ts).
  schema_migrations: READ,
};

export const MAINTENANCE_GRANTS: Grants = {
  change_log: ['SELECT', 'DELETE'],
};

export interface AccountSpec {
  user: string;
  password: string;
  /** The host part of the account: '%' (anywhere) unless narrowed, e.g. '10.1.%'. */
  host: string;
}

export interface AccountReport {
  /** 'user'@'host' */
  account: string;
  created: boolean;
  /** Rights it held here beyond its list, taken back (e.g. granted by hand), as `PRIV ON table`. */
  revoked: string[];
  /** SHOW GRANTS for the account once done. */
  grants: string[];
}

const USER_RE = /^[A-Za-z0-9_.-]{1,32}$/;
const HOST_RE = /^[A-Za-z0-9_.%:-]{1,255}$/;

function checkSpec(what: string, spec: AccountSpec): void {
  if (!USER_RE.test(spec.user)) throw new Error(`${what} account: the user name must be 1 to 32 of A-Z a-z 0-9 _ . - (got ${JSON.stringify(spec.user)})`);
  if (!HOST_RE.test(spec.host)) throw new Error(`${what} account: the host must be a host name, an address or a pattern such as % (got ${JSON.stringify(spec.host)})`);
  if (spec.password.length === 0) throw new Error(`${what} account: a password is required`);
}

type Row = Record<string, unknown>;

async function rows(conn: mysql.Pool | mysql.PoolConnection, sql: string, values: unknown[] = []): Promise<Row[]> {
  const [out] = await conn.query(sql, values);
  return out as Row[];
}

/**
 * Creates the account if it is missing, sets its password, and makes its rights on this database
 * exactly `grants`: table rights it holds beyond them (and any database-wide or column right here)
 * are revoked. An account with global privileges, or the administrator's own account, is refused
 * rather than stripped. Run with the administrator's account, after migrateMysql.
 */
export async function ensureAccount(pool: mysql.Pool, what: string, spec: AccountSpec, grants: Grants): Promise<AccountReport> {
  checkSpec(what, spec);
  const conn = await pool.getConnection();
  try {
    const db = String((await rows(conn, 'SELECT DATABASE() AS db'))[0]?.db ?? '');
    if (!db) throw new Error('the MySQL URL names no database');
    const me = String((await rows(conn, 'SELECT CURRENT_USER() AS me'))[0]?.me ?? '');
    const myUser = me.slice(0, me.lastIndexOf('@'));
    if (myUser === spec.user) {
      throw new Error(`${what} account: "${spec.user}" is the account running the migration; choose another user name`);
    }
    const grantee = `'${spec.user}'@'${spec.host}'`;
    const globals = await rows(conn, 'SELECT PRIVILEGE_TYPE AS p FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ?', [grantee]);
    const created = globals.length === 0;
    const extraGlobal = globals.map((r) => String(r.p)).filter((p) => p !== 'USAGE');
    if (extraGlobal.length > 0) {
      throw new Error(`${what} account ${grantee} has global privileges (${extraGlobal.join(', ')}); revoke them (REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${grantee}) or choose another user name`);
    }

    await conn.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [spec.user, spec.host, spec.password]);
    await conn.query('ALTER USER ?@? IDENTIFIED BY ?', [spec.user, spec.host, spec.password]);

    const revoked: string[] = [];
    // Database-wide rights on this database (GRANT … ON db.*) would cover every table.
    const schemaRights = await rows(conn,
      'SELECT PRIVILEGE_TYPE AS p, IS_GRANTABLE AS g FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ? AND TABLE_SCHEMA = ?', [grantee, db]);
    const schemaPrivs = withGrantOption(schemaRights);
    if (schemaPrivs.length > 0) {
      await conn.query(`REVOKE ${schemaPrivs.join(', ')} ON ??.* FROM ?@?`, [db, spec.user, spec.host]);
      revoked.push(...schemaPrivs.map((p) => `${p} ON ${db}.*`));
    }
    // Column rights (GRANT UPDATE (col) …) are not part of any list: taken back whole.
    const columnRights = await rows(conn,
      'SELECT TABLE_NAME AS t, COLUMN_NAME AS c, PRIVILEGE_TYPE AS p FROM information_schema.COLUMN_PRIVILEGES WHERE GRANTEE = ? AND TABLE_SCHEMA = ?', [grantee, db]);
    for (const r of columnRights) {
      await conn.query(`REVOKE ${String(r.p)} (??) ON ??.?? FROM ?@?`, [String(r.c), db, String(r.t), spec.user, spec.host]);
      revoked.push(`${String(r.p)} (${String(r.c)}) ON ${String(r.t)}`);
    }
    // Table rights beyond the list.
    const tableRights = await rows(conn,
      'SELECT TABLE_NAME AS t, PRIVILEGE_TYPE AS p, IS_GRANTABLE AS g FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ? AND TABLE_SCHEMA = ?', [grantee, db]);
    const byTable = new Map<string, Row[]>();
    for (const r of tableRights) byTable.set(String(r.t), [...(byTable.get(String(r.t)) ?? []), r]);
    for (const [table, held] of byTable) {
      const wanted = new Set<string>(grants[table] ?? []);
      const extra = withGrantOption(held).filter((p) => !wanted.has(p));
      if (extra.length === 0) continue;
      await conn.query(`REVOKE ${extra.join(', ')} ON ??.?? FROM ?@?`, [db, table, spec.user, spec.host]);
      revoked.push(...extra.map((p) => `${p} ON ${table}`));
    }
    for (const [table, privs] of Object.entries(grants)) {
      await conn.query(`GRANT ${privs.join(', ')} ON ??.?? TO ?@?`, [db, table, spec.user, spec.host]);
    }
    const shown = await rows(conn, 'SHOW GRANTS FOR ?@?', [spec.user, spec.host]);
    // MariaDB shows the password hash on the USAGE line: not something to print.
    const lines = shown.map((r) => String(Object.values(r)[0]).replace(/ IDENTIFIED (BY PASSWORD|VIA|WITH) .*$/i, ''));
    return { account: grantee, created, revoked, grants: lines };
  } finally {
    conn.release();
  }
}

/** The rights listed, plus GRANT OPTION when any of them was grantable. */
function withGrantOption(rights: Row[]): string[] {
  const privs = rights.map((r) => String(r.p));
  if (rights.some((r) => String(r.g).toUpperCase() === 'YES')) privs.push('GRANT OPTION');
  return [...new Set(privs)];
}

export function ensureConsoleAccount(pool: mysql.Pool, spec: AccountSpec): Promise<AccountReport> {
  return ensureAccount(pool, 'console', spec, CONSOLE_GRANTS);
}

export function ensureMaintenanceAccount(pool: mysql.Pool, spec: AccountSpec): Promise<AccountReport> {
  return ensureAccount(pool, 'maintenance', spec, MAINTENANCE_GRANTS);
}

export interface CentralAccounts {
  console?: AccountSpec | null;
  maintenance?: AccountSpec | null;
}

export interface CentralMigrationReport {
  schema: MigrationReport;
  console: AccountReport | null;
  maintenance: AccountReport | null;
}

/**
 * `npm run migrate` on MySQL, with the administrator's account: the schema, then the console
 * account (and the maintenance account) with exactly their rights on the migrated tables.
 */
export async function migrateCentralMysql(pool: mysql.Pool, accounts: CentralAccounts = {}): Promise<CentralMigrationReport> {
  if (accounts.console && accounts.maintenance && accounts.console.user === accounts.maintenance.user) {
    throw new Error('the console and maintenance accounts must be different MySQL users');
  }
  const schema = await migrateMysql(pool);
  const consoleReport = accounts.console ? await ensureConsoleAccount(pool, accounts.console) : null;
  const maintenance = accounts.maintenance ? await ensureMaintenanceAccount(pool, accounts.maintenance) : null;
  return { schema, console: consoleReport, maintenance };
}

/**
 * Deletes change_log entries older than the retention period, in batches (with the maintenance
 * account, or the administrator's). Devices that last pulled before that copy everything again.
 */
export async function pruneCentralChangeLog(pool: mysql.Pool, retentionDays: number, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - retentionDays * 86_400_000).toISOString().replace('T', ' ').replace('Z', '');
  let total = 0;
  for (;;) {
    const [res] = await pool.query('DELETE FROM change_log WHERE changed_at_utc < ? ORDER BY id LIMIT 10000', [cutoff]);
    const n = (res as mysql.ResultSetHeader).affectedRows;
    total += n;
    if (n < 10_000) return total;
  }
}
