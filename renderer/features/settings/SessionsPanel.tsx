import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { call } from '../../client/contractClient';
import { useSession } from '../../client/sessionStore';
import { Badge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatInstant } from '../../ui/format';

type SessionRow = ChannelOutput<'auth.sessions.list'>[number];

const VIA: Record<SessionRow['signedInVia'], string> = { window: 'TripDesk window', browser: 'Browser (web bridge)' };

/**
 * The sessions signed in on this console (they live in its memory): an operator's own, or for an
 * admin everyone's. Signing one out ends it at once; its window learns so at its next call.
 */
export function SessionsPanel() {
  const admin = useSession((s) => s.can('admin'));
  const [rows, setRows] = useState<SessionRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRows(await call('auth.sessions.list', {}));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    let gone = false;
    call('auth.sessions.list', {}).then((r) => { if (!gone) setRows(r); }, (err: unknown) => { if (!gone) setError(err); });
    return () => { gone = true; };
  }, []);

  const revoke = async (row: SessionRow) => {
    setBusy(row.sessionId);
    setError(null);
    setDone(null);
    try {
      await call('auth.sessions.revoke', { sessionId: row.sessionId });
      setDone(`Signed out ${row.operator.name}'s session from ${formatInstant(row.startedAtUtc)}.`);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="sessions-title">
      <h3 id="sessions-title">Sessions on this console</h3>
      <p className="muted">
        {admin ? 'Everyone signed in on this console.' : 'Where you are signed in on this console.'} Signing a session out ends it
        at once: its window goes back to the sign-in screen at its next step.
      </p>
      <table className="table compact" aria-labelledby="sessions-title">
        <thead>
          <tr>
            {admin && <th scope="col">Operator</th>}
            <th scope="col">Signed in from</th><th scope="col">Started</th><th scope="col">Last seen</th>
            <th scope="col"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {rows?.map((r) => (
            <tr key={r.sessionId}>
              {admin && <td>{r.operator.name} <span className="muted">{r.operator.email} ({r.operator.role})</span></td>}
              <td>{VIA[r.signedInVia]} on <strong>{r.consoleName}</strong></td>
              <td>{formatInstant(r.startedAtUtc)}</td>
              <td>{formatInstant(r.lastActiveUtc)}</td>
              <td>
                {r.current ? <Badge tone="info">this session</Badge> : (
                  <button type="button" className="btn btn-small" disabled={busy !== null} onClick={() => void revoke(r)}>
                    Sign out<span className="sr-only"> {r.operator.name}&apos;s session from {formatInstant(r.startedAtUtc)}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" className="btn btn-small" onClick={() => void load()}>Refresh</button>
      </div>
      {done && <p className="notice" role="status">{done}</p>}
      <ErrorNote error={error} />
    </section>
  );
}
