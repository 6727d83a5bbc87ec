import { useEffect, useState } from 'react';
import { ProvisionalBadge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { useCustomerRemarks } from './customerRemarksStore';

const MAX = 2000;
const localFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const localTime = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : localFmt.format(new Date(iso)));

/** Notes agents keep on a customer, in order, signed, in the agent's local time. */
export function CustomerRemarks({ customerId }: { customerId: number }) {
  const s = useCustomerRemarks();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    void useCustomerRemarks.getState().load(customerId);
  }, [customerId]);

  const submit = async () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    setBusy(true);
    setError(null);
    try {
      await s.add(customerId, trimmed);
      setText('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const remarks = s.customerId === customerId ? s.remarks : null;
  return (
    <section className="card" aria-labelledby="customer-remarks-title">
      <h2 id="customer-remarks-title">Remarks</h2>
      <ErrorNote error={s.error} onRetry={() => void s.load(customerId)} />
      {remarks && remarks.length === 0 && <p className="muted">No remarks yet.</p>}
      {remarks && remarks.length > 0 && (
        <ol className="plain-list remarks" aria-label="Remarks on this customer">
          {remarks.map((r) => (
            <li key={r.id}>
              <p className="remark-text">{r.text}</p>
              <p className="muted">
                {r.authorName ?? 'unknown operator'} · <time dateTime={r.atUtc}>{localTime(r.atUtc)}</time> <ProvisionalBadge show={r.provisional} />
              </p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label className="field">
          <span>Add a remark</span>
          <textarea rows={3} maxLength={MAX} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-small" disabled={busy || !text.trim()}>Add remark</button>
        <ErrorNote error={error} />
      </form>
    </section>
  );
}
