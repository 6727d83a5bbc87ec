import { useState } from 'react';
import type { ChangeReplacement, FlightOffer } from '../../shared/contract';
import { call } from '../client/contractClient';
import { ErrorNote } from './ErrorNote';
import { formatCents } from './format';
import { formatLocalDateTime } from './flightTimes';

/** What is being replaced (or, with no id, added): a flight's seats, a stay's dates and rooms, a car's days. */
export type PickerTarget =
  | { kind: 'flight'; flightId: number | null; seats: number; from?: string; to?: string }
  | { kind: 'hotel'; roomTypeId: number | null; checkIn: string; checkOut: string; rooms: number }
  | { kind: 'car'; carId: number | null; pickUp: string; dropOff: string };

/** One thing the agent may pick, with what it costs for the seats, rooms or days asked. */
export interface PickedOption { replacement: ChangeReplacement; label: string; totalCents: number }

const ALTERNATIVES = 8;
const flightText = (f: FlightOffer) => `${f.airline} ${f.flightNumber} ${f.from}→${f.to}, departs ${formatLocalDateTime(f.departureLocal, f.departureTimeZone)}`;

async function flightOptions(t: Extract<PickerTarget, { kind: 'flight' }>, from: string, to: string, date: string): Promise<PickedOption[]> {
  const page = await call('flights.search', { from, to, ...(date ? { date } : {}), passengers: t.seats, sort: 'time', limit: ALTERNATIVES + 1 });
  return page.items.filter((f) => f.id !== t.flightId && f.seatsAvailable >= t.seats).slice(0, ALTERNATIVES)
    .map((f) => ({ replacement: { kind: 'flight', flightId: f.id }, label: `${flightText(f)}, ${f.seatsAvailable} seats left`, totalCents: f.priceCents * t.seats }));
}

async function stayOptions(t: Extract<PickerTarget, { kind: 'hotel' }>, checkIn: string, checkOut: string): Promise<PickedOption[]> {
  const found = await call('hotels.search', { checkIn, checkOut, rooms: t.rooms, limit: 50 });
  // The same room first (other dates), then other rooms; none a rate rule refuses for these dates.
  const offers = found.items.filter((h) => !h.restriction).sort((a, b) => Number(b.roomTypeId === t.roomTypeId) - Number(a.roomTypeId === t.roomTypeId));
  return offers.slice(0, ALTERNATIVES).map((h) => ({
    replacement: { kind: 'hotel', roomTypeId: h.roomTypeId, checkIn, checkOut },
    label: `${h.hotelName}, ${h.roomTypeName} (${h.city})${h.roomTypeId === t.roomTypeId ? ' — the same room' : ''}`, totalCents: h.totalCents * t.rooms,
  }));
}

async function carOptions(t: Extract<PickerTarget, { kind: 'car' }>, pickUp: string, dropOff: string): Promise<PickedOption[]> {
  const found = await call('cars.search', { pickUp, dropOff, limit: 50 });
  const offers = [...found.items].sort((a, b) => Number(b.carId === t.carId) - Number(a.carId === t.carId));
  return offers.slice(0, ALTERNATIVES).map((c) => ({
    replacement: { kind: 'car', carId: c.carId, pickUp, dropOff },
    label: `${c.company} ${c.model} (${c.carClass}), ${c.city}${c.carId === t.carId ? ' — the same car' : ''}`, totalCents: c.totalCents,
  }));
}

/**
 * The guided choice of another flight, other dates or another room, other days or another car —
 * for a change of a booked item, an addition, or a refused offline change in Needs attention.
 * A flight keeps its seats (the same travellers fly); a stay its rooms; a car is one car.
 */
export function ReplacementPicker({ target, busy, onPick, onClose, chooseLabel = 'Choose' }: {
  target: PickerTarget;
  busy: boolean;
  onPick: (picked: PickedOption) => void;
  onClose?: () => void;
  chooseLabel?: string;
}) {
  const initialFrom = target.kind === 'flight' ? target.from ?? '' : '';
  const initialTo = target.kind === 'flight' ? target.to ?? '' : '';
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const [date, setDate] = useState('');
  const [start, setStart] = useState(target.kind === 'hotel' ? target.checkIn : target.kind === 'car' ? target.pickUp : '');
  const [end, setEnd] = useState(target.kind === 'hotel' ? target.checkOut : target.kind === 'car' ? target.dropOff : '');
  const [options, setOptions] = useState<PickedOption[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [looking, setLooking] = useState(false);

  const look = async () => {
    setLooking(true);
    setError(null);
    try {
      if (target.kind === 'flight') {
        let f = from;
        let t = to;
        if ((!f || !t) && target.flightId !== null) {
          const original = await call('flights.get', { flightId: target.flightId });
          f = original.from;
          t = original.to;
          setFrom(f);
          setTo(t);
        }
        setOptions(f && t ? await flightOptions(target, f.toUpperCase(), t.toUpperCase(), date) : []);
      } else if (target.kind === 'hotel') {
        setOptions(await stayOptions(target, start, end));
      } else {
        setOptions(await carOptions(target, start, end));
      }
    } catch (err) {
      setError(err);
      setOptions(null);
    } finally {
      setLooking(false);
    }
  };

  const what = target.kind === 'flight' ? 'flights' : target.kind === 'hotel' ? 'stays' : 'cars';
  return (
    <section className="pick-flight" aria-label={`Other ${what}`}>
      <form className="row" onSubmit={(e) => { e.preventDefault(); void look(); }}>
        {target.kind === 'flight' ? (
          <>
            <label className="field"><span>From</span><input value={from} maxLength={3} size={4} placeholder={target.flightId !== null ? 'same' : ''} onChange={(e) => setFrom(e.target.value)} /></label>
            <label className="field"><span>To</span><input value={to} maxLength={3} size={4} placeholder={target.flightId !== null ? 'same' : ''} onChange={(e) => setTo(e.target.value)} /></label>
            <label className="field"><span>Date (any if empty)</span><input type="date" value={date} onChange={(e) => setDate(e.target.value)} /></label>
          </>
        ) : (
          <>
            <label className="field"><span>{target.kind === 'hotel' ? 'Check-in' : 'Pick-up'}</span><input type="date" required value={start} onChange={(e) => setStart(e.target.value)} /></label>
            <label className="field"><span>{target.kind === 'hotel' ? 'Check-out' : 'Drop-off'}</span><input type="date" required value={end} onChange={(e) => setEnd(e.target.value)} /></label>
          </>
        )}
        <button type="submit" className="btn btn-small" disabled={looking}>Search {what}</button>
      </form>
      <ErrorNote error={error} onRetry={() => void look()} />
      {looking && <p className="muted" role="status">Looking for {what}…</p>}
      {options && options.length === 0 && <p className="muted">Nothing free for that. Try other dates, or discard the change.</p>}
      {options && options.length > 0 && (
        <ul className="alt-list">
          {options.map((o) => (
            <li key={JSON.stringify(o.replacement)}>
              <span>{o.label}</span>
              <span className="num">{formatCents(o.totalCents)}</span>
              <button type="button" className="btn btn-small btn-primary" disabled={busy} aria-label={`${chooseLabel} ${o.label}`} onClick={() => onPick(o)}>{chooseLabel}</button>
            </li>
          ))}
        </ul>
      )}
      {onClose && <button type="button" className="btn btn-small" onClick={onClose}>Close</button>}
    </section>
  );
}
