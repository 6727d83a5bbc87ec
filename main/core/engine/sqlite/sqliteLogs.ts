import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { LogLevel } from '../../../../shared/contract';
import type { LogDoc, LogFilter, LogStore } from '../logs';
import type { SqliteAuditTrail } from './sqliteAuditTrail';
import type { SqliteDb } from './sqliteDb';

interface LogRow {
  id: string; ts: string; level: LogLevel; user_id: number | null; channel: string; op_id: string | null;
  entity: string | null; entity_id: string | null; summary: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export class SqliteLogs implements LogStore {
  constructor(private readonly db: SqliteDb, private readonly audit: SqliteAuditTrail) {}

  async appendLogs(lines: LogDoc[]): Promise<void> {
    if (lines.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const l of lines) {
        await tx.run(
          'INSERT INTO logs (id, ts, level, user_id, channel, op_id, entity, entity_id, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
          [l.id, toDbInstant(l.ts), l.level, l.operatorId, l.source, l.opId, l.entity, l.entityId, l.message]);
      }
    });
  }

  async listLogs(f: LogFilter): Promise<LogDoc[]> {
    await this.audit.file();
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (f.level) { where.push('level = ?'); params.push(f.level); }
    if (f.operatorId) { where.push('user_id = ?'); params.push(f.operatorId); }
    if (f.from) { where.push('ts >= ?'); params.push(toDbInstant(f.from)); }
    if (f.to) { where.push('ts < ?'); params.push(toDbInstant(f.to)); }
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      where.push(`(summary LIKE ? ESCAPE '\\' OR channel LIKE ? ESCAPE '\\')`);
      params.push(like, like);
    }
    if (f.before) {
      const at = toDbInstant(f.before.ts);
      where.push('(ts < ? OR (ts = ? AND id < ?))');
      params.push(at, at, f.before.id);
    }
    const rows = await this.db.all<LogRow>(
      `SELECT * FROM logs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ts DESC, id DESC LIMIT ?`, [...params, f.limit]);
    return rows.map((r) => ({
      id: r.id, ts: new Date(fromDbInstant(r.ts)), level: r.level, source: r.channel, message: r.summary, operatorId: r.user_id,
      opId: r.op_id, entity: r.entity, entityId: r.entity_id,
    }));
  }

  /** The standalone log retention: SQLite has no TTL, so old lines are deleted by the sweeper. */
  async sweepOlderThan(cutoff: Date): Promise<number> {
    await this.audit.file();
    return (await this.db.run('DELETE FROM logs WHERE ts < ?', [toDbInstant(cutoff)])).affectedRows;
  }
}
