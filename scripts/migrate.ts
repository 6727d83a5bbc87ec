import path from 'node:path';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../main/core/config';
import { migrateMongo } from '../main/core/engine/mongo/migrate';
import { migrateMysql } from '../main/core/engine/mysql/migrate';
import { createMysqlPool } from '../main/core/engine/mysql/mysqlDb';
import { migrateSqlite } from '../main/core/engine/sqlite/migrate';
import { openSqliteFile } from '../main/core/engine/sqlite/sqliteDb';

/** `npm run migrate`: the local SQLite database always; MySQL and MongoDB when configured. */
async function main(): Promise<void> {
  const config = loadConfig();
  const file = path.join(config.dataDir, 'tripdesk.sqlite');
  const local = openSqliteFile(file);
  const l = migrateSqlite(local);
  local.close();
  console.log(`SQLite ${file}: version ${l.from} → ${l.to}${l.applied.length ? ` (${l.applied.join(', ')})` : ' (up to date)'}`);
  if (config.mysqlUrl && config.mongoUrl) {
    const pool = createMysqlPool(config.mysqlUrl, 2);
    const m = await migrateMysql(pool);
    await pool.end();
    console.log(`MySQL: version ${m.from} → ${m.to}${m.applied.length ? ` (${m.applied.join(', ')})` : ' (up to date)'}`);
    const client = new MongoClient(config.mongoUrl, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    const g = await migrateMongo(client.db(), { retentionDays: config.retentionDays, log: (msg) => console.log(msg) });
    await client.close();
    console.log(`MongoDB (${g.capabilities.server}): version ${g.from} → ${g.to}${g.applied.length ? ` (${g.applied.join(', ')})` : ' (up to date)'}`);
  }
}

main().catch((err: unknown) => {
  console.error(`migration failed: ${(err as Error)?.message ?? String(err)}`);
  process.exit(1);
});
