import path from 'node:path';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../main/core/config';
import { migrateMongo } from '../main/core/engine/mongo/migrate';
import { migrateCentralMysql, pruneCentralChangeLog, type AccountReport, type AccountSpec } from '../main/core/engine/mysql/accounts';
import { createMysqlPool } from '../main/core/engine/mysql/mysqlDb';
import { migrateSqlite } from '../main/core/engine/sqlite/migrate';
import { DEVICE_DB_FILE, openDeviceDatabase } from '../main/core/engine/sqlite/deviceDatabase';

/**
 * `npm run migrate`: the local SQLite database always; MySQL and MongoDB when configured.
 *
 * Run it with an administrator's MySQL account in TRIPDESK_MYSQL_URL. It also creates (or
 * updates) the console account every console signs in with, and optionally the maintenance
 * account that prunes change_log (see main/core/engine/mysql/accounts.ts for their rights):
 *
 *   --console-user NAME        or TRIPDESK_CONSOLE_DB_USER
 *   --console-password SECRET  or TRIPDESK_CONSOLE_DB_PASSWORD (prefer the variable: flags show in `ps`)
 *   --console-host PATTERN     or TRIPDESK_CONSOLE_DB_HOST (default '%')
 *   --maintenance-user / --maintenance-password / --maintenance-host
 *                              or TRIPDESK_MAINTENANCE_DB_USER / _PASSWORD / _HOST
 *
 * `npm run migrate -- --prune-change-log` does nothing but delete change_log entries older than
 * TRIPDESK_RETENTION_DAYS, with the account in TRIPDESK_MYSQL_URL (the maintenance account's).
 */
const OPTIONS = {
  'console-user': { type: 'string' },
  'console-password': { type: 'string' },
  'console-host': { type: 'string' },
  'maintenance-user': { type: 'string' },
  'maintenance-password': { type: 'string' },
  'maintenance-host': { type: 'string' },
  'prune-change-log': { type: 'boolean', default: false },
} as const;
type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

function account(flags: Flags, kind: 'console' | 'maintenance'): AccountSpec | null {
  const env = kind === 'console' ? 'TRIPDESK_CONSOLE_DB' : 'TRIPDESK_MAINTENANCE_DB';
  const user = flags[`${kind}-user`] ?? process.env[`${env}_USER`] ?? '';
  const password = flags[`${kind}-password`] ?? process.env[`${env}_PASSWORD`] ?? '';
  const host = flags[`${kind}-host`] ?? (process.env[`${env}_HOST`] || '%');
  if (!user && !password) return null;
  if (!user || !password) throw new Error(`the ${kind} account needs both a user (--${kind}-user or ${env}_USER) and a password (--${kind}-password or ${env}_PASSWORD)`);
  return { user, password, host };
}

function printAccount(kind: string, r: AccountReport | null, hint: string): void {
  if (!r) {
    console.log(`MySQL ${kind} account: not configured (${hint})`);
    return;
  }
  console.log(`MySQL ${kind} account ${r.account}: ${r.created ? 'created' : 'updated (password set again)'}`);
  if (r.revoked.length > 0) console.log(`  taken back: ${r.revoked.join('; ')}`);
  for (const g of r.grants) console.log(`  ${g}`);
}

async function pruneOnly(): Promise<void> {
  const url = process.env.TRIPDESK_MYSQL_URL;
  if (!url) throw new Error('--prune-change-log needs TRIPDESK_MYSQL_URL (the maintenance account\'s)');
  // Only the retention period is read from the configuration here: no MongoDB, no local database.
  const { retentionDays } = loadConfig({ ...process.env, TRIPDESK_MYSQL_URL: '', TRIPDESK_MONGO_URL: '' });
  const pool = createMysqlPool(url, 1);
  try {
    const n = await pruneCentralChangeLog(pool, retentionDays);
    console.log(`MySQL change_log: ${n} entr${n === 1 ? 'y' : 'ies'} older than ${retentionDays} days deleted`);
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const flags = parseArgs({ options: OPTIONS, strict: true }).values;
  if (flags['prune-change-log']) return pruneOnly();
  const config = loadConfig();
  const file = path.join(config.dataDir, DEVICE_DB_FILE);
  const local = openDeviceDatabase(config.dataDir, config.dbKey ?? undefined);
  const l = migrateSqlite(local);
  local.close();
  console.log(`SQLite ${file}: version ${l.from} → ${l.to}${l.applied.length ? ` (${l.applied.join(', ')})` : ' (up to date)'}`);
  if (config.mysqlUrl && config.mongoUrl) {
    const accounts = { console: account(flags, 'console'), maintenance: account(flags, 'maintenance') };
    const pool = createMysqlPool(config.mysqlUrl, 2);
    try {
      const m = await migrateCentralMysql(pool, accounts);
      console.log(`MySQL: version ${m.schema.from} → ${m.schema.to}${m.schema.applied.length ? ` (${m.schema.applied.join(', ')})` : ' (up to date)'}`);
      printAccount('console', m.console, 'set TRIPDESK_CONSOLE_DB_USER and TRIPDESK_CONSOLE_DB_PASSWORD to create the account consoles sign in with');
      printAccount('maintenance', m.maintenance, 'optional; without it prune change_log with an administrator\'s account');
    } finally {
      await pool.end();
    }
    const client = new MongoClient(config.mongoUrl, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    const g = await migrateMongo(client.db(), { retentionDays: config.retentionDays, log: (msg) => console.log(msg) });
    await client.close();
    console.log(`MongoDB (${g.capabilities.server}): version ${g.from} → ${g.to}${g.applied.length ? ` (${g.applied.join(', ')})` : ' (up to date)'}`);
  } else if (account(flags, 'console') || account(flags, 'maintenance')) {
    console.log('MySQL accounts: skipped (no central servers configured: set TRIPDESK_MYSQL_URL and TRIPDESK_MONGO_URL)');
  }
}

main().catch((err: unknown) => {
  const what = process.argv.includes('--prune-change-log') ? 'pruning change_log' : 'migration';
  console.error(`${what} failed: ${(err as Error)?.message ?? String(err)}`);
  process.exit(1);
});
