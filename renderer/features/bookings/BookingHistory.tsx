import type { BookingHistoryEntry } from '../../../shared/contract';
import { ErrorNote } from '../../ui/ErrorNote';
import { localTime } from './localTime';

/** Who did what to the booking and when (the agent's local time), oldest first. */
export function BookingHistory({ history, error, onRetry }: { history: BookingHistoryEntry[] | null; error: unknown; onRetry: () => void }) {
  return (
    <section className="card no-print" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ErrorNote error={error} onRetry={onRetry} />
      {history === null && !error && <p className="muted">Loading…</p>}
      {history && history.length === 0 && <p className="muted">No history recorded.</p>}
      {history && history.length > 0 && (
        <ol className="plain-list history" aria-label="What happened to this booking">
          {history.map((h, i) => (
            <li key={`${h.atUtc}-${i}`}>
              <time dateTime={h.atUtc} className="muted">{localTime(h.atUtc)}</time> — {h.what}{' '}
              <span className="muted">({h.operatorName ?? 'no operator recorded'})</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
