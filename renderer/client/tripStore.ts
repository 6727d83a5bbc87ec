import { create } from 'zustand';
import type { BookingItemInput, BookingTravellerInput, CarOffer, Customer, FlightOffer, HotelOffer } from '../../shared/contract';
import { call, createAction, subscribe } from './contractClient';

/** A flight in the trip is always a hold: the seats are off sale while the agent finishes. */
export interface FlightLine {
  key: string;
  kind: 'flight';
  flight: FlightOffer;
  seats: number;
  holdId: string;
  expiresAtUtc: string;
  /** The held fare for all seats. */
  totalCents: number;
  provisional: boolean;
  expired: boolean;
  /** The servers refused this offline hold (it waits in Needs attention): it cannot be booked. */
  refused?: boolean;
  /** A hold is extended once at most (holds.extend). */
  extended?: boolean;
}
export interface StayLine {
  key: string;
  kind: 'hotel';
  offer: HotelOffer;
  checkIn: string;
  checkOut: string;
  rooms: number;
  totalCents: number;
}
export interface CarLine {
  key: string;
  kind: 'car';
  offer: CarOffer;
  pickUp: string;
  dropOff: string;
  totalCents: number;
}
export type TripLine = FlightLine | StayLine | CarLine;

interface TripState {
  customer: Customer | null;
  items: TripLine[];
  setCustomer(c: Customer | null): void;
  holdFlight(flight: FlightOffer, seats: number): Promise<FlightLine>;
  addStay(offer: HotelOffer, checkIn: string, checkOut: string, rooms: number): void;
  addCar(offer: CarOffer, pickUp: string, dropOff: string): void;
  remove(key: string): Promise<void>;
  /** Gives a held flight one more hold time, once. */
  extendHold(key: string): Promise<void>;
  markExpired(holdIds: string[]): void;
  /** Flags the offline holds the servers refused (their change sits in the sync inbox in conflict). */
  checkRefused(): Promise<void>;
  /** Flight lines the servers refused. */
  refusedCount(): number;
  /** PRICE_CHANGED carries the new price per item: show those on the lines. */
  reprice(items: { kind: string; refId: number; totalCents: number }[]): void;
  totalCents(): number;
  /** The trip as bookings.create takes it, each line with the travellers the booking flow named for it. */
  bookingItems(named: (line: TripLine) => { travellers: BookingTravellerInput[]; guests: number }): BookingItemInput[];
  /** After a booking: forget the trip (the holds became part of it). */
  clear(): void;
  /** Releases every hold and empties the trip. */
  discard(): Promise<void>;
  listenForExpiry(): () => void;
}

let seq = 0;
const nextKey = (kind: string) => `${kind}-${Date.now()}-${++seq}`;
const holdAction = createAction();

/**
 * The booking being put together. Search adds to it, a customer's profile starts it, a watch takes
 * its customer and the frame shows its total: app-wide, so not any one feature's.
 */
export const useTrip = create<TripState>((set, get) => ({
  customer: null,
  items: [],

  setCustomer(customer) {
    set({ customer });
  },

  async holdFlight(flight, seats) {
    const customerId = get().customer?.id;
    const hold = await holdAction.run('holds.create', customerId ? { flightId: flight.id, seats, customerId } : { flightId: flight.id, seats });
    const line: FlightLine = {
      key: nextKey('flight'), kind: 'flight', flight, seats, holdId: hold.holdId, expiresAtUtc: hold.expiresAtUtc,
      totalCents: hold.priceCents, provisional: hold.provisional, expired: false,
    };
    set({ items: [...get().items, line] });
    return line;
  },

  addStay(offer, checkIn, checkOut, rooms) {
    set({ items: [...get().items, { key: nextKey('hotel'), kind: 'hotel', offer, checkIn, checkOut, rooms, totalCents: offer.totalCents }] });
  },

  addCar(offer, pickUp, dropOff) {
    set({ items: [...get().items, { key: nextKey('car'), kind: 'car', offer, pickUp, dropOff, totalCents: offer.totalCents }] });
  },

  async remove(key) {
    const line = get().items.find((i) => i.key === key);
    set({ items: get().items.filter((i) => i.key !== key) });
    if (line?.kind === 'flight' && !line.expired) {
      try {
        await call('holds.release', { holdId: line.holdId });
      } catch {
        /* the sweeper gives the seats back when the hold runs out anyway */
      }
    }
  },

  async extendHold(key) {
    const line = get().items.find((i): i is FlightLine => i.key === key && i.kind === 'flight');
    if (!line || line.expired || line.extended) return;
    const hold = await holdAction.run('holds.extend', { holdId: line.holdId });
    set({
      items: get().items.map((i) => (i.key === key && i.kind === 'flight'
        ? { ...i, expiresAtUtc: hold.expiresAtUtc, provisional: i.provisional || hold.provisional, extended: true } : i)),
    });
  },

  markExpired(holdIds) {
    const ids = new Set(holdIds);
    set({ items: get().items.map((i) => (i.kind === 'flight' && ids.has(i.holdId) ? { ...i, expired: true } : i)) });
  },

  async checkRefused() {
    if (!get().items.some((i) => i.kind === 'flight' && (i.provisional || i.refused))) return;
    let inbox: { opId: string; kind: string; state: string; payload: unknown; details?: unknown }[];
    try {
      inbox = await call('sync.inbox.list', {});
    } catch {
      return; // no sync on this core (standalone) or not reachable: nothing to flag
    }
    const refused = new Set<string>();
    for (const i of inbox) {
      if (i.state !== 'conflict' && i.state !== 'failed') continue;
      if (i.kind === 'holds.create') refused.add(i.opId);
      const d = i.details;
      if (d && typeof d === 'object' && typeof (d as { holdId?: unknown }).holdId === 'string') refused.add((d as { holdId: string }).holdId);
    }
    set({
      items: get().items.map((i) => {
        if (i.kind !== 'flight') return i;
        const r = refused.has(i.holdId);
        return r === Boolean(i.refused) ? i : { ...i, refused: r };
      }),
    });
  },

  refusedCount() {
    return get().items.filter((i) => i.kind === 'flight' && i.refused).length;
  },

  reprice(items) {
    const refOf = (i: TripLine) => (i.kind === 'flight' ? i.flight.id : i.kind === 'hotel' ? i.offer.roomTypeId : i.offer.carId);
    set({
      items: get().items.map((line) => {
        const hit = items.find((x) => x.kind === line.kind && x.refId === refOf(line));
        return hit ? { ...line, totalCents: hit.totalCents } : line;
      }),
    });
  },

  totalCents() {
    return get().items.reduce((sum, i) => sum + i.totalCents, 0);
  },

  bookingItems(named) {
    return get().items.map((i): BookingItemInput => {
      const { travellers, guests } = named(i);
      switch (i.kind) {
        case 'flight': return { kind: 'flight', holdId: i.holdId, travellers };
        case 'hotel': return { kind: 'hotel', roomTypeId: i.offer.roomTypeId, checkIn: i.checkIn, checkOut: i.checkOut, rooms: i.rooms, guests, travellers };
        case 'car': return { kind: 'car', carId: i.offer.carId, pickUp: i.pickUp, dropOff: i.dropOff, travellers };
      }
    });
  },

  clear() {
    set({ items: [], customer: null });
  },

  async discard() {
    const items = get().items;
    set({ items: [], customer: null });
    await Promise.allSettled(
      items.filter((i): i is FlightLine => i.kind === 'flight' && !i.expired).map((i) => call('holds.release', { holdId: i.holdId })),
    );
  },

  listenForExpiry() {
    const offs = [
      subscribe('holds.expired', ({ holdIds }) => get().markExpired(holdIds)),
      // After a sync, an offline hold may have come back refused (SOLD_OUT…).
      subscribe('sync.status', () => void get().checkRefused()),
    ];
    return () => offs.forEach((off) => off());
  },
}));
