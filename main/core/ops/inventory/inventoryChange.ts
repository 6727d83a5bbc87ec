import type { Booking } from '../../../../shared/contract';

/** A price or capacity that moved: what deal detection and watches look at afterwards. */
export type InventoryChange =
  | { kind: 'flight'; flightId: number }
  | { kind: 'hotel'; roomTypeId: number; from: string; to: string }
  | { kind: 'car'; carId: number; from: string; to: string };

/** One change per flight / room type / car, with day ranges merged. */
export function mergeChanges(changes: InventoryChange[]): InventoryChange[] {
  const byKey = new Map<string, InventoryChange>();
  for (const c of changes) {
    const key = c.kind === 'flight' ? `f${c.flightId}` : c.kind === 'hotel' ? `h${c.roomTypeId}` : `c${c.carId}`;
    const prior = byKey.get(key);
    if (!prior || prior.kind === 'flight' || c.kind === 'flight') { byKey.set(key, prior ?? c); continue; }
    byKey.set(key, { ...prior, from: prior.from < c.from ? prior.from : c.from, to: prior.to > c.to ? prior.to : c.to } as InventoryChange);
  }
  return [...byKey.values()];
}

const DAY = 86_400_000;

/** The inventory booking items hold: a flight, the stay's nights, the rental's days. */
export function inventoryOfItems(items: Booking['items']): InventoryChange[] {
  return items.map((i): InventoryChange => {
    if (i.kind === 'flight') return { kind: 'flight', flightId: i.refId };
    const from = i.startUtc.slice(0, 10);
    // Stays and rentals end on the morning of the last day: it is not one of theirs.
    const to = new Date(Math.max(Date.parse(`${from}T00:00:00Z`), Date.parse(`${i.endUtc.slice(0, 10)}T00:00:00Z`) - DAY)).toISOString().slice(0, 10);
    return i.kind === 'hotel' ? { kind: 'hotel', roomTypeId: i.refId, from, to } : { kind: 'car', carId: i.refId, from, to };
  });
}
