import { useEffect, useState } from 'react';
import type { Message } from '../../../shared/contract';
import { navigate } from '../../client/router';
import { useMessages } from '../../client/messagesStore';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatInstant } from '../../ui/format';

/**
 * Emails the SMTP server did not take (down, refusing the address, a wrong password in the
 * settings): each with its reason, and Retry (with the same Message-ID), Edit address (retry to
 * another address) or Discard with a reason. Nothing leaves the list unless one of those is done.
 */
export function UnsentMessages() {
  const unsent = useMessages((s) => s.unsent);
  const loadUnsent = useMessages((s) => s.loadUnsent);
  const [error, setError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    loadUnsent().then(() => setLoaded(true), setError);
  }, [loadUnsent]);
  return (
    <section className="card" aria-labelledby="unsent-title">
      <h2 id="unsent-title">Messages not sent {loaded ? `(${unsent.length})` : ''}</h2>
      <ErrorNote error={error} onRetry={() => { setError(null); loadUnsent().catch(setError); }} />
      {loaded && unsent.length === 0 && <p className="muted">Every email to a customer has been sent (or is on its way).</p>}
      <ul className="plain-list" aria-label="Messages not sent">
        {unsent.map((m) => <UnsentRow key={m.id} m={m} />)}
      </ul>
    </section>
  );
}

function UnsentRow({ m }: { m: Message }) {
  const { retry, discard } = useMessages.getState();
  const [mode, setMode] = useState<'idle' | 'edit' | 'discard'>('idle');
  const [to, setTo] = useState(m.to);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<string | null>(null);

  const act = async (work: () => Promise<Message>) => {
    setBusy(true);
    setError(null);
    try {
      const after = await work();
      setOutcome(after.state === 'failed' ? `Still not sent: ${after.failureReason ?? ''}` : null);
      setMode('idle');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="card" aria-label={`${m.subject} to ${m.to}`}>
      <p>
        <strong>{m.subject}</strong> to {m.to}
        {m.bookingId !== null && (
          <> · <a href={`#/bookings/${m.bookingId}`} onClick={(e) => { e.preventDefault(); navigate(`/bookings/${m.bookingId}`); }}>open the booking</a></>
        )}
      </p>
      <p className="muted">{formatInstant(m.createdAtUtc)} · {m.attempts} attempt{m.attempts === 1 ? '' : 's'} · {m.createdByName ?? 'TripDesk'}</p>
      <p role="note">Not sent: {m.failureReason}</p>
      {outcome && <p className="notice" role="status">{outcome}</p>}
      <ErrorNote error={error} />
      {mode === 'idle' && (
        <div className="row">
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void act(() => retry(m.id))}>Retry</button>
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => setMode('edit')}>Edit address</button>
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => setMode('discard')}>Discard…</button>
        </div>
      )}
      {mode === 'edit' && (
        <form className="row" onSubmit={(e) => { e.preventDefault(); void act(() => retry(m.id, to.trim())); }}>
          <label className="field"><span>Send to</span><input type="email" required maxLength={190} value={to} onChange={(e) => setTo(e.target.value)} data-autofocus /></label>
          <button type="submit" className="btn btn-small btn-primary" disabled={busy || !to.trim()}>Send to this address</button>
          <button type="button" className="btn btn-small" onClick={() => setMode('idle')}>Cancel</button>
        </form>
      )}
      {mode === 'discard' && (
        <form className="row" onSubmit={(e) => { e.preventDefault(); void act(() => discard(m.id, reason.trim())); }}>
          <label className="field"><span>Why is it not needed?</span><input required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} /></label>
          <button type="submit" className="btn btn-small" disabled={busy || !reason.trim()}>Discard message</button>
          <button type="button" className="btn btn-small" onClick={() => setMode('idle')}>Cancel</button>
        </form>
      )}
    </li>
  );
}
