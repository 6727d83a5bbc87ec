import { useEffect, useState } from 'react';
import type { Watch } from '../../../shared/contract';
import { navigate } from '../../client/router';
import { ProvisionalBadge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatInstant } from '../../ui/format';
import { alertWords, conditionWords, targetWords } from './watchText';
import { customerLabel, useWatchAlerts } from './watchesStore';

function AlertRow({ w }: { w: Watch }) {
  const customers = useWatchAlerts((s) => s.customers);
  const dismiss = useWatchAlerts((s) => s.dismiss);
  const openHit = useWatchAlerts((s) => s.openHit);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const text = alertWords(w, customerLabel(w.customerId, customers));
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const hit = w.hit;
  return (
    <li className="card" aria-label={text} data-watch-id={w.id}>
      <div className="record-head">
        <div>
          <strong data-testid="alert-title">{text}</strong> <ProvisionalBadge show={w.provisional} />
          <div className="muted">
            Watch on {targetWords(w.target)}, {conditionWords(w.condition)} · fired {formatInstant(w.triggeredAtUtc)}
          </div>
        </div>
        <div className="row">
          {hit && (
            <button type="button" className="btn btn-primary btn-small" disabled={busy}
              onClick={() => void run(() => openHit(w))}>
              Book this<span className="sr-only">: {text}</span>
            </button>
          )}
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => navigate(`/customers/${w.customerId}`)}>
            Customer<span className="sr-only"> {customerLabel(w.customerId, customers)}</span>
          </button>
          <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => void run(() => dismiss(w.id))}>
            Dismiss<span className="sr-only"> {text}</span>
          </button>
        </div>
      </div>
      <ErrorNote error={error} />
    </li>
  );
}

/** Fired price watches in Needs attention: new ones arrive by push while the screen is open. */
export function PriceAlerts() {
  const alerts = useWatchAlerts((s) => s.alerts);
  const error = useWatchAlerts((s) => s.error);
  useEffect(() => {
    void useWatchAlerts.getState().load();
    useWatchAlerts.getState().closeToast();
  }, []);
  useEffect(() => {
    if (alerts) void useWatchAlerts.getState().ensureCustomers(alerts.map((w) => w.customerId));
  }, [alerts]);
  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">Price alerts {alerts ? `(${alerts.length})` : ''}</h2>
      <ErrorNote error={error} onRetry={() => void useWatchAlerts.getState().load()} />
      {alerts && alerts.length === 0 && <p className="muted">No price watch has fired. Set one with “Watch price” in Search.</p>}
      <ul className="plain-list" aria-label="Price alerts" aria-live="polite">
        {alerts?.map((w) => <AlertRow key={w.id} w={w} />)}
      </ul>
    </section>
  );
}

/** The notice over every screen when a watch fires (the push), until closed or opened. */
export function WatchAlertToast() {
  const toast = useWatchAlerts((s) => s.toast);
  const customers = useWatchAlerts((s) => s.customers);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast">
          <span>{alertWords(toast, customerLabel(toast.customerId, customers))}</span>
          <div className="row">
            <button type="button" className="btn btn-small btn-primary" onClick={() => { useWatchAlerts.getState().closeToast(); navigate('/attention'); }}>
              Open Needs attention
            </button>
            <button type="button" className="btn btn-small" onClick={() => useWatchAlerts.getState().closeToast()} aria-label="Close price alert notice">×</button>
          </div>
        </div>
      )}
    </div>
  );
}
