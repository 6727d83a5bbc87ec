import { useEffect, useState, type FormEvent } from 'react';
import { ContractError, type FlightOffer } from '../../../shared/contract';
import { useReference } from '../../client/referenceStore';
import { useSearch } from '../../client/searchStore';
import { AirportPicker, resolveAirport } from '../../ui/AirportPicker';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatDay, parseDollars, todayIso } from '../../ui/format';
import { formatFlightTimes, formatLocalDateTime } from '../../ui/flightTimes';
import { MonthCalendar, monthLabel, RulesLegend } from './MonthCalendar';
import { useInventory, type RulesEdit, type Subject } from './inventoryStore';

type Tab = 'rooms' | 'cars' | 'flights';

function SubjectPicker({ tab }: { tab: 'rooms' | 'cars' }) {
  const setSubject = useInventory((s) => s.setSubject);
  const last = useSearch((s) => (tab === 'rooms' ? s.hotels.rows : s.cars.rows));
  const [city, setCity] = useState('');
  const [found, setFound] = useState<Subject[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fromLast: Subject[] = tab === 'rooms'
    ? (last as ReturnType<typeof useSearch.getState>['hotels']['rows']).map((h) => ({ kind: 'room', id: h.roomTypeId, label: `${h.hotelName} — ${h.roomTypeName} (${h.city})` }))
    : (last as ReturnType<typeof useSearch.getState>['cars']['rows']).map((c) => ({ kind: 'car', id: c.carId, label: `${c.company} ${c.model} (${c.city})` }));
  const options = found ?? fromLast;

  const find = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setFound(await useInventory.getState().findSubjects(tab === 'rooms' ? 'room' : 'car', city));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="search-form">
      <form className="row" onSubmit={(e) => void find(e)} aria-label={tab === 'rooms' ? 'Find room types' : 'Find cars'}>
        <label className="field">
          <span>City</span>
          <input value={city} onChange={(e) => setCity(e.target.value)} placeholder="Any city" />
        </label>
        <button type="submit" className="btn">{tab === 'rooms' ? 'Find room types' : 'Find cars'}</button>
      </form>
      <label className="field grow">
        <span>{tab === 'rooms' ? 'Room type' : 'Car'}</span>
        <select value="" onChange={(e) => { const s = options.find((o) => String(o.id) === e.target.value); if (s) setSubject(s); }}>
          <option value="">{options.length ? `Choose one of ${options.length}…` : 'Find by city first'}</option>
          {options.map((o) => <option key={`${o.kind}-${o.id}`} value={o.id}>{o.label}</option>)}
        </select>
      </label>
      <ErrorNote error={error} />
    </div>
  );
}

function BulkEdit({ unit }: { unit: string }) {
  const { selection, apply, saving, saveError, clearSelection } = useInventory();
  const [total, setTotal] = useState('');
  const [price, setPrice] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!selection) return <p className="muted">Select a day, then another to select a range (Shift+click extends).</p>;
  const overbookable = saveError instanceof ContractError && saveError.code === 'CONFLICT' && total.trim() !== '';
  const submit = async (e: FormEvent | null, allowOverbooking = false) => {
    e?.preventDefault();
    setNotice(null);
    const t = total.trim() === '' ? undefined : Number(total);
    const p = price.trim() === '' ? undefined : parseDollars(price);
    if (t !== undefined && (!Number.isInteger(t) || t < 0)) return setProblem(`${unit} available: a whole number.`);
    if (p === null) return setProblem('Price: dollars and cents, like 129.00.');
    if (t === undefined && p === undefined) return setProblem(`Give ${unit} available, a price, or both.`);
    setProblem(null);
    const changed = await apply({ ...(t !== undefined ? { total: t } : {}), ...(p !== undefined ? { priceCents: p } : {}), ...(allowOverbooking ? { allowOverbooking } : {}) });
    if (changed !== null) setNotice(`${changed} day${changed === 1 ? '' : 's'} changed.${allowOverbooking ? ' The days over it wait in Needs attention → Overbooked.' : ''}`);
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label="Edit the selected days">
      <h3>
        {selection.from === selection.to ? formatDay(selection.from) : `${formatDay(selection.from)} to ${formatDay(selection.to)} (inclusive)`}
      </h3>
      <div className="row">
        <label className="field field-narrow">
          <span>{unit[0]!.toUpperCase() + unit.slice(1)} available</span>
          <input inputMode="numeric" value={total} onChange={(e) => setTotal(e.target.value)} placeholder="unchanged" />
        </label>
        <label className="field field-narrow">
          <span>Price per day ($)</span>
          <input inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} placeholder="unchanged" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={saving}>{saving ? 'Saving…' : 'Apply to selected days'}</button>
        <button type="button" className="btn" onClick={clearSelection}>Clear selection</button>
      </div>
      {problem && <p className="error-note" role="alert">{problem}</p>}
      <ErrorNote error={saveError} />
      {overbookable && (
        <button type="button" className="btn" disabled={saving} onClick={() => void submit(null, true)}>Overbook: set {total} anyway and list the bookings to move</button>
      )}
      {notice && <p className="notice" role="status">{notice}</p>}
    </form>
  );
}

type Gate = 'unchanged' | 'closed' | 'open';
const gateValue = (g: Gate): boolean | undefined => (g === 'unchanged' ? undefined : g === 'closed');

/** Rate rules for the selected nights of a room type: a minimum stay, closed to arrival, closed to departure. */
function RulesEditor() {
  const { selection, applyRules, saving, rulesError } = useInventory();
  const [minStay, setMinStay] = useState('');
  const [arrival, setArrival] = useState<Gate>('unchanged');
  const [departure, setDeparture] = useState<Gate>('unchanged');
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!selection) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const m = minStay.trim() === '' ? undefined : Number(minStay);
    if (m !== undefined && (!Number.isInteger(m) || m < 1 || m > 30)) return setProblem('Minimum stay: 1 to 30 nights (1 takes the rule off).');
    const edit: RulesEdit = {
      ...(m !== undefined ? { minStayNights: m } : {}),
      ...(gateValue(arrival) !== undefined ? { closedToArrival: gateValue(arrival) } : {}),
      ...(gateValue(departure) !== undefined ? { closedToDeparture: gateValue(departure) } : {}),
    };
    if (Object.keys(edit).length === 0) return setProblem('Give a minimum stay, or close or open arrival or departure.');
    setProblem(null);
    const changed = await applyRules(edit);
    if (changed === null) return;
    // Set and shown on the calendar: the next range starts from "unchanged", not from these rules.
    setMinStay('');
    setArrival('unchanged');
    setDeparture('unchanged');
    setNotice(`Rate rules set on ${changed} night${changed === 1 ? '' : 's'}.`);
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-label="Rate rules for the selected nights">
      <h3>Rate rules for the selected nights</h3>
      <div className="row">
        <label className="field field-narrow">
          <span>Minimum stay (nights)</span>
          <input inputMode="numeric" name="minStayNights" value={minStay} onChange={(e) => setMinStay(e.target.value.replace(/\D/g, ''))} placeholder="unchanged" />
        </label>
        <GateSelect label="Arrival" name="closedToArrival" value={arrival} onChange={setArrival} />
        <GateSelect label="Departure" name="closedToDeparture" value={departure} onChange={setDeparture} />
        <button type="submit" className="btn btn-primary" disabled={saving}>{saving ? 'Saving…' : 'Set rules'}</button>
      </div>
      {problem && <p className="error-note" role="alert">{problem}</p>}
      <ErrorNote error={rulesError} />
      {notice && <p className="notice" role="status">{notice}</p>}
    </form>
  );
}

function FlightEditor() {
  const airports = useReference((s) => s.airports);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [date, setDate] = useState(todayIso(1));
  const [flights, setFlights] = useState<FlightOffer[]>([]);
  const [flight, setFlight] = useState<FlightOffer | null>(null);
  const [seats, setSeats] = useState('');
  const [price, setPrice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const f = resolveAirport(from, airports);
    const t = resolveAirport(to, airports);
    try {
      setFlights(await useInventory.getState().findFlights({ from: f ?? '', to: t ?? '', date }));
    } catch (err) {
      setError(err);
    }
  };
  const save = async (e: FormEvent | null, allowOverbooking = false) => {
    e?.preventDefault();
    if (!flight) return;
    setError(null);
    setNotice(null);
    const s = seats.trim() === '' ? undefined : Number(seats);
    const p = price.trim() === '' ? undefined : parseDollars(price) ?? undefined;
    setBusy(true);
    try {
      const updated = await useInventory.getState().updateFlight({
        flightId: flight.id, ...(s !== undefined ? { seatsTotal: s } : {}), ...(p !== undefined ? { priceCents: p } : {}), ...(allowOverbooking ? { allowOverbooking } : {}),
      });
      setFlight(updated);
      setFlights(flights.map((x) => (x.id === updated.id ? updated : x)));
      setNotice(allowOverbooking
        ? `${updated.flightNumber} is overbooked: ${updated.seatsTotal - (s ?? 0)} seat(s) over ${s ?? 0}. Its bookings wait in Needs attention → Overbooked.`
        : `${updated.flightNumber}: ${updated.seatsTotal} seats (${updated.seatsAvailable} available), fare ${formatCents(updated.priceCents)}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <form className="search-form" onSubmit={(e) => void find(e)} aria-label="Find flights to edit">
        <AirportPicker label="From" name="invFrom" value={from} airports={airports} onChange={setFrom} />
        <AirportPicker label="To" name="invTo" value={to} airports={airports} onChange={setTo} />
        <label className="field">
          <span>Date</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary">Find flights</button>
      </form>
      {flights.length > 0 && (
        <label className="field">
          <span>Flight</span>
          <select value={flight?.id ?? ''} onChange={(e) => { const f = flights.find((x) => x.id === Number(e.target.value)) ?? null; setFlight(f); setSeats(''); setPrice(''); setNotice(null); }}>
            <option value="">Choose one of {flights.length} flights…</option>
            {flights.map((f) => <option key={f.id} value={f.id}>{`${f.airline} ${f.flightNumber} ${f.from}→${f.to} ${formatLocalDateTime(f.departureLocal, f.departureTimeZone)} — ${f.seatsAvailable}/${f.seatsTotal} seats, ${formatCents(f.priceCents)}`}</option>)}
          </select>
        </label>
      )}
      {flight && (
        <form className="card" onSubmit={(e) => void save(e)} aria-label={`Edit flight ${flight.flightNumber}`}>
          <h3>{flight.airline} {flight.flightNumber} {flight.from} → {flight.to}, {formatFlightTimes(flight)}</h3>
          <p className="muted">{flight.seatsTotal - flight.seatsAvailable} seats sold or held; {flight.seatsAvailable} of {flight.seatsTotal} available; fare {formatCents(flight.priceCents)}.</p>
          <div className="row">
            <label className="field field-narrow">
              <span>Seats in total</span>
              <input inputMode="numeric" value={seats} onChange={(e) => setSeats(e.target.value.replace(/\D/g, ''))} placeholder={String(flight.seatsTotal)} />
            </label>
            <label className="field field-narrow">
              <span>Fare ($)</span>
              <input inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} placeholder={(flight.priceCents / 100).toFixed(2)} />
            </label>
            <button type="submit" className="btn btn-primary" disabled={busy || (seats === '' && price === '')}>{busy ? 'Saving…' : 'Save flight'}</button>
          </div>
        </form>
      )}
      <ErrorNote error={error} />
      {soldOrHeldOf(error) !== null && (
        <button type="button" className="btn" disabled={busy} onClick={() => void save(null, true)}>
          Overbook: set {seats} seats anyway and list the bookings to move
        </button>
      )}
      {notice && <p className="notice" role="status">{notice}</p>}
    </>
  );
}

/** A resize refused for the seats already sold or held: the supervisor may overbook instead. */
function soldOrHeldOf(err: unknown): number | null {
  if (!(err instanceof ContractError) || err.code !== 'CONFLICT') return null;
  const n = (err.details as { soldOrHeld?: unknown } | undefined)?.soldOrHeld;
  return typeof n === 'number' ? n : null;
}

export function InventoryPage() {
  const [tab, setTab] = useState<Tab>('rooms');
  const inv = useInventory();
  useEffect(() => {
    void useReference.getState().load();
  }, []);
  const unit = inv.subject?.kind === 'car' ? 'cars' : 'rooms';
  const showCalendar = tab !== 'flights' && inv.subject && (tab === 'rooms' ? inv.subject.kind === 'room' : inv.subject.kind === 'car');
  return (
    <section className="page">
      <h1 tabIndex={-1}>Inventory</h1>
      <div role="tablist" aria-label="Inventory kind" className="tabs">
        {(['rooms', 'cars', 'flights'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} aria-controls="inventory-panel" id={`inv-tab-${t}`}
            tabIndex={tab === t ? 0 : -1}
            onClick={() => setTab(t)}
            onKeyDown={(e) => {
              const order = ['rooms', 'cars', 'flights'] as const;
              const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!d) return;
              const next = order[(order.indexOf(tab) + d + order.length) % order.length]!;
              setTab(next);
              requestAnimationFrame(() => document.getElementById(`inv-tab-${next}`)?.focus());
            }}>
            {t === 'rooms' ? 'Hotel rooms' : t === 'cars' ? 'Cars' : 'Flights'}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="inventory-panel" aria-labelledby={`inv-tab-${tab}`}>
        {tab === 'flights' ? (
          <FlightEditor />
        ) : (
          <>
            <SubjectPicker tab={tab} key={tab} />
            {showCalendar && inv.subject && (
              <section className="card" aria-labelledby="calendar-title">
                <div className="record-head">
                  <h2 id="calendar-title">{inv.subject.label}: {monthLabel(inv.month)}</h2>
                  <div className="row">
                    <button type="button" className="btn" onClick={() => inv.shiftMonth(-1)}><span aria-hidden="true">‹</span> Previous month</button>
                    <button type="button" className="btn" onClick={() => inv.shiftMonth(1)}>Next month <span aria-hidden="true">›</span></button>
                  </div>
                </div>
                <ErrorNote error={inv.error} onRetry={() => void inv.load()} />
                {inv.loading && <p className="muted" role="status">Loading…</p>}
                <MonthCalendar month={inv.month} days={inv.days} unit={unit} selection={inv.selection} problems={inv.problemDays} onSelect={inv.select} />
                {inv.subject.kind === 'room' && <RulesLegend />}
                <BulkEdit unit={unit} />
                {inv.subject.kind === 'room' && <RulesEditor />}
              </section>
            )}
          </>
        )}
      </div>
    </section>
  );
}

/** Closed to arrival or to departure on the selected nights: leave as is, close, or open again. */
function GateSelect({ label, name, value, onChange }: { label: 'Arrival' | 'Departure'; name: string; value: Gate; onChange: (g: Gate) => void }) {
  const what = label.toLowerCase();
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value as Gate)}>
        <option value="unchanged">unchanged</option>
        <option value="closed">closed to {what}</option>
        <option value="open">open to {what}</option>
      </select>
    </label>
  );
}
