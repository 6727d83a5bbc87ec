import { create } from 'zustand';
import type { CarOffer, DealKind, FlightOffer, HotelOffer } from '../../shared/contract';
import { DAY_MS, utcDay } from '../../shared/time';
import { call } from './contractClient';
import { navigate } from './router';

export interface FlightCriteria {
  from: string;
  to: string;
  date: string;
  passengers: number;
  sort: 'time' | 'price';
}
export interface HotelCriteria {
  stateCode: string;
  city: string;
  checkIn: string;
  checkOut: string;
  rooms: number;
  sort: 'price' | 'rating';
}
export interface CarCriteria {
  stateCode: string;
  city: string;
  pickUp: string;
  dropOff: string;
}

interface ResultSet<T, C> {
  criteria: C;
  /** The criteria the rows were found with (the form may have changed since). */
  searched: C | null;
  rows: T[];
  loading: boolean;
  error: unknown;
  /** Answered offline from a copy whose download stopped before what this search reads. */
  incomplete: boolean;
}

/** What a deal or a fired watch points at: a flight, a hotel room type or a car, on a day. */
export interface Listing {
  kind: DealKind;
  /** Flight id, hotel room type id or car id. */
  targetId: number;
  day: string | null;
}

interface SearchState {
  flights: ResultSet<FlightOffer, FlightCriteria> & { nextCursor: string | null };
  hotels: ResultSet<HotelOffer, HotelCriteria>;
  cars: ResultSet<CarOffer, CarCriteria>;

  setFlightCriteria(p: Partial<FlightCriteria>): void;
  setHotelCriteria(p: Partial<HotelCriteria>): void;
  setCarCriteria(p: Partial<CarCriteria>): void;
  /** `codes`: the airports the typed text resolved to ('' for any). */
  searchFlights(codes?: { from: string; to: string }): Promise<void>;
  loadMoreFlights(): Promise<void>;
  sortFlights(sort: FlightCriteria['sort']): Promise<void>;
  /** What a hold or a SOLD_OUT answer taught us about one flight, shown without searching again. */
  patchFlight(id: number, patch: Partial<FlightOffer>): void;
  searchHotels(): Promise<void>;
  searchCars(): Promise<void>;
  /** "Book this" on a deal or a price alert: the search that finds the listing, filled in and run. */
  openListing(l: Listing): Promise<void>;
}

/** Rows per flights.search page: big enough to scroll a while, small enough to answer fast. */
export const FLIGHT_PAGE = 200;

// A newer search makes older in-flight answers stale; they are dropped, not merged.
let flightGen = 0;
let hotelGen = 0;
let carGen = 0;

const nextDay = (iso: string): string => utcDay(Date.parse(`${iso}T00:00:00Z`) + DAY_MS);
const inDays = (n: number): string => utcDay(Date.now() + n * DAY_MS);

/**
 * The last search of each kind: its criteria and its results. App-wide, not the search screen's:
 * the booking offers its other results when an offer sold out, reviews and inventory pick from it,
 * and deals and price alerts open a listing as a search.
 */
export const useSearch = create<SearchState>((set, get) => ({
  flights: {
    criteria: { from: '', to: '', date: '', passengers: 1, sort: 'time' },
    searched: null, rows: [], loading: false, error: null, incomplete: false, nextCursor: null,
  },
  hotels: {
    criteria: { stateCode: '', city: '', checkIn: inDays(14), checkOut: inDays(17), rooms: 1, sort: 'price' },
    searched: null, rows: [], loading: false, error: null, incomplete: false,
  },
  cars: {
    criteria: { stateCode: '', city: '', pickUp: inDays(14), dropOff: inDays(17) },
    searched: null, rows: [], loading: false, error: null, incomplete: false,
  },

  setFlightCriteria(p) {
    set({ flights: { ...get().flights, criteria: { ...get().flights.criteria, ...p } } });
  },
  setHotelCriteria(p) {
    set({ hotels: { ...get().hotels, criteria: { ...get().hotels.criteria, ...p } } });
  },
  setCarCriteria(p) {
    set({ cars: { ...get().cars, criteria: { ...get().cars.criteria, ...p } } });
  },

  async searchFlights(codes) {
    const gen = ++flightGen;
    const prev = get().flights.searched;
    const c = { ...get().flights.criteria, ...(codes ?? (prev ? { from: prev.from, to: prev.to } : {})) };
    set({ flights: { ...get().flights, searched: c, rows: [], nextCursor: null, loading: true, error: null } });
    try {
      const page = await call('flights.search', {
        ...(c.from ? { from: c.from } : {}), ...(c.to ? { to: c.to } : {}), ...(c.date ? { date: c.date } : {}),
        passengers: c.passengers, sort: c.sort, limit: FLIGHT_PAGE,
      });
      if (gen !== flightGen) return;
      set({ flights: { ...get().flights, rows: page.items, nextCursor: page.nextCursor, loading: false, incomplete: page.incomplete === true } });
    } catch (err) {
      if (gen === flightGen) set({ flights: { ...get().flights, loading: false, error: err } });
    }
  },

  async loadMoreFlights() {
    const f = get().flights;
    if (f.loading || !f.nextCursor || !f.searched) return;
    const gen = flightGen;
    const c = f.searched;
    set({ flights: { ...f, loading: true, error: null } });
    try {
      const page = await call('flights.search', {
        ...(c.from ? { from: c.from } : {}), ...(c.to ? { to: c.to } : {}), ...(c.date ? { date: c.date } : {}),
        passengers: c.passengers, sort: c.sort, limit: FLIGHT_PAGE, cursor: f.nextCursor,
      });
      if (gen !== flightGen) return;
      const now = get().flights;
      // One page from a partial copy makes the whole list partial.
      set({ flights: { ...now, rows: now.rows.concat(page.items), nextCursor: page.nextCursor, loading: false, incomplete: now.incomplete || page.incomplete === true } });
    } catch (err) {
      if (gen === flightGen) set({ flights: { ...get().flights, loading: false, error: err } });
    }
  },

  async sortFlights(sort) {
    get().setFlightCriteria({ sort });
    const prev = get().flights.searched;
    if (prev) await get().searchFlights({ from: prev.from, to: prev.to });
  },

  patchFlight(id, patch) {
    const f = get().flights;
    const i = f.rows.findIndex((r) => r.id === id);
    if (i < 0) return;
    const rows = f.rows.slice();
    rows[i] = { ...rows[i]!, ...patch };
    set({ flights: { ...f, rows } });
  },

  async searchHotels() {
    const gen = ++hotelGen;
    const c = get().hotels.criteria;
    set({ hotels: { ...get().hotels, searched: c, rows: [], loading: true, error: null } });
    try {
      const res = await call('hotels.search', {
        ...(c.stateCode ? { stateCode: c.stateCode } : {}), ...(c.city.trim() ? { city: c.city.trim() } : {}),
        checkIn: c.checkIn, checkOut: c.checkOut, rooms: c.rooms, sort: c.sort, limit: 500,
      });
      if (gen === hotelGen) set({ hotels: { ...get().hotels, rows: res.items, loading: false, incomplete: res.incomplete === true } });
    } catch (err) {
      if (gen === hotelGen) set({ hotels: { ...get().hotels, loading: false, error: err } });
    }
  },

  async searchCars() {
    const gen = ++carGen;
    const c = get().cars.criteria;
    set({ cars: { ...get().cars, searched: c, rows: [], loading: true, error: null } });
    try {
      const res = await call('cars.search', {
        ...(c.stateCode ? { stateCode: c.stateCode } : {}), ...(c.city.trim() ? { city: c.city.trim() } : {}),
        pickUp: c.pickUp, dropOff: c.dropOff, limit: 500,
      });
      if (gen === carGen) set({ cars: { ...get().cars, rows: res.items, loading: false, incomplete: res.incomplete === true } });
    } catch (err) {
      if (gen === carGen) set({ cars: { ...get().cars, loading: false, error: err } });
    }
  },

  openListing,
}));

/**
 * "Book this": the search the agent would have made, filled in and run, so the usual hold / add
 * / book flow takes over. A flight opens its route on its day, cheapest first (a deal is cheap, so
 * it leads the list); a room or a car opens that day's search in its city when it can be found
 * there — the contract has no lookup by room type or car, so one search for the day finds it.
 */
async function openListing(l: Listing): Promise<void> {
  const s = useSearch.getState();
  if (l.kind === 'flight') {
    const f = await call('flights.get', { flightId: l.targetId });
    // flights.search dates are local at the origin.
    const day = l.day ?? f.departureLocal.slice(0, 10);
    s.setFlightCriteria({ from: f.from, to: f.to, date: day, passengers: 1, sort: 'price' });
    navigate('/search/flights');
    await useSearch.getState().searchFlights({ from: f.from, to: f.to });
    return;
  }
  const day = l.day ?? new Date().toISOString().slice(0, 10);
  const end = nextDay(day);
  if (l.kind === 'hotel') {
    let place = { city: '', stateCode: '' };
    try {
      const all = await call('hotels.search', { checkIn: day, checkOut: end, rooms: 1, sort: 'price', limit: 500 });
      const hit = all.items.find((h) => h.roomTypeId === l.targetId);
      if (hit) place = { city: hit.city, stateCode: hit.stateCode };
    } catch {
      /* the day's search below shows the problem where the agent looks */
    }
    s.setHotelCriteria({ ...place, checkIn: day, checkOut: end, rooms: 1 });
    navigate('/search/hotels');
    await useSearch.getState().searchHotels();
    return;
  }
  let place = { city: '', stateCode: '' };
  try {
    const all = await call('cars.search', { pickUp: day, dropOff: end, limit: 500 });
    const hit = all.items.find((c) => c.carId === l.targetId);
    if (hit) place = { city: hit.city, stateCode: hit.stateCode };
  } catch {
    /* as above */
  }
  s.setCarCriteria({ ...place, pickUp: day, dropOff: end });
  navigate('/search/cars');
  await useSearch.getState().searchCars();
}

/** Other offers from the same search, for when the chosen one sold out. */
export function flightAlternatives(soldOut: FlightOffer, seats: number, max = 5): FlightOffer[] {
  return useSearch.getState().flights.rows
    .filter((f) => f.id !== soldOut.id && f.from === soldOut.from && f.to === soldOut.to && f.seatsAvailable >= seats)
    .sort((a, b) => Math.abs(Date.parse(a.departUtc) - Date.parse(soldOut.departUtc)) - Math.abs(Date.parse(b.departUtc) - Date.parse(soldOut.departUtc)))
    .slice(0, max);
}

export function hotelAlternatives(soldOut: HotelOffer, max = 5): HotelOffer[] {
  return useSearch.getState().hotels.rows
    .filter((h) => h.roomTypeId !== soldOut.roomTypeId && h.city === soldOut.city && !h.restriction)
    .sort((a, b) => a.totalCents - b.totalCents)
    .slice(0, max);
}

export function carAlternatives(soldOut: CarOffer, max = 5): CarOffer[] {
  return useSearch.getState().cars.rows
    .filter((c) => c.carId !== soldOut.carId && c.city === soldOut.city)
    .sort((a, b) => a.totalCents - b.totalCents)
    .slice(0, max);
}
