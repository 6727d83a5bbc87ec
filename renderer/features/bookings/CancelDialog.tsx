import { useState } from 'react';
import type { Booking, ChannelOutput } from '../../../shared/contract';
import { useSession } from '../../client/sessionStore';
import { Dialog } from '../../ui/Dialog';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, parseDollars } from '../../ui/format';
import { useBookingRecord } from './bookingsStore';

type Preview = ChannelOutput<'bookings.cancelPreview'>;

/**
 * Cancel a whole booking or some of its items. The refund is always previewed first, so the
 * agent tells the customer the amount before anything changes.
 */
export function CancelDialog({ booking, onClose, onCancelled }: {
  booking: Booking;
  onClose: () => void;
  onCancelled: (b: Booking) => void;
}) {
  const active = booking.items.filter((i) => i.status === 'active');
  const [whole, setWhole] = useState(true);
  const [picked, setPicked] = useState<number[]>(() => active.map((i) => i.id));
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { previewCancel, cancel } = useBookingRecord.getState();
  const supervisor = useSession((s) => s.can('supervisor'));

  const itemIds = whole ? undefined : picked;
  const invalidate = () => setPreview(null);

  const runPreview = async () => {
    setBusy(true);
    setError(null);
    try {
      setPreview(await previewCancel({ bookingId: booking.id, ...(itemIds ? { itemIds } : {}) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const overrideCents = override.trim() ? parseDollars(override) : null;
  const refund = overrideCents ?? preview?.refundCents ?? 0;

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await cancel({
        bookingId: booking.id, reason: reason.trim(), ...(itemIds ? { itemIds } : {}),
        ...(overrideCents !== null ? { overrideRefundCents: overrideCents } : {}),
      });
      onCancelled(updated);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const labelOf = (id: number) => booking.items.find((i) => i.id === id)?.label ?? `item ${id}`;
  const canPreview = reason.trim().length > 0 && (whole || picked.length > 0) && !busy;

  return (
    <Dialog open title={`Cancel booking #${booking.id}`} onClose={onClose}>
      <fieldset>
        <legend>What to cancel</legend>
        <label className="radio">
          <input type="radio" name="cancelScope" checked={whole} onChange={() => { setWhole(true); invalidate(); }} />
          <span>The whole booking</span>
        </label>
        <label className="radio">
          <input type="radio" name="cancelScope" checked={!whole} onChange={() => { setWhole(false); invalidate(); }} />
          <span>Some items</span>
        </label>
        {!whole && (
          <ul className="plain-list indent">
            {active.map((i) => (
              <li key={i.id}>
                <label className="checkbox">
                  <input type="checkbox" checked={picked.includes(i.id)}
                    onChange={(e) => { setPicked(e.target.checked ? [...picked, i.id] : picked.filter((x) => x !== i.id)); invalidate(); }} />
                  <span>{i.label} — {formatCents(i.totalCents)}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <label className="field">
        <span>Reason</span>
        <textarea name="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      {supervisor && preview && (
        <label className="field">
          <span>Override refund in dollars (optional, supervisor)</span>
          <input name="overrideRefund" inputMode="decimal" value={override} onChange={(e) => setOverride(e.target.value)}
            aria-invalid={override.trim() !== '' && overrideCents === null} />
        </label>
      )}
      <ErrorNote error={error} />
      {preview && (
        <div data-testid="refund-preview" className="notice" role="status">
          <table className="table compact">
            <caption className="sr-only">Refund per item</caption>
            <thead><tr><th scope="col">Item</th><th scope="col">Rule</th><th scope="col" className="num">Fee</th><th scope="col" className="num">Refund</th></tr></thead>
            <tbody>
              {preview.items.map((i) => (
                <tr key={i.itemId}>
                  <td>{labelOf(i.itemId)}</td><td>{i.rule}</td>
                  <td className="num">{formatCents(i.feeCents)}</td><td className="num">{formatCents(i.refundCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <strong>Refund {formatCents(refund)}</strong> to the customer
            {overrideCents !== null ? ` (overridden; policy says ${formatCents(preview.refundCents)})` : preview.feeCents > 0 ? `, fee kept ${formatCents(preview.feeCents)}` : ''}.
          </p>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} disabled={busy}>Keep the booking</button>
        <button type="button" className="btn" onClick={() => void runPreview()} disabled={!canPreview}>Preview refund</button>
        <button type="button" className="btn btn-danger solid" onClick={() => void confirm()} disabled={!preview || busy || !canPreview}>
          {busy && preview ? 'Cancelling…' : `Confirm cancellation${preview ? ` — refund ${formatCents(refund)}` : ''}`}
        </button>
      </div>
    </Dialog>
  );
}
