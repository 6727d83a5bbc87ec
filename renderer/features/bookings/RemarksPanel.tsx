import { useState } from 'react';
import type { Booking } from '../../../shared/contract';
import { Badge, ProvisionalBadge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { useBookingRecord } from './bookingsStore';
import { localTime } from './localTime';

const MAX = 2000;

/**
 * The booking's remarks in order, and a box to add one. A shareable remark is for the customer:
 * it prints with the itinerary, the others stay on screen.
 */
export function RemarksPanel({ booking }: { booking: Booking }) {
  const addRemark = useBookingRecord((s) => s.addRemark);
  const [text, setText] = useState('');
  const [shareable, setShareable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    setBusy(true);
    setError(null);
    try {
      await addRemark({ bookingId: booking.id, text: trimmed, shareable });
      setText('');
      setShareable(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const shared = booking.remarks.some((r) => r.shareable);
  return (
    <section className={`card${shared ? '' : ' no-print'}`} aria-labelledby="remarks-title">
      <h2 id="remarks-title">Remarks</h2>
      {booking.remarks.length === 0 && <p className="muted no-print">No remarks yet.</p>}
      {booking.remarks.length > 0 && (
        <ol className="plain-list remarks" aria-label="Remarks on this booking">
          {booking.remarks.map((r) => (
            <li key={r.id} className={r.shareable ? undefined : 'no-print'}>
              <p className="remark-text">{r.text}</p>
              <p className="muted no-print">
                {r.authorName ?? 'unknown operator'} · <time dateTime={r.atUtc}>{localTime(r.atUtc)}</time>{' '}
                {r.shareable && <Badge tone="info" title="Printed on the customer's itinerary">for the itinerary</Badge>}{' '}
                <ProvisionalBadge show={r.provisional} />
              </p>
            </li>
          ))}
        </ol>
      )}
      <form className="no-print" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label className="field">
          <span>Add a remark</span>
          <textarea rows={3} maxLength={MAX} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <p className="muted">{text.length} / {MAX.toLocaleString('en-US')} characters</p>
        <label className="checkbox">
          <input type="checkbox" checked={shareable} onChange={(e) => setShareable(e.target.checked)} />
          <span>Shareable: print it on the customer's itinerary</span>
        </label>
        <button type="submit" className="btn btn-small" disabled={busy || !text.trim()}>Add remark</button>
        <ErrorNote error={error} />
      </form>
    </section>
  );
}
