import type { AnalyticsGroupBy, AnalyticsSummary } from '../../../shared/contract';

export const GROUP_LABELS: Record<AnalyticsGroupBy, string> = {
  day: 'Day', kind: 'Kind', route: 'Route', hotel: 'Hotel', state: 'State', operator: 'Operator',
};

/** Integer cents as dollars with two decimals, without a float's rounding. */
export function centsToDollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe: labels are
 * hotel and operator names typed by people.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: Array<string | number>) => cells.map(csvField).join(',');

/** The summary as shown: one line per row, then the totals; money in dollars; CRLF line ends. */
export function summaryCsv(s: AnalyticsSummary): string {
  const lines = [line([GROUP_LABELS[s.groupBy], 'Key', 'Bookings', 'Revenue (USD)', 'Cancellations', 'Refunds (USD)'])];
  for (const r of s.rows) lines.push(line([r.label, r.key, r.bookings, centsToDollars(r.revenueCents), r.cancellations, centsToDollars(r.refundCents)]));
  const t = s.totals;
  lines.push(line(['Total', '', t.bookings, centsToDollars(t.revenueCents), t.cancellations, centsToDollars(t.refundCents)]));
  return `${lines.join('\r\n')}\r\n`;
}

export function csvFileName(s: AnalyticsSummary): string {
  return `tripdesk-analytics-${s.groupBy}-${s.from}-to-${s.to}.csv`;
}
