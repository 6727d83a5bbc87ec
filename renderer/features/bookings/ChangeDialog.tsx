import { useState } from 'react';
import type { Booking, ChangeReplacement, ChannelInput, ChannelOutput } from '../../../shared/contract';
import { Dialog } from '../../ui/Dialog';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents } from '../../ui/format';
import { ReplacementPicker, type PickerTarget } from '../../ui/ReplacementPicker';
import { useBookingRecord } from './bookingsStore';
import { PayFields } from './PayFields';

type Item = Booking['items'][number];
type Preview = ChannelOutput<'bookings.changePreview'>;
type Payment = ChannelInput<'bookings.change'>['payment'];

/** The item as the picker sees it: the same seats, rooms, or car days to start from. */
export function pickerTargetOf(item: Item): PickerTarget {
  const start = item.startUtc.slice(0, 10);
  const end = item.endUtc.slice(0, 10);
  if (item.kind === 'flight') return { kind: 'flight', flightId: item.refId, seats: item.quantity };
  if (item.kind === 'hotel') return { kind: 'hotel', roomTypeId: item.refId, checkIn: start, checkOut: end, rooms: item.quantity };
  return { kind: 'car', carId: item.refId, pickUp: start, dropOff: end };
}

/** The difference in words: what the customer pays or gets back. */
export function differenceWords(p: Preview): string {
  if (p.chargeCents > 0) return `The customer pays ${formatCents(p.chargeCents)} more${p.feeCents ? `, change fee of ${formatCents(p.feeCents)} included` : ''}.`;
  if (p.refundCents > 0) return `${formatCents(p.refundCents)} is refunded to the customer (${p.rule}).`;
  if (p.differenceCents < 0) return `Nothing is refunded: ${p.rule}.`;
  return 'No difference to pay.';
}

/**
 * Change one booked item: pick another flight (the same travellers fly), other dates or another
 * room, other days or another car; the difference is previewed before anything changes, and the
 * change is made at that difference (PRICE_CHANGED if it moved meanwhile).
 */
export function ChangeDialog({ booking, item, onClose, onChanged }: {
  booking: Booking;
  item: Item;
  onClose: () => void;
  onChanged: (b: Booking, preview: Preview) => void;
}) {
  const [replacement, setReplacement] = useState<ChangeReplacement | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [pay, setPay] = useState<{ payment: Payment } | { problem: string }>({ payment: undefined });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { previewChange, change } = useBookingRecord.getState();
  const paidWithSavedCard = booking.billing.some((b) => b.status === 'captured' && b.paymentMethodId !== null);

  const pick = async (r: ChangeReplacement) => {
    setBusy(true);
    setError(null);
    setReplacement(r);
    setPreview(null);
    try {
      setPreview(await previewChange({ bookingId: booking.id, itemId: item.id, replacement: r }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!replacement || !preview || !('payment' in pay)) return;
    setBusy(true);
    setError(null);
    try {
      const changed = await change({
        bookingId: booking.id, itemId: item.id, replacement, expectedDifferenceCents: preview.differenceCents,
        ...(preview.chargeCents > 0 && pay.payment ? { payment: pay.payment } : {}),
      });
      onChanged(changed, preview);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open title={`Change ${item.label}`} onClose={onClose}>
      <ReplacementPicker target={pickerTargetOf(item)} busy={busy} chooseLabel="Preview" onPick={(o) => void pick(o.replacement)} />
      {preview && (
        <section aria-label="What the change costs" data-testid="change-preview">
          <table className="table">
            <tbody>
              <tr><th scope="row">Now</th><td>{preview.oldLabel}</td><td className="num">{formatCents(preview.oldTotalCents)}</td></tr>
              <tr><th scope="row">Instead</th><td>{preview.newLabel}</td><td className="num">{formatCents(preview.newTotalCents)}</td></tr>
              {preview.feeCents > 0 && <tr><th scope="row">Change fee</th><td /><td className="num">{formatCents(preview.feeCents)}</td></tr>}
              <tr><th scope="row">Difference</th><td /><td className="num"><strong>{formatCents(preview.differenceCents)}</strong></td></tr>
            </tbody>
          </table>
          <p role="status">{differenceWords(preview)}</p>
          {preview.chargeCents > 0 && <PayFields allowBookingCard={paidWithSavedCard} onChange={setPay} />}
          {'problem' in pay && preview.chargeCents > 0 && <p className="error-note" role="alert">{pay.problem}</p>}
        </section>
      )}
      <ErrorNote error={error} />
      <div className="row">
        <button type="button" className="btn btn-primary" disabled={busy || !preview || (preview.chargeCents > 0 && !('payment' in pay && (pay.payment || paidWithSavedCard)))}
          onClick={() => void confirm()}>
          Make the change
        </button>
        <button type="button" className="btn" onClick={onClose}>Close</button>
      </div>
    </Dialog>
  );
}
