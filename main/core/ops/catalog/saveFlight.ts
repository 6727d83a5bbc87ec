import { ContractError, type CatalogFlight } from '../../../../shared/contract';
import { utcOfLocal } from '../../../../shared/localTime';
import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';
import { insertRow } from '../insertRow';
import { runMutation } from '../runMutation';
import { operation } from '../operation';
import { toFlightOffer, withZones, type FlightRow } from '../rows';
import { localClock } from './scheduleChanges';
import { closeShortfalls } from '../inventory/shortfalls';

const HOUR_MS = 3_600_000;
/** The longest nonstop anyone sells is under 19 hours; a day is room for a typo to be caught. */
const LONGEST_FLIGHT_MS = 24 * HOUR_MS;

type Row = FlightRow & { active: number };

function fieldError(field: string, message: string): ContractError {
  return new ContractError('VALIDATION', `${field}: ${message}`, { field });
}

async function zoneOf(tx: SqlSession, iata: string, field: string): Promise<string> {
  const a = await tx.get<{ time_zone: string }>('SELECT time_zone FROM airports WHERE iata = ?', [iata]);
  if (!a) throw fieldError(field, `no airport ${iata}`);
  return a.time_zone;
}

function instantAt(wall: string, zone: string, field: string): number {
  const ms = utcOfLocal(wall, zone);
  // The hour the clocks skip in spring: no flight can be scheduled at a time that never shows.
  if (ms === null) throw fieldError(field, `${wall.replace('T', ' ')} does not exist in ${zone} (the clocks go forward then)`);
  return ms;
}

async function loadFlight(tx: SqlSession, id: number): Promise<CatalogFlight> {
  const row = await tx.get<Row>(
    `SELECT id, flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, row_version, active
       FROM flights WHERE id = ?`, [id]);
  if (!row) throw new Error(`flight ${id} vanished inside its own transaction`);
  return { ...toFlightOffer(await withZones(tx, row)), seatsTotal: Number(row.seats_total), seatsAvailable: Number(row.seats_available), active: Number(row.active) === 1 };
}

/**
 * A flight of the schedule, new or edited, with its times as each airport's clock shows them.
 *
 * An edit keeps every seat already sold or held (the total may not go below them) and keeps its
 * route once it has any (a new route is a new flight). When the departure or arrival moves, each
 * booking on the flight is told where agents look: its flight item takes the new times (the
 * itinerary shows them), a shareable remark says what moved, and a schedule change waits in Needs
 * attention until an agent has told the customer. All of it commits with the new schedule.
 */
export const saveFlight = operation('catalog.flights.save', async (ctx, input) => {
  if (input.from === input.to) throw fieldError('to', 'a flight goes to another airport');
  let moved: { from: string; to: string } | null = null;
  const answer = await runMutation(ctx, async (tx) => {
    const depZone = await zoneOf(tx, input.from, 'from');
    const arrZone = await zoneOf(tx, input.to, 'to');
    const departMs = instantAt(input.departureLocal, depZone, 'departureLocal');
    const arriveMs = instantAt(input.arrivalLocal, arrZone, 'arrivalLocal');
    if (arriveMs <= departMs) throw fieldError('arrivalLocal', `it lands before it leaves (${new Date(departMs).toISOString()} → ${new Date(arriveMs).toISOString()} UTC)`);
    if (arriveMs - departMs > LONGEST_FLIGHT_MS) throw fieldError('arrivalLocal', 'more than 24 hours after the departure');
    const now = ctx.now();
    const at = toDbInstant(now);
    const depart = toDbInstant(departMs);
    const arrive = toDbInstant(arriveMs);

    if (input.flightId === undefined) {
      if (departMs <= now) throw fieldError('departureLocal', 'a new flight departs in the future');
      const res = await tx.run(
        `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc, active)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [input.flightNumber, input.airline, input.from, input.to, depart, arrive, input.seatsTotal, input.seatsTotal, input.priceCents, at, input.active ? 1 : 0]);
      return { flight: await loadFlight(tx, res.insertId), affectedBookings: [] };
    }

    const id = input.flightId;
    // Locked: a hold or booking cannot take seats between the count below and the update.
    const prior = await tx.get<Row>(
      `SELECT id, flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, row_version, active
         FROM flights WHERE id = ?${tx.lockForUpdate}`, [id]);
    if (!prior) throw new ContractError('NOT_FOUND', `No flight ${id}.`, { flightId: id });
    const soldOrHeld = Number(prior.seats_total) - Number(prior.seats_available);
    if (input.seatsTotal < soldOrHeld) {
      throw new ContractError('CONFLICT', `Flight ${prior.flight_number} has ${soldOrHeld} seats sold or held; it cannot shrink to ${input.seatsTotal}.`,
        { flightId: id, soldOrHeld, requested: input.seatsTotal });
    }
    const rerouted = prior.departure_airport !== input.from || prior.arrival_airport !== input.to;
    if (rerouted && soldOrHeld > 0) {
      throw new ContractError('CONFLICT', `Flight ${prior.flight_number} has ${soldOrHeld} seats sold or held on ${prior.departure_airport}→${prior.arrival_airport}; a new route is a new flight.`,
        { flightId: id, soldOrHeld });
    }
    const oldDepart = fromDbInstant(prior.departure_ts_utc);
    const oldArrive = fromDbInstant(prior.arrival_ts_utc);
    const scheduleMoved = Date.parse(oldDepart) !== departMs || Date.parse(oldArrive) !== arriveMs;
    if (scheduleMoved && Date.parse(oldDepart) <= now) {
      throw new ContractError('CONFLICT', `Flight ${prior.flight_number} has already departed; its times are history.`, { flightId: id });
    }
    await tx.run(
      `UPDATE flights SET flight_number = ?, airline = ?, departure_airport = ?, arrival_airport = ?, departure_ts_utc = ?, arrival_ts_utc = ?,
              seats_total = ?, seats_available = ?, price_cents = ?, active = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?`,
      [input.flightNumber, input.airline, input.from, input.to, depart, arrive, input.seatsTotal, input.seatsTotal - soldOrHeld, input.priceCents, input.active ? 1 : 0, at, id]);
    // The seats given here (at least those sold) replace an overbooking's wanted count.
    await closeShortfalls(tx, { kind: 'flight', inventoryId: id }, at);

    const affectedBookings: Array<{ bookingId: number; locator: string; customerName: string; itemId: number }> = [];
    if (scheduleMoved) {
      moved = { from: oldDepart, to: new Date(departMs).toISOString() };
      const items = await tx.all<{ id: number; booking_id: number; locator: string; first_name: string; last_name: string }>(
        `SELECT i.id, i.booking_id, b.locator, u.first_name, u.last_name
           FROM booking_items i JOIN bookings b ON b.id = i.booking_id JOIN users u ON u.id = b.user_id
          WHERE i.item_type = 'flight' AND i.item_id = ? AND i.status = 'active' ORDER BY i.id`, [id]);
      const newDepartIso = new Date(departMs).toISOString();
      const newArriveIso = new Date(arriveMs).toISOString();
      const remark = `Schedule change: ${input.airline} ${input.flightNumber} ${input.from}→${input.to} now departs ${localClock(newDepartIso, depZone)}`
        + ` (was ${localClock(oldDepart, depZone)}) and arrives ${localClock(newArriveIso, arrZone)} (was ${localClock(oldArrive, arrZone)}).`;
      for (const item of items) {
        await tx.run('UPDATE booking_items SET start_utc = ?, end_utc = ?, row_version = row_version + 1 WHERE id = ?', [depart, arrive, item.id]);
        await insertRow(tx, ctx, 'booking_remarks', {
          booking_id: item.booking_id, remark_text: remark, shareable: 1, created_by_admin_id: ctx.operator?.id ?? null, created_at_utc: at,
        });
        await insertRow(tx, ctx, 'schedule_changes', {
          flight_id: id, booking_id: item.booking_id, booking_item_id: item.id,
          old_departure_ts_utc: prior.departure_ts_utc, old_arrival_ts_utc: prior.arrival_ts_utc, new_departure_ts_utc: depart, new_arrival_ts_utc: arrive,
          changed_by_admin_id: ctx.operator?.id ?? null, changed_at_utc: at,
        });
        affectedBookings.push({ bookingId: Number(item.booking_id), locator: item.locator, customerName: `${item.first_name} ${item.last_name}`, itemId: Number(item.id) });
      }
    }
    return { flight: await loadFlight(tx, id), affectedBookings };
  }, (a) => ({
    entity: 'flight', entityId: String(a.flight.id),
    summary: `${input.flightId === undefined ? 'flight added' : 'flight edited'}: ${a.flight.airline} ${a.flight.flightNumber} ${a.flight.from}→${a.flight.to} departs ${a.flight.departureLocal}, `
      + `${a.flight.seatsTotal} seats at ${a.flight.priceCents} cents${a.flight.active ? '' : ', off sale'}`
      + (moved ? `; schedule moved (${a.affectedBookings.length} booking(s): ${a.affectedBookings.map((b) => b.locator).join(', ') || 'none'})` : ''),
  }));
  await ctx.inventoryChanged?.([{ kind: 'flight', flightId: answer.flight.id }]);
  return answer;
});
