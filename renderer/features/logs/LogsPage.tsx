import { useEffect, type FormEvent } from 'react';
import type { LogEntry, LogLevel } from '../../../shared/contract';
import { Badge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { emptyFilters, useLogs } from './logsStore';

const LEVELS: LogLevel[] = ['audit', 'error', 'warn', 'info', 'debug'];
const TONE: Record<LogLevel, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  audit: 'info', error: 'bad', warn: 'warn', info: 'good', debug: 'neutral',
};

const localFmt = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** Local time to read, UTC on hover (the core stores UTC). */
function When({ iso }: { iso: string }) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return <>{iso}</>;
  return <time dateTime={iso} title={`${iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')} UTC`}>{localFmt.format(d)}</time>;
}

function Row({ e }: { e: LogEntry }) {
  return (
    <tr data-log-id={e.id}>
      <td className="log-time"><When iso={e.atUtc} /></td>
      <td><Badge tone={TONE[e.level]}>{e.level}</Badge></td>
      <td><code>{e.source}</code></td>
      <td className="log-message">
        {e.message}
        {(e.entity || e.operatorId !== null) && (
          <div className="muted">
            {e.entity && <>{e.entity}{e.entityId ? ` #${e.entityId}` : ''}</>}
            {e.entity && e.operatorId !== null && ' · '}
            {e.operatorId !== null && <>operator #{e.operatorId}</>}
          </div>
        )}
      </td>
    </tr>
  );
}

export function LogsPage() {
  const s = useLogs();
  const f = s.filters;
  useEffect(() => {
    if (!useLogs.getState().searched) void useLogs.getState().search();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.search();
  };
  return (
    <section className="page">
      <h1 tabIndex={-1}>Logs</h1>
      <form className="search-form" onSubmit={submit} aria-label="Filter logs">
        <label className="field field-narrow">
          <span>Level</span>
          <select name="level" value={f.level} onChange={(e) => s.setFilters({ level: e.target.value as LogLevel | '' })}>
            <option value="">Any level</option>
            {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        </label>
        <label className="field">
          <span>Text</span>
          <input type="search" name="q" value={f.q} maxLength={120} placeholder="Words in the message or source" onChange={(e) => s.setFilters({ q: e.target.value })} />
        </label>
        <label className="field field-narrow">
          <span>Operator number</span>
          <input name="operatorId" inputMode="numeric" value={f.operatorId} placeholder="Any" onChange={(e) => s.setFilters({ operatorId: e.target.value.replace(/[^\d-]/g, '') })} />
        </label>
        <label className="field">
          <span>From (local time)</span>
          <input type="datetime-local" name="from" value={f.from} onChange={(e) => s.setFilters({ from: e.target.value })} />
        </label>
        <label className="field">
          <span>To (local time)</span>
          <input type="datetime-local" name="to" value={f.to} onChange={(e) => s.setFilters({ to: e.target.value })} />
        </label>
        <button type="submit" className="btn btn-primary">Show logs</button>
        <button type="button" className="btn" onClick={() => { s.setFilters(emptyFilters); void useLogs.getState().search(); }}>Clear filters</button>
      </form>
      {s.problem && <p className="error-note" role="alert">{s.problem}</p>}
      <ErrorNote error={s.error} onRetry={() => void (s.items.length ? s.loadMore() : s.search())} />
      <p className="muted results-count" aria-live="polite">
        {s.loading && s.items.length === 0 ? 'Loading…' : `${s.items.length} entr${s.items.length === 1 ? 'y' : 'ies'}${s.nextCursor ? ' so far' : ''}`}
      </p>
      <table className="table compact logs-table" aria-label="Log entries" aria-busy={s.loading}>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Level</th>
            <th scope="col">Source</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {s.items.map((e) => <Row key={e.id} e={e} />)}
          {!s.loading && !s.error && s.searched && s.items.length === 0 && (
            <tr><td colSpan={4} className="muted empty-cell">No log entries match.</td></tr>
          )}
        </tbody>
      </table>
      {s.nextCursor && (
        <button type="button" className="btn" disabled={s.loading} onClick={() => void s.loadMore()}>{s.loading ? 'Loading…' : 'Load older entries'}</button>
      )}
    </section>
  );
}
