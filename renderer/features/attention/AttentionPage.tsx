import { useEffect, useState } from 'react';
import { navigate } from '../../app/router';
import { ProvisionalBadge, StatusBadge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatInstant } from '../../ui/format';
import { HoldCountdown } from '../booking/HoldCountdown';
import { subscribe } from '../../client/contractClient';
import { useAttention, type InboxItem, type ResolveAction } from './attentionStore';

/** Holds ending within this are "expiring soon". */
const SOON_MS = 10 * 60_000;

const REASON_TEXT: Record<string, string> = {
  SOLD_OUT: 'Sold out while offline',
  PRICE_CHANGED: 'The price changed',
  HOLD_EXPIRED: 'The seat hold expired',
  NOT_FOUND: 'Deleted on the server',
  CONFLICT: 'Changed on the server since',
};

function InboxRow({ item }: { item: InboxItem }) {
  const resolve = useAttention((s) => s.resolve);
  const [mode, setMode] = useState<'none' | 'edit' | 'discard'>('none');
  const [json, setJson] = useState(() => JSON.stringify(item.payload ?? {}, null, 2));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const d = (item.details ?? {}) as Record<string, unknown>;

  const act = async (action: ResolveAction, extra?: { input?: Record<string, unknown>; reason?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await resolve(item.opId, action, extra);
      setMode('none');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const submitEdit = () => {
    try {
      const input = JSON.parse(json) as unknown;
      if (!input || typeof input !== 'object' || Array.isArray(input)) throw new Error('not an object');
      setProblem(null);
      void act('edit', { input: input as Record<string, unknown> });
    } catch {
      setProblem('The edited input must be a JSON object, like {"seats": 2}.');
    }
  };
  const reasonCode = item.code ?? '';
  const title = `${item.kind} #${item.seq}`;
  return (
    <li className="card">
      <div className="record-head">
        <div>
          <strong>{item.kind}</strong> <StatusBadge status={item.state} /> <ProvisionalBadge show />
          <div className="muted">queued {formatInstant(item.createdAtUtc)} · {item.attempts} attempt{item.attempts === 1 ? '' : 's'} · op {item.opId.slice(0, 13)}…</div>
        </div>
        <div className="row">
          {(reasonCode === 'PRICE_CHANGED' || typeof d.newTotalCents === 'number') && (
            <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void act('accept_new_price')}>
              Accept new price{typeof d.newTotalCents === 'number' ? ` (${formatCents(d.newTotalCents)})` : ''}
              <span className="sr-only"> for {title}</span>
            </button>
          )}
          <button type="button" className="btn btn-small" disabled={busy} aria-label={`Retry ${title}`} onClick={() => void act('retry')}>Retry</button>
          <button type="button" className="btn btn-small" disabled={busy} aria-label={`Edit and retry ${title}`} onClick={() => setMode(mode === 'edit' ? 'none' : 'edit')}>Edit and retry</button>
          <button type="button" className="btn btn-small btn-danger" disabled={busy} aria-label={`Discard ${title}`} onClick={() => setMode(mode === 'discard' ? 'none' : 'discard')}>Discard</button>
        </div>
      </div>
      {item.reason && <p><strong>{REASON_TEXT[reasonCode] ?? 'Problem'}:</strong> {item.reason}</p>}
      {typeof d.expectedTotalCents === 'number' && typeof d.newTotalCents === 'number' && (
        <p>Quoted {formatCents(d.expectedTotalCents)}, now {formatCents(d.newTotalCents)}.</p>
      )}
      {mode === 'edit' && (
        <div>
          <label className="field">
            <span>Input to retry with (JSON)</span>
            <textarea rows={8} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />
          </label>
          {problem && <p className="error-note" role="alert">{problem}</p>}
          <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={submitEdit}>Retry with this input</button>
        </div>
      )}
      {mode === 'discard' && (
        <form onSubmit={(e) => { e.preventDefault(); void act('discard', { reason: reason.trim() }); }}>
          <label className="field">
            <span>Why discard it? (kept with the record)</span>
            <input value={reason} maxLength={500} required onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" className="btn btn-danger btn-small" disabled={busy || !reason.trim()}>Discard this change</button>
        </form>
      )}
      <details>
        <summary>What was entered</summary>
        <pre className="muted">{JSON.stringify(item.payload, null, 2)}</pre>
      </details>
      <ErrorNote error={error} />
    </li>
  );
}

export function AttentionPage() {
  const a = useAttention();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    void useAttention.getState().load();
    const offExpired = subscribe('holds.expired', () => void useAttention.getState().loadHolds());
    const offStatus = subscribe('sync.status', () => void useAttention.getState().loadInbox());
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => {
      offExpired();
      offStatus();
      clearInterval(t);
    };
  }, []);
  const [releaseError, setReleaseError] = useState<unknown>(null);
  const soon = (a.holds ?? []).filter((h) => Date.parse(h.expiresAtUtc) - now < SOON_MS);

  return (
    <section className="page">
      <h1 tabIndex={-1}>Needs attention</h1>

      <section aria-labelledby="inbox-title">
        <h2 id="inbox-title">Sync conflicts {a.inbox ? `(${a.inbox.length})` : ''}</h2>
        <ErrorNote error={a.inboxError} onRetry={() => void a.loadInbox()} />
        {a.inbox && a.inbox.length === 0 && <p className="muted">Nothing waiting: every change entered here has reached the servers (or there are none to send).</p>}
        <ul className="plain-list">
          {a.inbox?.map((i) => <InboxRow key={i.opId} item={i} />)}
        </ul>
      </section>

      <section className="card" aria-labelledby="holds-title">
        <h2 id="holds-title">Holds expiring soon</h2>
        <ErrorNote error={a.holdsError} onRetry={() => void a.loadHolds()} />
        <ErrorNote error={releaseError} />
        {a.holds && a.holds.length === 0 && <p className="muted">No active seat holds.</p>}
        {a.holds && a.holds.length > 0 && soon.length === 0 && <p className="muted">No hold ends in the next {SOON_MS / 60_000} minutes.</p>}
        {a.holds && a.holds.length > 0 && (
          <table className="table">
            <thead><tr><th scope="col">Flight</th><th scope="col">Seats</th><th scope="col">Customer</th><th scope="col">Time left</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {a.holds.map((h) => (
                <tr key={h.holdId}>
                  <td>
                    Flight #{h.flightId} <ProvisionalBadge show={h.provisional} />{' '}
                    {Date.parse(h.expiresAtUtc) - now < SOON_MS && <span className="badge badge-warn">ending soon</span>}
                  </td>
                  <td>{h.seats}</td>
                  <td>{h.customerId ? <a href={`#/customers/${h.customerId}`} onClick={(e) => { e.preventDefault(); navigate(`/customers/${h.customerId}`); }}>#{h.customerId}</a> : '—'}</td>
                  <td><HoldCountdown expiresAtUtc={h.expiresAtUtc} label="Ends in" /></td>
                  <td>
                    <button type="button" className="btn btn-small" aria-label={`Release the hold on flight ${h.flightId}`}
                      onClick={() => { setReleaseError(null); a.release(h.holdId).catch(setReleaseError); }}>Release</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="payments-title">
        <h2 id="payments-title">Failed payments</h2>
        <ErrorNote error={a.paymentsError} onRetry={() => void a.loadFailedPayments()} />
        {a.failedPayments && a.failedPayments.length === 0 && <p className="muted">No declined payments among recent bookings.</p>}
        {a.failedPayments && a.failedPayments.length > 0 && (
          <table className="table">
            <thead><tr><th scope="col">Booking</th><th scope="col">Customer</th><th scope="col">When</th><th scope="col" className="num">Amount</th><th scope="col">Reason</th></tr></thead>
            <tbody>
              {a.failedPayments.map((b) => {
                const f = b.billing.find((r) => r.status === 'failed');
                return (
                  <tr key={b.id}>
                    <td><a href={`#/bookings/${b.id}`} onClick={(e) => { e.preventDefault(); navigate(`/bookings/${b.id}`); }}>#{b.id}</a> <ProvisionalBadge show={b.provisional} /></td>
                    <td>{b.customerName}</td>
                    <td>{formatInstant(f?.atUtc)}</td>
                    <td className="num">{formatCents(f?.amountCents ?? b.totalCents)}</td>
                    <td>{f?.note ?? 'declined'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
