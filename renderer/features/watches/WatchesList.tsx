import { useEffect, useState } from 'react';
import type { Watch } from '../../../shared/contract';
import { navigate } from '../../client/router';
import type { WatchesListProps } from '../../client/slots';
import { Badge, ProvisionalBadge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatDay, formatInstant } from '../../ui/format';
import { conditionWords, targetWords } from './watchText';
import { customerLabel, useWatchAlerts, useWatches } from './watchesStore';

function WatchRow({ w, showCustomer }: { w: Watch; showCustomer: boolean }) {
  const remove = useWatches((s) => s.remove);
  const customers = useWatchAlerts((s) => s.customers);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const what = targetWords(w.target);
  const del = async () => {
    setBusy(true);
    setError(null);
    try {
      await remove(w.id);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <li className="watch-row">
      <span>
        <strong>{what}</strong> <span className="muted">— {conditionWords(w.condition)}</span>{' '}
        <Badge tone={w.status === 'triggered' ? 'warn' : 'good'}>{w.status}</Badge> <ProvisionalBadge show={w.provisional} />
        <br />
        <span className="muted">
          {showCustomer && (
            <>
              <button type="button" className="link" onClick={() => navigate(`/customers/${w.customerId}`)}>{customerLabel(w.customerId, customers)}</button>{' · '}
            </>
          )}
          set {formatInstant(w.createdAtUtc)}
          {w.hit && <> · found {w.hit.label} on {formatDay(w.hit.day)} at {formatCents(w.hit.priceCents)}</>}
        </span>
        <ErrorNote error={error} />
      </span>
      <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => void del()} aria-label={`Delete watch on ${what}`}>
        Delete
      </button>
    </li>
  );
}

/** Price watches: one customer's (on the profile) or everyone's (the Watches screen). */
export function WatchesList({ customerId, status = '' }: WatchesListProps) {
  const s = useWatches();
  useEffect(() => {
    void useWatches.getState().load(customerId, status);
  }, [customerId, status]);
  useEffect(() => {
    if (customerId === null && s.items) void useWatchAlerts.getState().ensureCustomers(s.items.map((w) => w.customerId));
  }, [customerId, s.items]);
  const items = s.customerId === customerId ? s.items : null;
  return (
    <div>
      <ErrorNote error={s.error} onRetry={() => void s.reload()} />
      {items && items.length === 0 && (
        <p className="muted">No price watches{customerId === null ? '' : ' for this customer'}. Set one with “Watch price” in Search.</p>
      )}
      {!items && s.loading && <p className="muted" role="status">Loading watches…</p>}
      <ul className="pick-list" aria-label="Price watches">
        {items?.map((w) => <WatchRow key={w.id} w={w} showCustomer={customerId === null} />)}
      </ul>
    </div>
  );
}
