import { ContractError, type FlightOffer } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { toFlightOffer, withZones, type FlightRow } from '../rows';
import { runMutation } from '../runMutation';
import { fieldError } from './dayRange';
import { closeShortfalls, openShortfall } from './shortfalls';
import { operation } from '../operation';

const toOffer = (r: FlightRow & { departure_time_zone: string; arrival_time_zone: string }): FlightOffer => ({
  ...toFlightOffer(r), id: Number(r.id), seatsAvailable: Number(r.seats_available), seatsTotal: Number(r.seats_total),
});

/**
 * Resizes a flight and/or reprices it. Seats already sold or held (total − available) stay
 * taken: the new total may not go below them, and what is left of it becomes available.
 */
export const updateFlightInventory = operation('inventory.flights.update', async (ctx, input) => {
  if (input.seatsTotal === undefined && input.priceCents === undefined) throw fieldError('seatsTotal', 'give seatsTotal or priceCents (or both)');
  let before: FlightOffer | undefined;
  let overbookedBy = 0;
  const offer = await runMutation(ctx, async (tx) => {
    // Locked, so a hold or booking cannot change seats_available between the check and the update.
    const row = await tx.get<FlightRow>(
      `SELECT id, flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, row_version
       FROM flights WHERE id = ?${tx.lockForUpdate}`, [input.flightId]);
    if (!row) throw new ContractError('NOT_FOUND', `No flight ${input.flightId}.`, { flightId: input.flightId });
    before = toOffer(await withZones(tx, row));
    const soldOrHeld = before.seatsTotal - before.seatsAvailable;
    const seatsTotal = input.seatsTotal ?? before.seatsTotal;
    const nowUtc = toDbInstant(ctx.now());
    // A new seat count replaces the flight's shortfall, if it had one.
    if (input.seatsTotal !== undefined) await closeShortfalls(tx, { kind: 'flight', inventoryId: input.flightId }, nowUtc);
    if (seatsTotal < soldOrHeld && input.allowOverbooking) {
      // Overbooked: the flight stays full and the seats asked for wait as its shortfall (shortfalls.ts).
      await openShortfall(tx, ctx, { kind: 'flight', inventoryId: input.flightId, day: null, wanted: seatsTotal }, nowUtc);
      const full: FlightOffer = { ...before, seatsTotal: soldOrHeld, seatsAvailable: 0, priceCents: input.priceCents ?? before.priceCents };
      await tx.run(
        'UPDATE flights SET seats_total = ?, seats_available = 0, price_cents = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
        [full.seatsTotal, full.priceCents, nowUtc, input.flightId]);
      overbookedBy = soldOrHeld - seatsTotal;
      return full;
    }
    if (seatsTotal < soldOrHeld) {
      throw new ContractError('CONFLICT',
        `Flight ${before.flightNumber} has ${soldOrHeld} seats sold or held; it cannot shrink to ${seatsTotal}.`,
        { flightId: input.flightId, soldOrHeld, requested: seatsTotal });
    }
    const after: FlightOffer = { ...before, seatsTotal, seatsAvailable: seatsTotal - soldOrHeld, priceCents: input.priceCents ?? before.priceCents };
    await tx.run(
      'UPDATE flights SET seats_total = ?, seats_available = ?, price_cents = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
      [after.seatsTotal, after.seatsAvailable, after.priceCents, nowUtc, input.flightId]);
    return after;
  }, (offer) => {
    // `before` is unset when a replayed opId returned the stored result.
    const changes = before
      ? [`seats ${before.seatsTotal}→${offer.seatsTotal}`, `price ${before.priceCents}→${offer.priceCents}`]
      : [`seats ${offer.seatsTotal}`, `price ${offer.priceCents}`];
    const over = overbookedBy > 0 ? `; overbooked: ${input.seatsTotal} seats wanted, ${overbookedBy} over` : '';
    return { entity: 'flight', entityId: String(offer.id), summary: `inventory: ${changes.join(', ')}${over}` };
  });
  await ctx.inventoryChanged?.([{ kind: 'flight', flightId: offer.id }]);
  return offer;
});
