import type { Booking } from '../../../../shared/contract';
import { placeholders, type SqlSession } from '../../engine/sql';

/**
 * The zones of each flight item's two airports, so a booking record shows the departure as the
 * boarding pass does. Read from the flight rather than copied into booking_items: an airport's zone
 * is reference data. A device whose mirror no longer holds a long-past flight leaves them out, and the
 * record shows that item in UTC, labelled.
 */
export async function withFlightZones<B extends Pick<Booking, 'items'>>(db: SqlSession, bookings: B[]): Promise<B[]> {
  const flightIds = [...new Set(bookings.flatMap((b) => b.items.filter((i) => i.kind === 'flight').map((i) => i.refId)))];
  if (flightIds.length === 0) return bookings;
  const rows = await db.all<{ id: number; dep: string; arr: string }>(
    `SELECT f.id, dep.time_zone AS dep, arr.time_zone AS arr
       FROM flights f JOIN airports dep ON dep.iata = f.departure_airport JOIN airports arr ON arr.iata = f.arrival_airport
      WHERE f.id IN (${placeholders(flightIds.length)})`, flightIds);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return bookings.map((b) => ({
    ...b,
    items: b.items.map((i) => {
      const z = i.kind === 'flight' ? byId.get(i.refId) : undefined;
      // The zones go before the item's fields (it has none yet): `{ ...i, startTimeZone }` would give
      // every item a hidden class of its own, kept past young collections (docs/SCALING.md).
      return z ? { startTimeZone: z.dep, endTimeZone: z.arr, ...i } : i;
    }),
  }));
}


/**
 * A new booking's flight items with the zones its reservation read with each flight: bookings.create
 * answers without a second look at the flights.
 */
export function withLineZones<B extends Pick<Booking, 'items'>>(booking: B, lines: readonly { kind: string; refId: number; zones?: { start: string; end: string } }[]): B {
  const byFlight = new Map(lines.flatMap((l) => (l.kind === 'flight' && l.zones ? [[l.refId, l.zones] as const] : [])));
  if (byFlight.size === 0) return booking;
  return {
    ...booking,
    items: booking.items.map((i) => {
      const z = i.kind === 'flight' ? byFlight.get(i.refId) : undefined;
      // Zones first, as in withFlightZones.
      return z ? { startTimeZone: z.start, endTimeZone: z.end, ...i } : i;
    }),
  };
}
