import { ContractError, type ExportKind } from '../../../../shared/contract';
import { addDays } from '../../../../shared/time';
import { fromDbInstant } from '../../../../shared/time';
import type { SqlSession, SqlValue } from '../../engine/sql';
import { writeAudit } from '../audit/audit';
import { operation } from '../operation';
import { csvRows, usd, type Cell } from './csvCells';

/** Rows read per query: the file is built page by page along the primary key, never in one result set. */
const PAGE_ROWS = 2_000;
/** An export is one answer over the contract; past this the supervisor narrows the dates. */
const MAX_EXPORT_ROWS = 250_000;

interface ExportSpec {
  header: string[];
  /** Rows after `afterId`, in id order, whose time is in [fromDb, toDb). */
  sql: string;
  row(r: Record<string, unknown>): Cell[];
}

const utc = (v: unknown): string => (v === null || v === undefined ? '' : fromDbInstant(String(v)));
const num = (v: unknown): number => Number(v ?? 0);
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const SPECS: Record<ExportKind, ExportSpec> = {
  bookings: {
    header: ['booking_id', 'locator', 'status', 'type', 'customer_id', 'customer_name', 'customer_email', 'total_usd', 'total_cents',
      'refunded_usd', 'refunded_cents', 'currency', 'created_at_utc', 'created_by'],
    sql: `SELECT b.id, b.locator, b.status, b.booking_type, b.user_id, u.first_name, u.last_name, u.email, b.total_cents, b.refunded_cents,
            b.currency, b.created_at_utc, a.email AS operator
          FROM bookings b JOIN users u ON u.id = b.user_id LEFT JOIN admins a ON a.id = b.created_by_admin_id
          WHERE b.id > ? AND b.created_at_utc >= ? AND b.created_at_utc < ? ORDER BY b.id LIMIT ${PAGE_ROWS}`,
    row: (r) => [num(r.id), text(r.locator), text(r.status), text(r.booking_type), num(r.user_id), `${String(r.first_name)} ${String(r.last_name)}`,
      text(r.email), usd(num(r.total_cents)), num(r.total_cents), usd(num(r.refunded_cents)), num(r.refunded_cents), text(r.currency),
      utc(r.created_at_utc), text(r.operator)],
  },
  customers: {
    header: ['customer_id', 'first_name', 'last_name', 'email', 'phone', 'state', 'created_at_utc', 'updated_at_utc'],
    sql: `SELECT id, first_name, last_name, email, phone, state_code, created_at_utc, updated_at_utc FROM users
          WHERE id > ? AND created_at_utc >= ? AND created_at_utc < ? ORDER BY id LIMIT ${PAGE_ROWS}`,
    row: (r) => [num(r.id), text(r.first_name), text(r.last_name), text(r.email), text(r.phone), text(r.state_code), utc(r.created_at_utc), utc(r.updated_at_utc)],
  },
  billing: {
    header: ['billing_id', 'booking_id', 'locator', 'customer_id', 'status', 'amount_usd', 'amount_cents', 'transaction_at_utc', 'gateway_ref', 'note'],
    sql: `SELECT g.id, g.booking_id, b.locator, g.user_id, g.transaction_status, g.amount_cents, g.transaction_ts_utc, g.gateway_ref, g.note
          FROM billing g JOIN bookings b ON b.id = g.booking_id
          WHERE g.id > ? AND g.transaction_ts_utc >= ? AND g.transaction_ts_utc < ? ORDER BY g.id LIMIT ${PAGE_ROWS}`,
    row: (r) => [num(r.id), num(r.booking_id), text(r.locator), num(r.user_id), text(r.transaction_status), usd(num(r.amount_cents)), num(r.amount_cents),
      utc(r.transaction_ts_utc), text(r.gateway_ref), text(r.note)],
  },
};

async function* pages(db: SqlSession, spec: ExportSpec, from: string, toExclusive: string): AsyncGenerator<Array<Record<string, unknown>>> {
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const params: SqlValue[] = [after, `${from} 00:00:00.000`, `${toExclusive} 00:00:00.000`];
    const rows = await db.all<Record<string, unknown>>(spec.sql, params);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE_ROWS) return;
    after = Number(rows[rows.length - 1]?.id);
  }
}

/**
 * Bookings, customers or billing of the UTC days from..to (both included) as an RFC 4180 CSV:
 * money as dollars with two decimals beside whole cents, times as UTC ISO instants, and every
 * cell that a spreadsheet would run as a formula defused. Who exported what is audited: a
 * customer list leaving the system is worth a line in the trail.
 */
export const runExport = operation('exports.run', async (ctx, input) => {
  const spec = SPECS[input.kind];
  const parts = [csvRows([spec.header])];
  let rows = 0;
  for await (const page of pages(ctx.engine.sql, spec, input.from, addDays(input.to, 1))) {
    rows += page.length;
    if (rows > MAX_EXPORT_ROWS) {
      throw new ContractError('VALIDATION', `to: more than ${MAX_EXPORT_ROWS.toLocaleString('en-US')} ${input.kind} rows in these dates; export fewer days at a time`, {
        fields: [{ field: 'to', message: `more than ${MAX_EXPORT_ROWS} rows` }],
      });
    }
    parts.push(csvRows(page.map(spec.row)));
  }
  await writeAudit(ctx, 'export', input.kind, `${input.kind} ${input.from}..${input.to} (UTC days, inclusive): ${rows.toLocaleString('en-US')} rows exported`);
  return { fileName: `tripdesk-${input.kind}-${input.from}-to-${input.to}.csv`, contentType: 'text/csv' as const, rows, csv: parts.join('') };
});
