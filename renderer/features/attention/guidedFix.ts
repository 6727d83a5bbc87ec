import type { ChangeReplacement } from '../../../shared/contract';
import type { PickerTarget } from '../../ui/ReplacementPicker';
import type { InboxItem } from './attentionStore';
import { isObj } from './inboxText';

/**
 * What a refused offline change wanted and could not have — a stay's nights, a car's days, or the
 * flight, stay or car a change (bookings.change) was to move to — so Needs attention can offer
 * other dates, another room or car, another flight, instead of the raw-JSON editor. Flights of
 * holds and bookings keep PickFlight (soldOutFlight in AttentionPage).
 */
export interface SoldOutFix {
  target: PickerTarget;
  /** The refused item's place in `items` (bookings.create, bookings.addItems); null for a change's replacement. */
  index: number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A stay the hotel's rate rules refused at replay (a rule set meanwhile): other dates are the fix, as for a sold-out one. */
export function refusedByRateRule(item: InboxItem): boolean {
  return item.code === 'VALIDATION' && isObj(item.details) && typeof item.details.rule === 'string';
}

export function soldOutFix(item: InboxItem): SoldOutFix | null {
  if ((item.code !== 'SOLD_OUT' && !refusedByRateRule(item)) || !isObj(item.payload)) return null;
  const p = item.payload;
  const d = isObj(item.details) ? item.details : {};
  if (item.kind === 'bookings.change' && isObj(p.replacement)) {
    const r = p.replacement;
    if (r.kind === 'flight') return { target: { kind: 'flight', flightId: num(r.flightId), seats: num(d.requested) ?? 1 }, index: null };
    if (r.kind === 'hotel') return { target: { kind: 'hotel', roomTypeId: num(r.roomTypeId), checkIn: str(r.checkIn) ?? '', checkOut: str(r.checkOut) ?? '', rooms: num(d.requested) ?? 1 }, index: null };
    if (r.kind === 'car') return { target: { kind: 'car', carId: num(r.carId), pickUp: str(r.pickUp) ?? '', dropOff: str(r.dropOff) ?? '' }, index: null };
    return null;
  }
  if ((item.kind === 'bookings.create' || item.kind === 'bookings.addItems') && Array.isArray(p.items)) {
    const index = p.items.findIndex((it) => isObj(it)
      && ((it.kind === 'hotel' && it.roomTypeId === d.roomTypeId) || (it.kind === 'car' && it.carId === d.carId)));
    const it = p.items[index];
    if (!isObj(it)) return null;
    if (it.kind === 'hotel') return { target: { kind: 'hotel', roomTypeId: num(it.roomTypeId), checkIn: str(it.checkIn) ?? '', checkOut: str(it.checkOut) ?? '', rooms: num(it.rooms) ?? 1 }, index };
    return { target: { kind: 'car', carId: num(it.carId), pickUp: str(it.pickUp) ?? '', dropOff: str(it.dropOff) ?? '' }, index };
  }
  return null;
}

/** The refused booking's items with the sold-out stay or car swapped for the one picked; travellers, rooms and guests kept. */
export function withPickedItem(items: unknown[], index: number, picked: ChangeReplacement): unknown[] {
  return items.map((it, i) => {
    if (i !== index || !isObj(it)) return it;
    if (picked.kind === 'hotel') return { ...it, roomTypeId: picked.roomTypeId, checkIn: picked.checkIn, checkOut: picked.checkOut };
    if (picked.kind === 'car') return { ...it, carId: picked.carId, pickUp: picked.pickUp, dropOff: picked.dropOff };
    return { kind: 'flight', flightId: picked.flightId, seats: Array.isArray(it.travellers) ? it.travellers.length : 1, travellers: it.travellers };
  });
}
