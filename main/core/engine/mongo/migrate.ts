import fs from 'node:fs';
import type { Db, IndexSpecification } from 'mongodb';
import { listMigrations, SchemaTooNewError } from '../migrationFiles';
import type { MigrationReport } from '../sqlite/migrate';
import { detectCapabilities, type MongoCapabilities } from './capabilities';

interface IndexDef {
  key: Record<string, 1 | -1>;
  name: string;
  /** "retention": expire after the configured retention period (TTL), where supported. */
  ttlDays?: 'retention';
}
interface MongoMigration {
  collections: Record<string, IndexDef[]>;
}

export interface MongoMigrationReport extends MigrationReport {
  capabilities: MongoCapabilities;
  ttlFallback: boolean;
}

export async function migrateMongo(
  db: Db,
  opts: { retentionDays: number; log?: (msg: string) => void },
): Promise<MongoMigrationReport> {
  const log = opts.log ?? (() => undefined);
  const capabilities = await detectCapabilities(db);
  const files = listMigrations('mongo', '.json');
  const latest = files.at(-1)?.version ?? 0;
  const versions = db.collection<{ _id: number; name: string; applied_at: Date }>('schema_migrations');
  const top = await versions.find().sort({ _id: -1 }).limit(1).next();
  const current = top?._id ?? 0;
  if (current > latest) throw new SchemaTooNewError('MongoDB', current, latest);

  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  const applied: string[] = [];
  for (const m of files.filter((f) => f.version > current)) {
    const spec = JSON.parse(fs.readFileSync(m.file, 'utf8')) as MongoMigration;
    for (const [name, indexes] of Object.entries(spec.collections)) {
      if (!existing.has(name)) {
        await db.createCollection(name);
        existing.add(name);
      }
      for (const ix of indexes) {
        const options: { name: string; expireAfterSeconds?: number } = { name: ix.name };
        if (ix.ttlDays === 'retention' && capabilities.ttlIndexes) {
          options.expireAfterSeconds = opts.retentionDays * 86_400;
        }
        await db.collection(name).createIndex(ix.key as IndexSpecification, options);
      }
    }
    await versions.insertOne({ _id: m.version, name: m.name, applied_at: new Date() });
    applied.push(`${m.version}_${m.name}`);
  }
  const ttlFallback = !capabilities.ttlIndexes;
  if (ttlFallback) log(`${capabilities.server} has no TTL indexes: old logs are removed by TripDesk's log sweeper instead.`);
  return { from: current, to: Math.max(current, latest), applied, capabilities, ttlFallback };
}

/** The TTL fallback: delete logs older than the retention period. Idempotent; any console may run it. */
export async function sweepOldLogs(db: Db, retentionDays: number, now = Date.now()): Promise<number> {
  const res = await db.collection('logs').deleteMany({ ts: { $lt: new Date(now - retentionDays * 86_400_000) } });
  return res.deletedCount;
}
