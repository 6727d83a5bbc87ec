import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { DealKind } from '../../../../shared/contract';
import type { DealDoc, DealFilter, DealStore } from '../deals';
import type { SqliteDb } from './sqliteDb';

interface DealRow {
  id: string; event_type: 'deal'; kind: DealKind; key: string; target_id: number; title: string; day: string | null;
  price_cents: number; reference_cents: number; discount_pct: number; source: 'kafka' | 'detector'; ts: string;
}

export class SqliteDeals implements DealStore {
  constructor(private readonly db: SqliteDb) {}

  async insertDeal(d: DealDoc): Promise<boolean> {
    const res = await this.db.run(
      `INSERT INTO deal_events (id, event_type, kind, key, target_id, title, day, price_cents, reference_cents, discount_pct, source, ts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      [d.id, d.eventType, d.kind, d.key, d.targetId, d.title, d.day, d.priceCents, d.referenceCents, d.discountPct, d.source, toDbInstant(d.ts)]);
    return res.affectedRows > 0;
  }

  async listDeals(f: DealFilter): Promise<DealDoc[]> {
    const where = [`event_type = 'deal'`];
    const params: (string | number)[] = [];
    if (f.kind) { where.push('kind = ?'); params.push(f.kind); }
    if (f.since) { where.push('ts >= ?'); params.push(toDbInstant(f.since)); }
    if (f.before) {
      const at = toDbInstant(f.before.ts);
      where.push('(ts < ? OR (ts = ? AND id < ?))');
      params.push(at, at, f.before.id);
    }
    const rows = await this.db.all<DealRow>(`SELECT * FROM deal_events WHERE ${where.join(' AND ')} ORDER BY ts DESC, id DESC LIMIT ?`, [...params, f.limit]);
    return rows.map((r) => ({
      id: r.id, eventType: r.event_type, kind: r.kind, key: r.key, targetId: r.target_id, title: r.title, day: r.day,
      priceCents: r.price_cents, referenceCents: r.reference_cents, discountPct: r.discount_pct, source: r.source, ts: new Date(fromDbInstant(r.ts)),
    }));
  }
}
