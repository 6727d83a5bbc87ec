import { useCallback, useEffect, useState } from 'react';
import type { RefundRequest } from '../../../shared/contract';
import { call, createAction } from '../../client/contractClient';
import { navigate } from '../../client/router';
import { useSession } from '../../client/sessionStore';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatInstant } from '../../ui/format';

const decideAction = createAction();

/** Needs attention → Refunds: what waits for a supervisor's approval, oldest first, with Approve and Deny (a reason each). */
export function RefundsQueue() {
  const isSupervisor = useSession((s) => s.can('supervisor'));
  const me = useSession((s) => s.user?.name ?? null);
  const [items, setItems] = useState<RefundRequest[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(() => {
    call('refunds.list', {}).then(setItems, setError);
  }, []);
  useEffect(() => { if (isSupervisor) load(); }, [isSupervisor, load]);
  const retry = () => {
    setError(null);
    load();
  };
  if (!isSupervisor) return null;

  const decide = async (r: RefundRequest, approve: boolean) => {
    setBusy(r.id);
    setError(null);
    try {
      const decided = await decideAction.run('refunds.decide', { refundId: r.id, approve, reason: (reasons[r.id] ?? '').trim() });
      setDone(`${decided.state === 'approved' ? 'Approved' : 'Denied'} the refund of ${formatCents(decided.amountCents)} on ${decided.locator}.`);
      setItems((list) => (list ?? []).filter((x) => x.id !== r.id));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="refunds-title">
      <h2 id="refunds-title">Refunds waiting for approval {items ? `(${items.length})` : ''}</h2>
      <ErrorNote error={error} onRetry={retry} />
      {done && <p className="notice" role="status">{done}</p>}
      {items && items.length === 0 && <p className="muted">No refund waits for approval.</p>}
      {items && items.length > 0 && (
        <ul className="list" aria-label="Refunds waiting for approval">
          {items.map((r) => {
            const reason = (reasons[r.id] ?? '').trim();
            const own = r.requestedByName !== null && r.requestedByName === me;
            return (
              <li key={r.id}>
                <p>
                  <button type="button" className="link" onClick={() => navigate(`/bookings/${r.bookingId}`)}>{r.locator}</button>{' '}
                  {r.customerName}: <strong>{formatCents(r.amountCents)}</strong>
                  {r.isOverride ? ` (override; the policy gives ${formatCents(r.policyCents)})` : ''} — “{r.reason}”, asked by {r.requestedByName ?? 'someone'} on {formatInstant(r.requestedAtUtc)}
                </p>
                {own ? <p className="muted">You asked for this refund: another supervisor decides it.</p> : (
                  <div className="row">
                    <label className="field">
                      <span>Reason for the decision</span>
                      <input value={reasons[r.id] ?? ''} maxLength={500} onChange={(e) => setReasons({ ...reasons, [r.id]: e.target.value })} />
                    </label>
                    <button type="button" className="btn btn-primary" disabled={busy !== null || reason.length < 3} onClick={() => void decide(r, true)}>Approve</button>
                    <button type="button" className="btn" disabled={busy !== null || reason.length < 3} onClick={() => void decide(r, false)}>Deny</button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
