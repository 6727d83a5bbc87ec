import { create } from 'zustand';
import { ContractError, type ChannelInput, type FlightOffer } from '../../../shared/contract';
import { call, createAction } from '../../client/contractClient';
import { todayIso } from '../../ui/format';

export type Subject =
  | { kind: 'room'; id: number; label: string }
  | { kind: 'car'; id: number; label: string };

/** A stay night's rate rules (rooms only): a minimum stay for stays arriving that day, closed to arrival / departure. */
export interface NightRules { minStayNights: number; closedToArrival: boolean; closedToDeparture: boolean }

export interface DayCell {
  date: string;
  total: number;
  booked: number;
  priceCents: number;
  rules?: NightRules;
}

/** A rate-rule edit: only the rules given change. */
export type RulesEdit = Partial<NightRules>;

interface InventoryState {
  subject: Subject | null;
  /** First day of the month shown, YYYY-MM-01. */
  month: string;
  days: DayCell[];
  loading: boolean;
  error: unknown;
  /** Selected range (inclusive), in day order. */
  selection: { from: string; to: string } | null;
  /** Days a CONFLICT (or NOT_FOUND) named, with why. */
  problemDays: Record<string, string>;
  saveError: unknown;
  /** A failed rate-rule edit, shown with the rules form. */
  rulesError: unknown;
  saving: boolean;
  setSubject(s: Subject | null): void;
  shiftMonth(delta: number): void;
  load(): Promise<void>;
  select(day: string, extend: boolean): void;
  clearSelection(): void;
  apply(edit: { total?: number; priceCents?: number; allowOverbooking?: boolean }): Promise<number | null>;
  /** Sets rate rules on the selected nights (rooms only); the nights changed, or null on failure. */
  applyRules(edit: RulesEdit): Promise<number | null>;
  /** Room types or cars in a city (any city when empty), to choose whose calendar to edit. */
  findSubjects(kind: Subject['kind'], city: string): Promise<Subject[]>;
  findFlights(query: { from: string; to: string; date: string }): Promise<FlightOffer[]>;
  updateFlight(input: ChannelInput<'inventory.flights.update'>): Promise<FlightOffer>;
}

/** Listings a search for subjects or flights offers: enough to choose from. */
const SUBJECT_LIMIT = 300;
const FLIGHT_LIMIT = 200;

export function monthStart(d = new Date()): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
}
export function monthEnd(first: string): string {
  const [y, m] = first.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0));
  return last.toISOString().slice(0, 10);
}
function addMonths(first: string, delta: number): string {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return monthStart(new Date(Date.UTC(y, m - 1 + delta, 1)));
}

let gen = 0;

/**
 * One long-lived action for this screen's mutations: it keys its opId by the input, so "Try
 * again" after a network failure reuses the opId and a new input gets a new one.
 */
const actions = createAction();

export const useInventory = create<InventoryState>((set, get) => ({
  subject: null,
  month: monthStart(),
  days: [],
  loading: false,
  error: null,
  selection: null,
  problemDays: {},
  saveError: null,
  rulesError: null,
  saving: false,

  setSubject(subject) {
    set({ subject, days: [], selection: null, problemDays: {}, saveError: null, rulesError: null });
    void get().load();
  },
  shiftMonth(delta) {
    set({ month: addMonths(get().month, delta), selection: null, problemDays: {}, saveError: null, rulesError: null });
    void get().load();
  },
  async load() {
    const s = get().subject;
    if (!s) return;
    const g = ++gen;
    const from = get().month;
    const to = monthEnd(from);
    set({ loading: true, error: null });
    try {
      const days: DayCell[] = s.kind === 'room'
        ? (await call('inventory.hotels.days', { roomTypeId: s.id, from, to })).map((d) => ({
          date: d.date, total: d.roomsTotal, booked: d.roomsBooked, priceCents: d.priceCents,
          rules: { minStayNights: d.minStayNights, closedToArrival: d.closedToArrival, closedToDeparture: d.closedToDeparture },
        }))
        : (await call('inventory.cars.days', { carId: s.id, from, to })).map((d) => ({ date: d.date, total: d.unitsTotal, booked: d.unitsBooked, priceCents: d.priceCents }));
      if (g === gen) set({ days, loading: false });
    } catch (err) {
      if (g === gen) set({ error: err, loading: false, days: [] });
    }
  },
  select(day, extend) {
    const sel = get().selection;
    if (extend && sel) {
      const anchor = sel.from;
      set({ selection: day < anchor ? { from: day, to: anchor } : { from: anchor, to: day } });
    } else {
      set({ selection: { from: day, to: day } });
    }
  },
  clearSelection() {
    set({ selection: null });
  },
  async apply(edit) {
    const { subject: s, selection: sel } = get();
    if (!s || !sel) return null;
    set({ saving: true, saveError: null, problemDays: {} });
    try {
      const res = s.kind === 'room'
        ? await actions.run('inventory.hotels.setDays', { roomTypeId: s.id, from: sel.from, to: sel.to, ...(edit.total !== undefined ? { roomsTotal: edit.total } : {}), ...(edit.priceCents !== undefined ? { priceCents: edit.priceCents } : {}), ...(edit.allowOverbooking ? { allowOverbooking: true } : {}) })
        : await actions.run('inventory.cars.setDays', { carId: s.id, from: sel.from, to: sel.to, ...(edit.total !== undefined ? { unitsTotal: edit.total } : {}), ...(edit.priceCents !== undefined ? { priceCents: edit.priceCents } : {}), ...(edit.allowOverbooking ? { allowOverbooking: true } : {}) });
      set({ saving: false });
      await get().load();
      return res.daysChanged;
    } catch (err) {
      set({ saving: false, saveError: err, problemDays: problemDaysOf(err) });
      return null;
    }
  },
  async applyRules(edit) {
    const { subject: s, selection: sel } = get();
    if (!s || s.kind !== 'room' || !sel) return null;
    set({ saving: true, rulesError: null, problemDays: {} });
    try {
      const res = await actions.run('rates.rules.set', { roomTypeId: s.id, from: sel.from, to: sel.to, ...edit });
      set({ saving: false });
      await get().load();
      return res.daysChanged;
    } catch (err) {
      set({ saving: false, rulesError: err, problemDays: problemDaysOf(err) });
      return null;
    }
  },
  async findSubjects(kind, city) {
    const where = city.trim() ? { city: city.trim() } : {};
    // The searches need dates; tomorrow's lists what the city has.
    if (kind === 'room') {
      const res = await call('hotels.search', { ...where, checkIn: todayIso(1), checkOut: todayIso(2), limit: SUBJECT_LIMIT });
      return res.items.map((h) => ({ kind, id: h.roomTypeId, label: `${h.hotelName} — ${h.roomTypeName} (${h.city})` }));
    }
    const res = await call('cars.search', { ...where, pickUp: todayIso(1), dropOff: todayIso(2), limit: SUBJECT_LIMIT });
    return res.items.map((c) => ({ kind, id: c.carId, label: `${c.company} ${c.model} (${c.city})` }));
  },
  async findFlights({ from, to, date }) {
    const page = await call('flights.search', { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(date ? { date } : {}), limit: FLIGHT_LIMIT });
    return page.items;
  },
  updateFlight(input) {
    return actions.run('inventory.flights.update', input);
  },
}));

/** CONFLICT details: `{ days: [{ date, booked, requested }] }`; NOT_FOUND: `{ days: ['YYYY-MM-DD'] }`. */
export function problemDaysOf(err: unknown): Record<string, string> {
  if (!(err instanceof ContractError)) return {};
  const days = (err.details as { days?: unknown } | undefined)?.days;
  if (!Array.isArray(days)) return {};
  const out: Record<string, string> = {};
  for (const d of days) {
    if (typeof d === 'string') out[d] = err.code === 'NOT_FOUND' ? 'no inventory on this day' : 'conflict';
    else if (d && typeof d === 'object' && typeof (d as { date?: unknown }).date === 'string') {
      const x = d as { date: string; booked?: number; requested?: number };
      out[x.date] = x.booked !== undefined ? `${x.booked} already booked${x.requested !== undefined ? `, more than ${x.requested}` : ''}` : 'conflict';
    }
  }
  return out;
}
