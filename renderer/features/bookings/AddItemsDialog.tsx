import { useState } from 'react';
import type { Booking, BookingItemInput, BookingTravellerInput, ChannelInput } from '../../../shared/contract';
import { Dialog } from '../../ui/Dialog';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, todayIso } from '../../ui/format';
import { ReplacementPicker, type PickedOption, type PickerTarget } from '../../ui/ReplacementPicker';
import { useBookingRecord } from './bookingsStore';
import { PayFields } from './PayFields';

type Payment = ChannelInput<'bookings.addItems'>['payment'];

/** The booking's own travellers, as an added item names them: its passengers, else its lead guest or driver. */
export function bookingTravellers(booking: Booking): BookingTravellerInput[] {
  const active = booking.items.filter((i) => i.status === 'active');
  const people = (active.find((i) => i.kind === 'flight') ?? active[0])?.travellers ?? [];
  return people.map((t) => ({
    givenNames: t.givenNames, familyName: t.familyName, dateOfBirth: t.dateOfBirth, gender: t.gender, knownTravellerNumber: t.knownTravellerNumber,
    ...(t.passport ? { passport: t.passport } : {}), ...(t.savedTravellerId !== null ? { savedTravellerId: t.savedTravellerId } : {}),
  }));
}

/** The picked offer as an item of bookings.addItems, for the booking's travellers. */
export function itemFor(picked: PickedOption, travellers: BookingTravellerInput[], rooms: number): BookingItemInput | null {
  const r = picked.replacement;
  const first = travellers[0];
  if (!first) return null;
  if (r.kind === 'flight') return { kind: 'flight', flightId: r.flightId, seats: travellers.length, travellers };
  if (r.kind === 'hotel') return { kind: 'hotel', roomTypeId: r.roomTypeId, checkIn: r.checkIn, checkOut: r.checkOut, rooms, guests: travellers.length, travellers: [first] };
  return { kind: 'car', carId: r.carId, pickUp: r.pickUp, dropOff: r.dropOff, travellers: [first] };
}

/**
 * Add a flight, a stay or a car to the booking (the locator stays), for the travellers already on
 * it: a seat each, a room with the first of them as lead guest, a car with the first as driver.
 */
export function AddItemsDialog({ booking, onClose, onAdded }: { booking: Booking; onClose: () => void; onAdded: (b: Booking) => void }) {
  const travellers = bookingTravellers(booking);
  const [kind, setKind] = useState<PickerTarget['kind']>('hotel');
  const [picked, setPicked] = useState<PickedOption | null>(null);
  const [pay, setPay] = useState<{ payment: Payment | undefined } | { problem: string }>({ problem: 'Payment: enter the card to charge.' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const addItems = useBookingRecord((s) => s.addItems);
  const rooms = Math.max(1, Math.ceil(travellers.length / 2));
  const day = booking.items.find((i) => i.status === 'active')?.startUtc.slice(0, 10) ?? todayIso(1);
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const target: PickerTarget = kind === 'flight'
    ? { kind, flightId: null, seats: Math.max(1, travellers.length) }
    : kind === 'hotel' ? { kind, roomTypeId: null, checkIn: day, checkOut: next, rooms } : { kind, carId: null, pickUp: day, dropOff: next };
  const item = picked ? itemFor(picked, travellers, rooms) : null;

  const add = async () => {
    if (!item || !picked || !('payment' in pay) || !pay.payment) return;
    setBusy(true);
    setError(null);
    try {
      onAdded(await addItems({ bookingId: booking.id, items: [item], payment: pay.payment, expectedTotalCents: picked.totalCents }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open title={`Add to booking ${booking.locator}`} onClose={onClose}>
      {travellers.length === 0 ? (
        <p className="muted">This booking names no travellers, so nothing can be added for them; make a new booking instead.</p>
      ) : (
        <>
          <div className="row" role="radiogroup" aria-label="What to add">
            {(['flight', 'hotel', 'car'] as const).map((k) => (
              <label key={k} className="check">
                <input type="radio" name="add-kind" checked={kind === k} onChange={() => { setKind(k); setPicked(null); }} /> {k === 'hotel' ? 'A stay' : k === 'car' ? 'A car' : 'A flight'}
              </label>
            ))}
          </div>
          <p className="muted">For {travellers.map((t) => `${t.givenNames} ${t.familyName}`).join(', ')}.</p>
          <ReplacementPicker key={kind} target={target} busy={busy} chooseLabel="Add" onPick={setPicked} />
          {picked && (
            <section aria-label="What is added">
              <p role="status">Adding {picked.label} for <strong>{formatCents(picked.totalCents)}</strong>.</p>
              <PayFields allowBookingCard={false} onChange={setPay} />
              {'problem' in pay && <p className="error-note" role="alert">{pay.problem}</p>}
            </section>
          )}
        </>
      )}
      <ErrorNote error={error} />
      <div className="row">
        <button type="button" className="btn btn-primary" disabled={busy || !item || !('payment' in pay) || !pay.payment} onClick={() => void add()}>
          Add and charge{picked ? ` ${formatCents(picked.totalCents)}` : ''}
        </button>
        <button type="button" className="btn" onClick={onClose}>Close</button>
      </div>
    </Dialog>
  );
}
