import type { Db, Filter } from 'mongodb';
import type { LogLevel } from '../../../../shared/contract';
import type { LogDoc, LogFilter, LogStore } from '../logs';

/** Audit entries predate `level`: a line without one is an audit entry. */
interface LogMongo {
  _id: string; ts: Date; level?: LogLevel; user_id: number | null; channel: string; op_id: string | null;
  entity: string | null; entity_id: string | null; summary: string;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class MongoLogs implements LogStore {
  constructor(private readonly db: Db, private readonly beforeRead: () => Promise<void> = async () => undefined) {}

  private get logs() { return this.db.collection<LogMongo>('logs'); }

  async appendLogs(lines: LogDoc[]): Promise<void> {
    if (lines.length === 0) return;
    const docs = lines.map((l) => ({
      _id: l.id, ts: l.ts, level: l.level, user_id: l.operatorId, channel: l.source, op_id: l.opId, entity: l.entity, entity_id: l.entityId, summary: l.message,
    }));
    // Unordered, and a duplicate id is a line already written: the rest still land.
    await this.logs.insertMany(docs, { ordered: false }).catch((err: unknown) => {
      const writeErrors = (err as { writeErrors?: Array<{ code?: number }> | { code?: number } }).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (list.length === 0 || list.some((e) => e.code !== 11000)) throw err;
    });
  }

  async listLogs(f: LogFilter): Promise<LogDoc[]> {
    await this.beforeRead();
    const and: Filter<LogMongo>[] = [];
    if (f.level === 'audit') and.push({ $or: [{ level: 'audit' }, { level: { $exists: false } }] });
    else if (f.level) and.push({ level: f.level });
    if (f.operatorId) and.push({ user_id: f.operatorId });
    if (f.from || f.to) and.push({ ts: { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lt: f.to } : {}) } });
    if (f.q) {
      const re = new RegExp(escapeRegex(f.q), 'i');
      and.push({ $or: [{ summary: re }, { channel: re }] });
    }
    if (f.before) and.push({ $or: [{ ts: { $lt: f.before.ts } }, { ts: f.before.ts, _id: { $lt: f.before.id } }] });
    const docs = await this.logs.find(and.length > 0 ? { $and: and } : {}).sort({ ts: -1, _id: -1 }).limit(f.limit).toArray();
    return docs.map((d) => ({
      id: d._id, ts: d.ts, level: d.level ?? 'audit', source: d.channel, message: d.summary, operatorId: d.user_id ?? null,
      opId: d.op_id ?? null, entity: d.entity ?? null, entityId: d.entity_id ?? null,
    }));
  }
}
