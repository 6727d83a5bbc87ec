import { useState, type FormEvent, type ReactNode } from 'react';
import type { CancellationPolicy, CatalogCar, CatalogHotel, CatalogRoomType, ChannelOutput } from '../../../shared/contract';
import { useReference } from '../../client/referenceStore';
import { navigate } from '../../client/router';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, parseDollars } from '../../ui/format';
import { useCatalog } from './catalogStore';

const dollars = (cents: number | undefined) => (cents === undefined ? '' : (cents / 100).toFixed(2));

function Field({ label, children }: { label: string; children: ReactNode }) {
  return <label className="field"><span>{label}</span>{children}</label>;
}

/** Runs a save, keeps its error, says what happened. */
function useSave<T>(onSaved: (value: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (work: () => Promise<T>) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await work());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, problem, setProblem, run };
}

function StateField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const states = useReference((s) => s.states);
  return (
    <Field label="State">
      <select name="stateCode" required value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {states.map((s) => <option key={s.code} value={s.code}>{s.code} — {s.name}</option>)}
      </select>
    </Field>
  );
}

function AirportField({ label, name, value, onChange }: { label: string; name: string; value: string; onChange: (v: string) => void }) {
  const airports = useReference((s) => s.airports);
  return (
    <Field label={label}>
      <select name={name} required value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {airports.map((a) => <option key={a.iata} value={a.iata}>{a.iata} — {a.city}, {a.stateCode}</option>)}
      </select>
    </Field>
  );
}

/** The hotel's cancellation policy from the form: its own, or null for the console's; a string when the numbers are off. */
function policyOf(p: { own: boolean; hours: string; fee: string }): CancellationPolicy | null | string {
  if (!p.own) return null;
  const freeCancelHours = Number(p.hours);
  const lateFeePct = Number(p.fee);
  if (p.hours.trim() === '' || !Number.isInteger(freeCancelHours) || freeCancelHours < 0 || freeCancelHours > 8760) return 'Free cancellation: whole hours before check-in, 0 to 8760.';
  if (p.fee.trim() === '' || !Number.isInteger(lateFeePct) || lateFeePct < 0 || lateFeePct > 100) return 'Late cancellation fee: a whole percent, 0 to 100.';
  return { freeCancelHours, lateFeePct };
}

export function HotelForm({ hotel, onDone }: { hotel?: CatalogHotel; onDone: (h: CatalogHotel) => void }) {
  const [f, setF] = useState({
    name: hotel?.name ?? '', address: hotel?.address ?? '', city: hotel?.city ?? '', stateCode: hotel?.stateCode ?? '', starRating: hotel?.starRating ?? 3,
    amenities: hotel?.amenities.join(', ') ?? '', checkInTime: hotel?.checkInTime ?? '15:00', checkOutTime: hotel?.checkOutTime ?? '11:00', active: hotel?.active ?? true,
  });
  const [policy, setPolicy] = useState({
    own: !!hotel?.cancellationPolicy,
    hours: String(hotel?.cancellationPolicy?.freeCancelHours ?? hotel?.appliedCancellationPolicy.freeCancelHours ?? 24),
    fee: String(hotel?.cancellationPolicy?.lateFeePct ?? hotel?.appliedCancellationPolicy.lateFeePct ?? 20),
  });
  const save = useSave(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cancellationPolicy = policyOf(policy);
    if (typeof cancellationPolicy === 'string') return save.setProblem(cancellationPolicy);
    save.setProblem(null);
    void save.run(() => useCatalog.getState().saveHotel({
      ...(hotel ? { hotelId: hotel.id } : {}), ...f, amenities: f.amenities.split(',').map((a) => a.trim()).filter(Boolean), cancellationPolicy,
    }));
  };
  return (
    <form className="card form-grid" onSubmit={submit} aria-label={hotel ? `Edit ${hotel.name}` : 'New hotel'}>
      <h3>{hotel ? `Edit ${hotel.name}` : 'New hotel'}</h3>
      <Field label="Hotel name"><input name="hotelName" required maxLength={160} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} /></Field>
      <Field label="Address"><input name="address" required maxLength={200} value={f.address} onChange={(e) => setF({ ...f, address: e.target.value })} /></Field>
      <Field label="City"><input name="city" required maxLength={64} value={f.city} onChange={(e) => setF({ ...f, city: e.target.value })} /></Field>
      <StateField value={f.stateCode} onChange={(stateCode) => setF({ ...f, stateCode })} />
      <Field label="Stars">
        <select name="starRating" value={f.starRating} onChange={(e) => setF({ ...f, starRating: Number(e.target.value) })}>
          {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </Field>
      <Field label="Amenities (comma-separated)"><input name="amenities" value={f.amenities} placeholder="pool, free wifi, parking" onChange={(e) => setF({ ...f, amenities: e.target.value })} /></Field>
      <Field label="Check-in from"><input type="time" name="checkInTime" required value={f.checkInTime} onChange={(e) => setF({ ...f, checkInTime: e.target.value })} /></Field>
      <Field label="Check-out by"><input type="time" name="checkOutTime" required value={f.checkOutTime} onChange={(e) => setF({ ...f, checkOutTime: e.target.value })} /></Field>
      <label className="field field-check"><input type="checkbox" name="active" checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} /> <span>On sale</span></label>
      <fieldset className="field-group">
        <legend>Cancellation policy</legend>
        <label className="field field-check">
          <input type="checkbox" name="ownCancellationPolicy" checked={policy.own} onChange={(e) => setPolicy({ ...policy, own: e.target.checked })} />
          <span>This hotel has its own policy{hotel && !hotel.cancellationPolicy ? ` (otherwise the console's: free until ${hotel.appliedCancellationPolicy.freeCancelHours} h before, then ${hotel.appliedCancellationPolicy.lateFeePct}%)` : ''}</span>
        </label>
        {policy.own && (
          <div className="row">
            <Field label="Free cancellation until (hours before check-in)">
              <input name="freeCancelHours" inputMode="numeric" required value={policy.hours} onChange={(e) => setPolicy({ ...policy, hours: e.target.value.replace(/\D/g, '') })} />
            </Field>
            <Field label="Then a fee of (%)">
              <input name="lateFeePct" inputMode="numeric" required value={policy.fee} onChange={(e) => setPolicy({ ...policy, fee: e.target.value.replace(/\D/g, '') })} />
            </Field>
          </div>
        )}
      </fieldset>
      {save.problem && <p className="error-note" role="alert">{save.problem}</p>}
      <ErrorNote error={save.error} />
      <div className="row"><button type="submit" className="btn btn-primary" disabled={save.busy}>{hotel ? 'Save hotel' : 'Add hotel'}</button></div>
    </form>
  );
}

export function RoomTypeForm({ hotel, roomType, onDone }: { hotel: CatalogHotel; roomType?: CatalogRoomType; onDone: (r: CatalogRoomType) => void }) {
  const [f, setF] = useState({
    name: roomType?.name ?? '', beds: roomType?.beds ?? '', maxGuests: roomType?.maxGuests ?? 2, price: dollars(roomType?.basePriceCents), rooms: 10, active: roomType?.active ?? true,
  });
  const save = useSave(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const basePriceCents = parseDollars(f.price);
    if (!basePriceCents) return save.setProblem('The base price is an amount in dollars, such as 189.00.');
    save.setProblem(null);
    void save.run(() => useCatalog.getState().saveRoomType({
      ...(roomType ? { roomTypeId: roomType.id } : { roomsPerNight: f.rooms }), hotelId: hotel.id, name: f.name, beds: f.beds, maxGuests: f.maxGuests, basePriceCents, active: f.active,
    }));
  };
  return (
    <form className="card form-grid" onSubmit={submit} aria-label={roomType ? `Edit room ${roomType.name}` : `New room type at ${hotel.name}`}>
      <h3>{roomType ? `Edit ${roomType.name}` : `New room type at ${hotel.name}`}</h3>
      <Field label="Room name"><input name="roomName" required maxLength={80} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} /></Field>
      <Field label="Beds"><input name="beds" required maxLength={60} placeholder="1 king" value={f.beds} onChange={(e) => setF({ ...f, beds: e.target.value })} /></Field>
      <Field label="Max guests"><input type="number" name="maxGuests" min={1} max={20} required value={f.maxGuests} onChange={(e) => setF({ ...f, maxGuests: Number(e.target.value) })} /></Field>
      <Field label="Base price a night ($)"><input name="basePrice" inputMode="decimal" required value={f.price} onChange={(e) => setF({ ...f, price: e.target.value })} /></Field>
      {!roomType && (
        <Field label="Rooms a night (next 365 nights)"><input type="number" name="roomsPerNight" min={0} max={10000} required value={f.rooms} onChange={(e) => setF({ ...f, rooms: Number(e.target.value) })} /></Field>
      )}
      <label className="field field-check"><input type="checkbox" name="roomActive" checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} /> <span>On sale</span></label>
      {save.problem && <p className="error-note" role="alert">{save.problem}</p>}
      <ErrorNote error={save.error} />
      <div className="row"><button type="submit" className="btn btn-primary" disabled={save.busy}>{roomType ? 'Save room type' : 'Add room type'}</button></div>
    </form>
  );
}

export function CarForm({ car, onDone }: { car?: CatalogCar; onDone: (c: CatalogCar) => void }) {
  const [f, setF] = useState({
    company: car?.company ?? '', model: car?.model ?? '', carClass: car?.carClass ?? '', seats: car?.seats ?? 5, transmission: car?.transmission ?? 'automatic',
    at: car && !car.airport ? 'city' : 'airport', airport: car?.airport ?? '', city: car?.city ?? '', stateCode: car?.stateCode ?? '',
    price: dollars(car?.basePriceCents), units: 1, active: car?.active ?? true,
  });
  const save = useSave(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const basePriceCents = parseDollars(f.price);
    if (!basePriceCents) return save.setProblem('The base price is an amount in dollars, such as 45.00.');
    save.setProblem(null);
    void save.run(() => useCatalog.getState().saveCar({
      ...(car ? { carId: car.id } : { unitsPerDay: f.units }), company: f.company, model: f.model, carClass: f.carClass, seats: f.seats,
      transmission: f.transmission === 'manual' ? 'manual' : 'automatic',
      pickUp: f.at === 'airport' ? { kind: 'airport', airport: f.airport } : { kind: 'city', city: f.city, stateCode: f.stateCode },
      basePriceCents, active: f.active,
    }));
  };
  return (
    <form className="card form-grid" onSubmit={submit} aria-label={car ? `Edit ${car.company} ${car.model}` : 'New car'}>
      <h3>{car ? `Edit ${car.company} ${car.model}` : 'New car'}</h3>
      <Field label="Company"><input name="company" required maxLength={64} value={f.company} onChange={(e) => setF({ ...f, company: e.target.value })} /></Field>
      <Field label="Model"><input name="model" required maxLength={64} value={f.model} onChange={(e) => setF({ ...f, model: e.target.value })} /></Field>
      <Field label="Class"><input name="carClass" required maxLength={32} placeholder="compact" value={f.carClass} onChange={(e) => setF({ ...f, carClass: e.target.value })} /></Field>
      <Field label="Seats"><input type="number" name="seats" min={1} max={15} required value={f.seats} onChange={(e) => setF({ ...f, seats: Number(e.target.value) })} /></Field>
      <Field label="Transmission">
        <select name="transmission" value={f.transmission} onChange={(e) => setF({ ...f, transmission: e.target.value === 'manual' ? 'manual' : 'automatic' })}>
          <option value="automatic">automatic</option><option value="manual">manual</option>
        </select>
      </Field>
      <Field label="Picked up at">
        <select name="pickUpKind" value={f.at} onChange={(e) => setF({ ...f, at: e.target.value })}>
          <option value="airport">an airport</option><option value="city">a city office</option>
        </select>
      </Field>
      {f.at === 'airport'
        ? <AirportField label="Pick-up airport" name="pickUpAirport" value={f.airport} onChange={(airport) => setF({ ...f, airport })} />
        : (<>
          <Field label="Pick-up city"><input name="pickUpCity" required maxLength={64} value={f.city} onChange={(e) => setF({ ...f, city: e.target.value })} /></Field>
          <StateField value={f.stateCode} onChange={(stateCode) => setF({ ...f, stateCode })} />
        </>)}
      <Field label="Base price a day ($)"><input name="carPrice" inputMode="decimal" required value={f.price} onChange={(e) => setF({ ...f, price: e.target.value })} /></Field>
      {!car && <Field label="Cars a day (next 365 days)"><input type="number" name="unitsPerDay" min={0} max={1000} required value={f.units} onChange={(e) => setF({ ...f, units: Number(e.target.value) })} /></Field>}
      <label className="field field-check"><input type="checkbox" name="carActive" checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} /> <span>On sale</span></label>
      {save.problem && <p className="error-note" role="alert">{save.problem}</p>}
      <ErrorNote error={save.error} />
      <div className="row"><button type="submit" className="btn btn-primary" disabled={save.busy}>{car ? 'Save car' : 'Add car'}</button></div>
    </form>
  );
}

export interface FlightDraft {
  flightId?: number; flightNumber: string; airline: string; from: string; to: string; departureLocal: string; arrivalLocal: string; seatsTotal: number; price: string; active: boolean;
}

export function FlightForm({ draft, onDone }: { draft?: FlightDraft; onDone: (r: ChannelOutput<'catalog.flights.save'>) => void }) {
  const [f, setF] = useState<FlightDraft>(draft ?? { flightNumber: '', airline: '', from: '', to: '', departureLocal: '', arrivalLocal: '', seatsTotal: 150, price: '', active: true });
  const save = useSave(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const priceCents = parseDollars(f.price);
    if (!priceCents) return save.setProblem('The fare is an amount in dollars, such as 249.00.');
    save.setProblem(null);
    const { price: _price, ...rest } = f;
    void save.run(() => useCatalog.getState().saveFlight({ ...rest, flightNumber: f.flightNumber.trim().toUpperCase(), priceCents }));
  };
  return (
    <form className="card form-grid" onSubmit={submit} aria-label={f.flightId ? `Edit flight ${draft?.flightNumber ?? ''}` : 'New flight'}>
      <h3>{f.flightId ? `Edit flight ${draft?.flightNumber ?? ''}` : 'New flight'}</h3>
      <Field label="Flight number"><input name="flightNumber" required maxLength={8} placeholder="DL 401" value={f.flightNumber} onChange={(e) => setF({ ...f, flightNumber: e.target.value })} /></Field>
      <Field label="Airline"><input name="airline" required maxLength={64} value={f.airline} onChange={(e) => setF({ ...f, airline: e.target.value })} /></Field>
      <AirportField label="From" name="from" value={f.from} onChange={(from) => setF({ ...f, from })} />
      <AirportField label="To" name="to" value={f.to} onChange={(to) => setF({ ...f, to })} />
      <Field label="Departs (local time at origin)"><input type="datetime-local" name="departureLocal" required value={f.departureLocal} onChange={(e) => setF({ ...f, departureLocal: e.target.value })} /></Field>
      <Field label="Arrives (local time at destination)"><input type="datetime-local" name="arrivalLocal" required value={f.arrivalLocal} onChange={(e) => setF({ ...f, arrivalLocal: e.target.value })} /></Field>
      <Field label="Seats"><input type="number" name="seatsTotal" min={1} max={1000} required value={f.seatsTotal} onChange={(e) => setF({ ...f, seatsTotal: Number(e.target.value) })} /></Field>
      <Field label="Fare ($)"><input name="fare" inputMode="decimal" required value={f.price} onChange={(e) => setF({ ...f, price: e.target.value })} /></Field>
      <label className="field field-check"><input type="checkbox" name="flightActive" checked={f.active} onChange={(e) => setF({ ...f, active: e.target.checked })} /> <span>On sale</span></label>
      {save.problem && <p className="error-note" role="alert">{save.problem}</p>}
      <ErrorNote error={save.error} />
      <div className="row"><button type="submit" className="btn btn-primary" disabled={save.busy}>{f.flightId ? 'Save flight' : 'Add flight'}</button></div>
    </form>
  );
}

/** What a flight save did, with the bookings a schedule change moved (each now in Needs attention). */
export function FlightSaved({ result }: { result: ChannelOutput<'catalog.flights.save'> }) {
  const f = result.flight;
  return (
    <div className="notice" role="status">
      <p>Saved {f.airline} {f.flightNumber} {f.from}→{f.to}, departs {f.departureLocal.slice(0, 16).replace('T', ' ')}, {f.seatsTotal} seats at {formatCents(f.priceCents)}{f.active ? '' : ', off sale'}.</p>
      {result.affectedBookings.length > 0 && (
        <>
          <p>The schedule moved under {result.affectedBookings.length} booking{result.affectedBookings.length === 1 ? '' : 's'}; each has a remark and waits in Needs attention:</p>
          <ul aria-label="Bookings the schedule change affects">
            {result.affectedBookings.map((b) => (
              <li key={b.itemId}>
                <a href={`#/bookings/${b.bookingId}`} onClick={(e) => { e.preventDefault(); navigate(`/bookings/${b.bookingId}`); }}>{b.locator}</a> — {b.customerName}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
