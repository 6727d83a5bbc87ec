/**
 * Words for queued changes in "Needs attention": titles instead of channel names, money in dollars,
 * and payloads with every card detail (number, CVC, token) taken out before anything is shown.
 */
import type { Customer, FlightOffer } from '../../../shared/contract';
import { formatCents } from '../../ui/format';

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The brand a card number belongs to, from its first digits. */
export function cardBrand(number: string): string {
  const d = number.replace(/\D/g, '');
  if (/^4/.test(d)) return 'Visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(d)) return 'Mastercard';
  if (/^3[47]/.test(d)) return 'Amex';
  if (/^(6011|65|64[4-9])/.test(d)) return 'Discover';
  return 'Card';
}

const brandWord = (b: string) => (b ? b.charAt(0).toUpperCase() + b.slice(1) : 'Card');

/** "Visa •••• 4242", "Saved card #3"…: never a number, CVC or token. */
export function paymentSummary(payment: unknown): string {
  if (!isObj(payment)) return 'No payment';
  if (payment.kind === 'saved') return `Saved card${num(payment.paymentMethodId) !== null ? ` #${String(payment.paymentMethodId)}` : ''}`;
  if (payment.kind === 'card' && isObj(payment.card)) {
    const digits = (str(payment.card.number) ?? '').replace(/\D/g, '');
    return `${cardBrand(digits)} •••• ${digits.length >= 4 ? digits.slice(-4) : '????'}`;
  }
  if (payment.kind === 'token' && isObj(payment.token)) {
    const last4 = str(payment.token.last4);
    return `${brandWord(str(payment.token.brand) ?? '')} •••• ${last4 && /^\d{4}$/.test(last4) ? last4 : '????'}`;
  }
  return 'Card';
}

const SECRET_KEYS = new Set(['number', 'cvc', 'cvv', 'token', 'card', 'pan', 'password']);

/**
 * A copy of the payload fit to show: `payment` becomes its one-line summary, and any other key
 * that could hold card data (number, cvc, token, card…) is dropped wherever it sits.
 */
export function redactPayload(payload: unknown): unknown {
  const walk = (v: unknown, key: string | null): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, null));
    if (!isObj(v)) return v;
    const out: Obj = {};
    for (const [k, val] of Object.entries(v)) {
      if (k === 'payment' && key === null) out[k] = paymentSummary(val);
      else if (SECRET_KEYS.has(k.toLowerCase())) continue;
      else out[k] = walk(val, k);
    }
    return out;
  };
  return walk(payload, null);
}

/** What the JSON editor offers: the payload without its payment (kept as entered) or opId. */
export function editablePayload(payload: unknown): Obj {
  const red = redactPayload(payload);
  if (!isObj(red)) return {};
  const { payment: _payment, opId: _opId, ...rest } = red;
  void _payment;
  void _opId;
  return rest;
}

const dayFmt = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
export const shortDay = (iso: string) => {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : dayFmt.format(d);
};

/** "DL 401 JFK→LAX, Dec 5" (or "flight #7" until the flight is known). */
export function flightWords(flightId: number | null, flights: Record<number, FlightOffer | null | undefined>): string {
  if (flightId === null) return 'a flight';
  const f = flights[flightId];
  // The local departure date: a 23:30 LAX departure is the traveller's 3 December, though UTC says the 4th.
  return f ? `${f.flightNumber} ${f.from}→${f.to}, ${shortDay(f.departureLocal.slice(0, 10))}` : `flight #${flightId}`;
}

const seatsWords = (n: number) => `${n} seat${n === 1 ? '' : 's'}`;

export interface Lookups {
  flights: Record<number, FlightOffer | null | undefined>;
  customers: Record<number, Customer | null | undefined>;
  /** Hold id → its flight and seats (from the inbox's own holds.create items and holds.list). */
  holds: Record<string, { flightId: number; seats: number } | undefined>;
}

export function customerWords(customerId: unknown, customers: Lookups['customers']): string {
  const id = num(customerId);
  if (id === null) return 'a customer';
  const c = customers[id];
  return c ? `${c.firstName} ${c.lastName}` : `customer #${id}`;
}

/** The flight a booking item stands for: its own flightId, or its hold's. */
export function itemFlight(item: unknown, holds: Lookups['holds']): { flightId: number; seats: number } | null {
  if (!isObj(item) || item.kind !== 'flight') return null;
  const fid = num(item.flightId);
  if (fid !== null) return { flightId: fid, seats: num(item.seats) ?? 1 };
  const hid = str(item.holdId);
  return hid ? holds[hid] ?? null : null;
}

function itemWords(item: unknown, l: Lookups): string {
  if (!isObj(item)) return 'an item';
  if (item.kind === 'flight') {
    const f = itemFlight(item, l.holds);
    return f ? `${seatsWords(f.seats)} on ${flightWords(f.flightId, l.flights)}` : 'a held flight';
  }
  if (item.kind === 'hotel') return `hotel stay ${shortDay(str(item.checkIn) ?? '')}–${shortDay(str(item.checkOut) ?? '')}`;
  if (item.kind === 'car') return `car ${shortDay(str(item.pickUp) ?? '')}–${shortDay(str(item.dropOff) ?? '')}`;
  return 'an item';
}

/** The ids a payload needs looked up to be put in words. */
export function idsToLookUp(kind: string, payload: unknown, holds: Lookups['holds']): { flights: number[]; customers: number[] } {
  const flights: number[] = [];
  const customers: number[] = [];
  if (!isObj(payload)) return { flights, customers };
  const fid = num(payload.flightId);
  if (fid !== null && (kind === 'holds.create' || kind === 'inventory.flights.update')) flights.push(fid);
  const cid = num(payload.customerId);
  if (cid !== null && kind !== 'holds.create') customers.push(cid);
  if (kind === 'reviews.create' && payload.targetKind === 'flight' && num(payload.targetId) !== null) flights.push(num(payload.targetId)!);
  if (kind === 'bookings.change' && isObj(payload.replacement) && num(payload.replacement.flightId) !== null) flights.push(num(payload.replacement.flightId)!);
  if (Array.isArray(payload.items)) {
    for (const it of payload.items) {
      const f = itemFlight(it, holds);
      if (f) flights.push(f.flightId);
    }
  }
  return { flights, customers };
}

/** The change in words: "Hold: 2 seats on DL 401 JFK→LAX, Dec 5", "Booking for Ada Lovelace: …". */
export function itemTitle(kind: string, payload: unknown, l: Lookups): string {
  const p = isObj(payload) ? payload : {};
  switch (kind) {
    case 'holds.create':
      return `Hold: ${seatsWords(num(p.seats) ?? 1)} on ${flightWords(num(p.flightId), l.flights)}`;
    case 'holds.release':
      return 'Release of a seat hold';
    case 'bookings.create': {
      const items = Array.isArray(p.items) ? p.items.map((i) => itemWords(i, l)) : [];
      return `Booking for ${customerWords(p.customerId, l.customers)}: ${items.join(' + ') || 'no items'}`;
    }
    case 'bookings.cancel':
      return `Cancellation of booking #${String(p.bookingId ?? '?')}`;
    case 'bookings.change':
      return `Change of booking #${String(p.bookingId ?? '?')}: ${replacementWords(p.replacement, l)}`;
    case 'bookings.addItems': {
      const items = Array.isArray(p.items) ? p.items.map((i) => itemWords(i, l)) : [];
      return `Addition to booking #${String(p.bookingId ?? '?')}: ${items.join(' + ') || 'no items'}`;
    }
    case 'customers.create':
      return `New customer: ${[str(p.firstName), str(p.lastName)].filter(Boolean).join(' ') || str(p.email) || 'unnamed'}`;
    case 'customers.update':
      return `Customer update: ${customerWords(p.customerId, l.customers)}`;
    case 'paymentMethods.add':
      return `New card for ${customerWords(p.customerId, l.customers)}`;
    case 'paymentMethods.remove':
      return 'Removal of a saved card';
    case 'reviews.create': {
      const target = p.targetKind === 'flight'
        ? flightWords(num(p.targetId), l.flights)
        : `${p.targetKind === 'hotel' ? 'hotel' : p.targetKind === 'car' ? 'car' : 'item'} #${String(p.targetId ?? '?')}`;
      return `Review of ${target}${num(p.rating) !== null ? ` (${String(p.rating)}★)` : ''}`;
    }
    case 'reviews.reply':
      return 'Reply to a review';
    case 'reviews.moderate':
      return p.hidden ? 'Hiding a review' : 'Showing a review again';
    case 'inventory.flights.update':
      return `Inventory change: ${flightWords(num(p.flightId), l.flights)}`;
    case 'inventory.hotels.setDays':
      return `Hotel inventory change: room type #${String(p.roomTypeId ?? '?')}`;
    case 'inventory.cars.setDays':
      return `Car inventory change: car #${String(p.carId ?? '?')}`;
    case 'operators.create':
      return `New operator: ${str(p.name) ?? str(p.email) ?? ''}`.trim();
    default:
      return kind;
  }
}

/** What a change (bookings.change) moves an item to, in words. */
function replacementWords(r: unknown, l: Lookups): string {
  if (!isObj(r)) return 'another item';
  if (r.kind === 'flight') return `to ${flightWords(num(r.flightId), l.flights)}`;
  if (r.kind === 'hotel') return `stay ${shortDay(str(r.checkIn) ?? '')}–${shortDay(str(r.checkOut) ?? '')}`;
  if (r.kind === 'car') return `car ${shortDay(str(r.pickUp) ?? '')}–${shortDay(str(r.dropOff) ?? '')}`;
  return 'another item';
}

/** "Quoted $250.00, now $199.00." when the details carry both totals (a change: both differences). */
export function priceSentence(details: unknown): string | null {
  if (!isObj(details)) return null;
  const wasDiff = num(details.expectedDifferenceCents);
  const nowDiff = num(details.newDifferenceCents);
  if (wasDiff !== null && nowDiff !== null) return `Quoted a difference of ${formatCents(wasDiff)}, now ${formatCents(nowDiff)}.`;
  const was = num(details.expectedTotalCents);
  const now = num(details.newTotalCents);
  return was !== null && now !== null ? `Quoted ${formatCents(was)}, now ${formatCents(now)}.` : null;
}

/** The core's reason, with any raw "52000 cents" written as dollars. */
export function reasonWords(reason: string): string {
  return reason.replace(/\b(\d+) cents\b/g, (_, c: string) => formatCents(Number(c)));
}
