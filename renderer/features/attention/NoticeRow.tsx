import { useState } from 'react';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatInstant } from '../../ui/format';
import { useAttention, type InboxItem } from './attentionStore';
import { itemTitle, type Lookups } from './inboxText';

/**
 * A change the server applied with an adjustment the agent must pass on (a booking given a new
 * record locator because the one told to the customer was taken): read, then dismissed.
 */
export function NoticeRow({ item, lookups }: { item: InboxItem; lookups: Lookups }) {
  const resolve = useAttention((s) => s.resolve);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const title = itemTitle(item.kind, item.payload, lookups);
  const dismiss = async () => {
    setBusy(true);
    setError(null);
    try {
      await resolve(item.opId, 'dismiss');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="card" aria-label={title}>
      <div className="record-head">
        <div>
          <strong data-testid="inbox-title">{title}</strong> <span className="badge badge-warn">synced with a change</span>
          <div className="muted">queued {formatInstant(item.createdAtUtc)} · change #{item.seq}</div>
        </div>
        <div className="row">
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void dismiss()}>
            Told the customer — dismiss<span className="sr-only"> {title}</span>
          </button>
        </div>
      </div>
      <p className="notice" role="note" data-testid="inbox-notice">{item.notice}</p>
      <ErrorNote error={error} />
    </li>
  );
}
