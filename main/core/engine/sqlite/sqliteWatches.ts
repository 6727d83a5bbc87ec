import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { WatchHit } from '../../../../shared/contract';
import type { WatchDoc, WatchProbe, WatchStore } from '../watches';
import { flattenWatch, unflattenWatch, type FlatWatch } from '../watchShape';
import type { SqlSession } from '../sql';

interface WatchRow extends FlatWatch {
  id: string; user_id: number; status: 'active' | 'triggered'; created_at: string; created_by: number | null;
  triggered_at: string | null; hit_json: string | null; notify_customer: number; provisional: number;
}

const date = (text: string) => new Date(fromDbInstant(text));

function toWatch(r: WatchRow): WatchDoc {
  return {
    id: r.id, userId: r.user_id, ...unflattenWatch(r), status: r.status, createdAt: date(r.created_at), createdBy: r.created_by,
    triggeredAt: r.triggered_at ? date(r.triggered_at) : null, hit: r.hit_json ? (JSON.parse(r.hit_json) as WatchHit) : null,
    notifyCustomer: Number(r.notify_customer) === 1, provisional: r.provisional === 1,
  };
}

/** Watches in the device's database; `db` is the database itself or an open transaction on it. */
export class SqliteWatches implements WatchStore {
  constructor(private readonly db: SqlSession) {}

  async insertWatch(w: WatchDoc): Promise<WatchDoc> {
    const f = flattenWatch(w.target, w.condition);
    await this.db.run(
      `INSERT INTO watches (id, user_id, target_kind, target_id, route_from, route_to, date_from, date_to, condition_kind, threshold_cents,
         status, created_at, created_by, triggered_at, hit_json, notify_customer, provisional)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      [w.id, w.userId, f.target_kind, f.target_id, f.route_from, f.route_to, f.date_from, f.date_to, f.condition_kind, f.threshold_cents,
        w.status, toDbInstant(w.createdAt), w.createdBy, w.triggeredAt ? toDbInstant(w.triggeredAt) : null, w.hit ? JSON.stringify(w.hit) : null,
        w.notifyCustomer ? 1 : 0, w.provisional ? 1 : 0]);
    return (await this.getWatch(w.id)) ?? w;
  }

  async getWatch(id: string): Promise<WatchDoc | null> {
    const row = await this.db.get<WatchRow>('SELECT * FROM watches WHERE id = ?', [id]);
    return row ? toWatch(row) : null;
  }

  async listWatches(f: { userId?: number; status?: 'active' | 'triggered'; limit: number }): Promise<WatchDoc[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (f.userId !== undefined) { where.push('user_id = ?'); params.push(f.userId); }
    if (f.status) { where.push('status = ?'); params.push(f.status); }
    const rows = await this.db.all<WatchRow>(
      `SELECT * FROM watches ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`, [...params, f.limit]);
    return rows.map(toWatch);
  }

  async activeWatchesFor(p: WatchProbe): Promise<WatchDoc[]> {
    const rows = p.kind === 'route'
      ? await this.db.all<WatchRow>(
        `SELECT * FROM watches WHERE status = 'active' AND route_from = ? AND route_to = ? AND target_kind = 'route' AND date_from <= ? AND date_to >= ?`,
        [p.from, p.to, p.day, p.day])
      : await this.db.all<WatchRow>(
        `SELECT * FROM watches WHERE status = 'active' AND target_kind = ? AND target_id = ? AND date_from <= ? AND date_to >= ?`,
        [p.kind, p.kind === 'hotel' ? p.hotelId : p.carId, p.toDay, p.fromDay]);
    return rows.map(toWatch);
  }

  async markTriggered(id: string, at: Date, hit: WatchHit): Promise<boolean> {
    const res = await this.db.run(`UPDATE watches SET status = 'triggered', triggered_at = ?, hit_json = ? WHERE id = ? AND status = 'active'`,
      [toDbInstant(at), JSON.stringify(hit), id]);
    return res.affectedRows === 1;
  }

  async deleteWatch(id: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM watches WHERE id = ?', [id])).affectedRows === 1;
  }
}
