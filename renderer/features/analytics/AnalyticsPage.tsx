import { useEffect, useMemo } from 'react';
import type { AnalyticsGroupBy, AnalyticsRow, AnalyticsSummary } from '../../../shared/contract';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatInstant } from '../../ui/format';
import { downloadText } from '../../ui/downloadText';
import { csvFileName, GROUP_LABELS, summaryCsv } from './analyticsCsv';
import { useAnalytics } from './analyticsStore';
import { EChart, type ChartOption } from './EChart';

const GROUPINGS = Object.keys(GROUP_LABELS) as AnalyticsGroupBy[];
/** Bars past this many stop being readable; the table keeps every row. */
const CHART_ROWS = 20;
const DAY_MS = 86_400_000;

/** By day, every day of the range gets a bar, quiet days included, so the time axis is even. */
function chartRows(s: AnalyticsSummary): AnalyticsRow[] {
  if (s.groupBy !== 'day') return s.rows.slice(0, CHART_ROWS);
  const byDay = new Map(s.rows.map((r) => [r.key, r]));
  const rows: AnalyticsRow[] = [];
  for (let t = Date.parse(`${s.from}T00:00:00Z`); t <= Date.parse(`${s.to}T00:00:00Z`); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    rows.push(byDay.get(day) ?? { key: day, label: day, bookings: 0, revenueCents: 0, cancellations: 0, refundCents: 0 });
  }
  return rows;
}

function chartOption(s: AnalyticsSummary): ChartOption {
  const rows = chartRows(s);
  const dollars = (cents: number) => Math.round(cents) / 100;
  return {
    animation: false,
    // Drawn on the canvas: the HTML tooltip writes style="…" markup, which the CSP refuses.
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { top: 0 },
    grid: { left: 56, right: 48, top: 32, bottom: 56 },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { hideOverlap: true, rotate: s.groupBy === 'day' ? 0 : 30 } },
    yAxis: [
      { type: 'value', name: 'USD' },
      { type: 'value', name: 'Bookings', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { name: 'Revenue (USD)', type: 'bar', data: rows.map((r) => dollars(r.revenueCents)) },
      { name: 'Refunds (USD)', type: 'bar', data: rows.map((r) => dollars(r.refundCents)) },
      { name: 'Bookings', type: 'line', yAxisIndex: 1, data: rows.map((r) => r.bookings) },
    ],
  };
}

function SummaryTable({ s }: { s: AnalyticsSummary }) {
  const group = GROUP_LABELS[s.groupBy];
  return (
    <table className="table">
      <caption className="sr-only">Bookings, revenue, cancellations and refunds by {group.toLowerCase()}</caption>
      <thead>
        <tr>
          <th scope="col">{group}</th>
          <th scope="col" className="num">Bookings</th>
          <th scope="col" className="num">Revenue</th>
          <th scope="col" className="num">Cancellations</th>
          <th scope="col" className="num">Refunds</th>
        </tr>
      </thead>
      <tbody>
        {s.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="num">{r.bookings}</td>
            <td className="num">{formatCents(r.revenueCents)}</td>
            <td className="num">{r.cancellations}</td>
            <td className="num">{formatCents(r.refundCents)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td className="num">{s.totals.bookings}</td>
          <td className="num">{formatCents(s.totals.revenueCents)}</td>
          <td className="num">{s.totals.cancellations}</td>
          <td className="num">{formatCents(s.totals.refundCents)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** Supervisors' dashboard over the daily rollups: a range, a grouping, a chart, a table, CSV. */
export function AnalyticsPage() {
  const { from, to, groupBy, summary, loading, error, setRange, setGroupBy, load } = useAnalytics();
  useEffect(() => {
    void useAnalytics.getState().load();
  }, []);
  const option = useMemo(() => (summary ? chartOption(summary) : null), [summary]);
  const itemNote = summary && (summary.groupBy === 'route' || summary.groupBy === 'hotel');
  return (
    <section className="page" aria-busy={loading}>
      <div className="record-head">
        <h1 tabIndex={-1}>Analytics</h1>
        <button type="button" className="btn" disabled={!summary} onClick={() => summary && downloadText(csvFileName(summary), summaryCsv(summary))}>
          Export CSV
        </button>
      </div>
      <form className="search-form" aria-label="Analytics range" onSubmit={(e) => { e.preventDefault(); void load(); }}>
        <label className="field"><span>From</span><input type="date" value={from} max={to} onChange={(e) => setRange(e.target.value, to)} required /></label>
        <label className="field"><span>To</span><input type="date" value={to} min={from} onChange={(e) => setRange(from, e.target.value)} required /></label>
        <label className="field">
          <span>Group by</span>
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as AnalyticsGroupBy)}>
            {GROUPINGS.map((g) => <option key={g} value={g}>{GROUP_LABELS[g]}</option>)}
          </select>
        </label>
        <div className="form-actions"><button type="submit" className="btn" disabled={loading}>{loading ? 'Loading…' : 'Refresh'}</button></div>
      </form>
      <ErrorNote error={error} onRetry={() => void load()} />
      {summary && (
        <>
          <p className="muted">
            UTC days {summary.from} to {summary.to}. Bookings and revenue count on the day booked, cancellations and refunds on the day they happened.
            {itemNote && ' By route or hotel, a booking counts once per route or hotel it holds, with that part of its price.'}
            {' '}Figures as of {formatInstant(summary.rolledUpAtUtc)}.
          </p>
          {option && summary.rows.length > 0 && (
            <EChart option={option} label={`Chart of revenue, refunds and bookings by ${GROUP_LABELS[summary.groupBy].toLowerCase()}; the table below has the figures.`} />
          )}
          {summary.rows.length === 0 ? <p>No bookings or cancellations in this range.</p> : <SummaryTable s={summary} />}
        </>
      )}
    </section>
  );
}
