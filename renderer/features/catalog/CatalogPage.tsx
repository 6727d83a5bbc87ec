import { useEffect, useState, type FormEvent } from 'react';
import type { CatalogCar, CatalogFlight, CatalogHotel, CatalogRoomType, ChannelOutput } from '../../../shared/contract';
import { call } from '../../client/contractClient';
import { useReference } from '../../client/referenceStore';
import { navigate } from '../../client/router';
import { useBusyAction } from '../../ui/useBusyAction';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents } from '../../ui/format';
import { useCatalog } from './catalogStore';
import { CarForm, FlightForm, FlightSaved, HotelForm, RoomTypeForm, type FlightDraft } from './CatalogForms';
import { carOnSale, flightOnSale, hotelOnSale, roomTypeOnSale } from './onSale';

const TABS = [
  { id: 'hotels', label: 'Hotels' },
  { id: 'cars', label: 'Cars' },
  { id: 'flights', label: 'Flights' },
] as const;

/** Where supervisors add and edit what agents sell: hotels and their rooms, rental cars, flights. */
export function CatalogPage({ tab }: { tab?: string }) {
  const current = TABS.find((t) => t.id === tab)?.id ?? 'hotels';
  const loadReference = useReference((s) => s.load);
  useEffect(() => { void loadReference(); }, [loadReference]);
  return (
    <section className="page">
      <h1 tabIndex={-1}>Catalogue</h1>
      <div role="tablist" aria-label="What to edit" className="tabs">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`catalog-tab-${t.id}`} aria-selected={current === t.id} aria-controls={`catalog-panel-${t.id}`}
            tabIndex={current === t.id ? 0 : -1} onClick={() => navigate(`/catalog/${t.id}`)}>{t.label}</button>
        ))}
      </div>
      <div role="tabpanel" id={`catalog-panel-${current}`} aria-labelledby={`catalog-tab-${current}`}>
        {current === 'hotels' && <HotelsTab />}
        {current === 'cars' && <CarsTab />}
        {current === 'flights' && <FlightsTab />}
      </div>
    </section>
  );
}

/** "Show off-sale": hotels and cars taken off sale stay listed, marked, with a way back on sale. */
function ShowOffSale() {
  const showInactive = useCatalog((s) => s.showInactive);
  const setShowInactive = useCatalog((s) => s.setShowInactive);
  return (
    <label className="field field-check">
      <input type="checkbox" name="showInactive" checked={showInactive} onChange={(e) => void setShowInactive(e.target.checked)} /> <span>Show off-sale</span>
    </label>
  );
}

const OFF_SALE_NOTE = 'searches skip it and new sales are refused; its bookings keep it.';

type Editing = { kind: 'newHotel' } | { kind: 'hotel'; id: number } | { kind: 'newRoom'; hotelId: number } | { kind: 'room'; hotelId: number; id: number } | null;

function HotelsTab() {
  const hotels = useCatalog((s) => s.hotels);
  const error = useCatalog((s) => s.error);
  const loadHotels = useCatalog((s) => s.loadHotels);
  const [q, setQ] = useState(() => useCatalog.getState().hotelsQuery);
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const onSale = useBusyAction();
  useEffect(() => { void loadHotels(); }, [loadHotels]);
  const switchHotel = (h: CatalogHotel) => onSale.run(async () => {
    setEditing(null);
    const said = h.active ? `${h.name} is off sale: ${OFF_SALE_NOTE}` : `${h.name} is back on sale.`;
    await useCatalog.getState().saveHotel(hotelOnSale(h, !h.active));
    setNotice(said);
  });
  const reopenRoom = (h: CatalogHotel, r: CatalogRoomType) => onSale.run(async () => {
    setEditing(null);
    await useCatalog.getState().saveRoomType(roomTypeOnSale(r, true));
    setNotice(`${r.name} at ${h.name} is back on sale.`);
  });
  const done = (text: string) => { setEditing(null); setNotice(text); };
  const editingHotel = editing && editing.kind !== 'newHotel' ? hotels?.find((h) => h.id === (editing.kind === 'hotel' ? editing.id : editing.hotelId)) : undefined;
  return (
    <>
      <form className="search-form" role="search" aria-label="Find hotels in the catalogue" onSubmit={(e) => { e.preventDefault(); void loadHotels(q.trim()); }}>
        <label className="field"><span>Name or city</span><input name="q" value={q} onChange={(e) => setQ(e.target.value)} /></label>
        <button type="submit" className="btn">Find</button>
        <ShowOffSale />
        <button type="button" className="btn btn-primary" onClick={() => { setNotice(null); setEditing({ kind: 'newHotel' }); }}>New hotel</button>
      </form>
      <ErrorNote error={error} onRetry={() => void loadHotels(q)} />
      <ErrorNote error={onSale.error} />
      {notice && <p className="notice" role="status">{notice}</p>}
      {editing?.kind === 'newHotel' && <HotelForm onDone={(h) => { done(`Added ${h.name}. Add its room types next.`); setEditing({ kind: 'newRoom', hotelId: h.id }); }} />}
      {editing?.kind === 'hotel' && editingHotel && <HotelForm key={editingHotel.id} hotel={editingHotel} onDone={(h) => done(`Saved ${h.name}.`)} />}
      {editing?.kind === 'newRoom' && editingHotel && (
        <RoomTypeForm hotel={editingHotel} onDone={(r) => done(`Added ${r.name} at ${editingHotel.name}: on sale for the next 365 nights.`)} />
      )}
      {editing?.kind === 'room' && editingHotel && (
        <RoomTypeForm key={editing.id} hotel={editingHotel} roomType={editingHotel.roomTypes.find((r) => r.id === editing.id)} onDone={(r) => done(`Saved ${r.name}.`)} />
      )}
      <table className="table" aria-label="Hotels in the catalogue">
        <thead><tr><th>Hotel</th><th>City</th><th>Stars</th><th>Rooms</th><th>Status</th><th><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {(hotels ?? []).map((h) => (
            <tr key={h.id}>
              <td><a href={`#/hotels/${h.id}`} onClick={(e) => { e.preventDefault(); navigate(`/hotels/${h.id}`); }}>{h.name}</a></td>
              <td>{h.city}, {h.stateCode}</td>
              <td>{h.starRating}</td>
              <td>
                {h.roomTypes.map((r) => (
                  <span key={r.id} className="room-type">
                    <button type="button" className="link" onClick={() => setEditing({ kind: 'room', hotelId: h.id, id: r.id })}>
                      {r.name} ({formatCents(r.basePriceCents)}){r.active ? '' : ' off sale'}<span className="sr-only">: edit this room type of {h.name}</span>
                    </button>
                    {!r.active && (
                      <button type="button" className="btn btn-small" disabled={onSale.busy} onClick={() => void reopenRoom(h, r)}>
                        Put back on sale<span className="sr-only"> {r.name} at {h.name}</span>
                      </button>
                    )}
                  </span>
                ))}
              </td>
              <td>{h.active ? 'On sale' : <strong>Off sale</strong>}</td>
              <td className="row">
                <button type="button" className="btn btn-small" aria-label={`Edit ${h.name}`} onClick={() => setEditing({ kind: 'hotel', id: h.id })}>Edit</button>
                <button type="button" className="btn btn-small" disabled={onSale.busy} onClick={() => void switchHotel(h)}>
                  {h.active ? 'Take off sale' : 'Put back on sale'}<span className="sr-only"> {h.name}</span>
                </button>
                <button type="button" className="btn btn-small" aria-label={`Add room type to ${h.name}`} onClick={() => setEditing({ kind: 'newRoom', hotelId: h.id })}>Add room type</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hotels?.length === 0 && <p className="muted">No hotels match.</p>}
    </>
  );
}

function CarsTab() {
  const cars = useCatalog((s) => s.cars);
  const error = useCatalog((s) => s.error);
  const loadCars = useCatalog((s) => s.loadCars);
  const [q, setQ] = useState(() => useCatalog.getState().carsQuery);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const onSale = useBusyAction();
  useEffect(() => { void loadCars(); }, [loadCars]);
  const switchCar = (c: CatalogCar) => onSale.run(async () => {
    setEditing(null);
    const said = c.active ? `${c.company} ${c.model} is off sale: ${OFF_SALE_NOTE}` : `${c.company} ${c.model} is back on sale.`;
    await useCatalog.getState().saveCar(carOnSale(c, !c.active));
    setNotice(said);
  });
  const car = typeof editing === 'number' ? cars?.find((c) => c.id === editing) : undefined;
  return (
    <>
      <form className="search-form" role="search" aria-label="Find cars in the catalogue" onSubmit={(e) => { e.preventDefault(); void loadCars(q.trim()); }}>
        <label className="field"><span>Company, model, city or airport</span><input name="q" value={q} onChange={(e) => setQ(e.target.value)} /></label>
        <button type="submit" className="btn">Find</button>
        <ShowOffSale />
        <button type="button" className="btn btn-primary" onClick={() => { setNotice(null); setEditing('new'); }}>New car</button>
      </form>
      <ErrorNote error={error} onRetry={() => void loadCars(q)} />
      <ErrorNote error={onSale.error} />
      {notice && <p className="notice" role="status">{notice}</p>}
      {editing === 'new' && <CarForm onDone={(c) => { setEditing(null); setNotice(`Added ${c.company} ${c.model}: for rent for the next 365 days.`); }} />}
      {car && <CarForm key={car.id} car={car} onDone={(c) => { setEditing(null); setNotice(`Saved ${c.company} ${c.model}.`); }} />}
      <table className="table" aria-label="Cars in the catalogue">
        <thead><tr><th>Car</th><th>Class</th><th>Seats</th><th>Transmission</th><th>Pick-up</th><th>From a day</th><th>Status</th><th><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {(cars ?? []).map((c) => (
            <tr key={c.id}>
              <td><a href={`#/cars/${c.id}`} onClick={(e) => { e.preventDefault(); navigate(`/cars/${c.id}`); }}>{c.company} {c.model}</a></td>
              <td>{c.carClass}</td><td>{c.seats}</td><td>{c.transmission}</td>
              <td>{c.airport ? `${c.airport} airport` : `${c.city}, ${c.stateCode}`}</td>
              <td className="num">{formatCents(c.basePriceCents)}</td>
              <td>{c.active ? 'On sale' : <strong>Off sale</strong>}</td>
              <td className="row">
                <button type="button" className="btn btn-small" aria-label={`Edit ${c.company} ${c.model}`} onClick={() => setEditing(c.id)}>Edit</button>
                <button type="button" className="btn btn-small" disabled={onSale.busy} onClick={() => void switchCar(c)}>
                  {c.active ? 'Take off sale' : 'Put back on sale'}<span className="sr-only"> {c.company} {c.model}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cars?.length === 0 && <p className="muted">No cars match.</p>}
    </>
  );
}

const draftOf = (f: CatalogFlight): FlightDraft => ({
  flightId: f.id, flightNumber: f.flightNumber, airline: f.airline, from: f.from, to: f.to,
  departureLocal: f.departureLocal.slice(0, 16), arrivalLocal: f.arrivalLocal.slice(0, 16), seatsTotal: f.seatsTotal, price: (f.priceCents / 100).toFixed(2), active: f.active,
});

function FlightsTab() {
  const airports = useReference((s) => s.airports);
  const [criteria, setCriteria] = useState({ from: '', to: '', date: '', includeInactive: false });
  const [found, setFound] = useState<CatalogFlight[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<FlightDraft | 'new' | null>(null);
  const [saved, setSaved] = useState<ChannelOutput<'catalog.flights.save'> | null>(null);
  const onSale = useBusyAction();
  const find = (e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    call('catalog.flights.list', {
      ...(criteria.from ? { from: criteria.from } : {}), ...(criteria.to ? { to: criteria.to } : {}), ...(criteria.date ? { date: criteria.date } : {}),
      includeInactive: criteria.includeInactive,
    }).then(setFound, setError);
  };
  const switchFlight = (f: CatalogFlight) => onSale.run(async () => {
    setEditing(null);
    setSaved(await useCatalog.getState().saveFlight(flightOnSale(f, !f.active)));
    find();
  });
  const pick = (label: string, key: 'from' | 'to') => (
    <label className="field"><span>{label}</span>
      <select name={`find-${key}`} value={criteria[key]} onChange={(e) => setCriteria({ ...criteria, [key]: e.target.value })}>
        <option value="">Any airport</option>
        {airports.map((a) => <option key={a.iata} value={a.iata}>{a.iata} — {a.city}</option>)}
      </select>
    </label>
  );
  return (
    <>
      <form className="search-form" role="search" aria-label="Find flights to edit" onSubmit={find}>
        {pick('From', 'from')}{pick('To', 'to')}
        <label className="field"><span>Date (local at origin)</span><input type="date" name="find-date" value={criteria.date} onChange={(e) => setCriteria({ ...criteria, date: e.target.value })} /></label>
        <label className="field field-check">
          <input type="checkbox" name="showInactive" checked={criteria.includeInactive} onChange={(e) => setCriteria({ ...criteria, includeInactive: e.target.checked })} /> <span>Show off-sale</span>
        </label>
        <button type="submit" className="btn">Find flights</button>
        <button type="button" className="btn btn-primary" onClick={() => { setSaved(null); setEditing('new'); }}>New flight</button>
      </form>
      <ErrorNote error={error} onRetry={() => find()} />
      <ErrorNote error={onSale.error} />
      {saved && <FlightSaved result={saved} />}
      {editing && (
        <FlightForm key={editing === 'new' ? 'new' : editing.flightId} draft={editing === 'new' ? undefined : editing}
          onDone={(r) => { setEditing(null); setSaved(r); if (found) find(); }} />
      )}
      {found && (
        <table className="table" aria-label="Flights to edit">
          <thead><tr><th>Flight</th><th>Route</th><th>Departs (local)</th><th>Arrives (local)</th><th>Seats left</th><th>Fare</th><th>Status</th><th><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {found.map((f) => (
              <tr key={f.id}>
                <td>{f.airline} {f.flightNumber}</td><td>{f.from}→{f.to}</td>
                <td>{f.departureLocal.slice(0, 16).replace('T', ' ')}</td><td>{f.arrivalLocal.slice(0, 16).replace('T', ' ')}</td>
                <td>{f.seatsAvailable} of {f.seatsTotal}</td><td className="num">{formatCents(f.priceCents)}</td>
                <td>{f.active ? 'On sale' : <strong>Off sale</strong>}</td>
                <td className="row">
                  <button type="button" className="btn btn-small" aria-label={`Edit ${f.flightNumber} on ${f.departureLocal.slice(0, 10)}`} onClick={() => { setSaved(null); setEditing(draftOf(f)); }}>Edit</button>
                  <button type="button" className="btn btn-small" disabled={onSale.busy} onClick={() => void switchFlight(f)}>
                    {f.active ? 'Take off sale' : 'Put back on sale'}<span className="sr-only"> {f.flightNumber} on {f.departureLocal.slice(0, 10)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {found?.length === 0 && <p className="muted">{criteria.includeInactive ? 'No flights match.' : 'No flights on sale match.'}</p>}
    </>
  );
}
