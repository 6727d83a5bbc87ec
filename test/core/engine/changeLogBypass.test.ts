import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONSOLE_GRANTS, migrateCentralMysql } from '../../../main/core/engine/mysql/accounts';
import { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { createMysqlDatabase, dropMysqlDatabase, uniqueDbName } from '../../support/servers';

/** The condition every change_log trigger carries (migrations/mysql/006_console_cannot_skip_change_log.sql). */
const GUARD = "@tripdesk_bulk_load IS NULL OR SUBSTRING_INDEX(USER(), '@', 1) <> SUBSTRING_INDEX(CURRENT_USER(), '@', 1)";

function asAccount(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

describe('@tripdesk_bulk_load skips change_log only for the account that defined the triggers (MariaDB)', () => {
  const tag = randomBytes(4).toString('hex');
  const consoleUser = `tdb_${tag}`;
  const consolePassword = `b-${randomBytes(8).toString('hex')}`;
  const dbName = uniqueDbName('bulk');
  let adminUrl: string;
  let admin: MysqlDb;
  let consoleConn: mysql.Connection;

  beforeAll(async () => {
    adminUrl = await createMysqlDatabase(inject('mysqlUrl'), dbName);
    admin = MysqlDb.fromUrl(adminUrl, 2);
    await migrateCentralMysql(admin.pool, { console: { user: consoleUser, password: consolePassword, host: '%' } });
    consoleConn = await mysql.createConnection({ uri: asAccount(adminUrl, consoleUser, consolePassword) });
  });
  afterAll(async () => {
    await consoleConn?.end().catch(() => undefined);
    await admin?.run('DROP USER IF EXISTS ?@?', [consoleUser, '%']).catch(() => undefined);
    await admin?.close();
    await dropMysqlDatabase(inject('mysqlUrl'), dbName).catch(() => undefined);
  });

  const logged = async (table: string, pk: string | number) =>
    (await admin.all<{ op: string }>('SELECT op FROM change_log WHERE table_name = ? AND row_pk = ? ORDER BY id', [table, String(pk)])).map((r) => r.op);

  it('a console that sets the variable still writes its changes to change_log, so other devices pull them', async () => {
    await consoleConn.query('SET @tripdesk_bulk_load = 1');
    const [res] = await consoleConn.query(
      "INSERT INTO users (email, first_name, last_name, created_at_utc, updated_at_utc) VALUES ('quiet.guest@example.com', 'Quiet', 'Guest', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
    const customerId = (res as mysql.ResultSetHeader).insertId;
    await consoleConn.query("UPDATE users SET phone = '+1 212 555 0142' WHERE id = ?", [customerId]);
    const [opRes] = await consoleConn.query(
      "INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES ('quiet.agent@tripdesk.test', 'Quiet Agent', 'agent', 'x', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
    const operatorId = (opRes as mysql.ResultSetHeader).insertId;
    await consoleConn.query('UPDATE admins SET active = 0 WHERE id = ?', [operatorId]);
    // The variable is set on the console's session all along: the triggers log regardless.
    const [vars] = await consoleConn.query('SELECT @tripdesk_bulk_load AS v');
    expect((vars as Array<{ v: unknown }>)[0]?.v).toBe(1);
    expect(await logged('users', customerId)).toEqual(['I', 'U']);
    expect(await logged('admins', operatorId)).toEqual(['I', 'U']);
  });

  it('the administrator who migrated (the seed loader) may still skip it, and logs again once it clears the variable', async () => {
    const conn = await admin.pool.getConnection();
    try {
      await conn.query('SET @tripdesk_bulk_load = 1');
      await conn.query("INSERT INTO us_states (code, name) VALUES ('VT', 'Vermont')");
      await conn.query('SET @tripdesk_bulk_load = NULL');
      await conn.query("INSERT INTO us_states (code, name) VALUES ('ME', 'Maine')");
    } finally {
      conn.release();
    }
    expect(await logged('us_states', 'VT')).toEqual([]);
    expect(await logged('us_states', 'ME')).toEqual(['I']);
  });

  it('every change_log trigger carries the check, and every table a console writes has its three triggers', async () => {
    const triggers = await admin.all<{ name: string; tbl: string; ev: string; body: string }>(
      'SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS tbl, EVENT_MANIPULATION AS ev, ACTION_STATEMENT AS body FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?',
      [dbName]);
    const logging = triggers.filter((t) => /change_log/i.test(t.body));
    expect(logging.length).toBeGreaterThanOrEqual(45);
    expect(logging.filter((t) => !t.body.replace(/\s+/g, ' ').includes(GUARD)).map((t) => t.name)).toEqual([]);
    // A table the console may write without a change_log trigger would never reach other devices.
    // Exempt: applied_ops (replay's own history), job_leases (coordination state between the
    // consoles, never synced to a device: migrations/mysql/011_job_leases.sql) and the analytics
    // rollups (derived from the bookings; a device rolls up its own: migrations/mysql/013).
    const notSynced = new Set(['applied_ops', 'job_leases', 'analytics_rollups', 'analytics_state']);
    const written = Object.entries(CONSOLE_GRANTS)
      .filter(([table, privs]) => !notSynced.has(table) && (privs.includes('INSERT') || privs.includes('UPDATE')))
      .map(([table]) => table);
    const missing = written.flatMap((table) => ['INSERT', 'UPDATE', 'DELETE']
      .filter((ev) => !logging.some((t) => t.tbl === table && t.ev === ev))
      .map((ev) => `${table} ${ev}`));
    expect(missing).toEqual([]);
  });
});
