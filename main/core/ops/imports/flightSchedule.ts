import { placeholders, type SqlSession, type SqlValue } from '../../engine/sql';
import { utcOfLocal } from '../../../../shared/localTime';
import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { InventoryChange } from '../inventory/inventoryChange';
import type { CsvLine, HeaderRule, ProblemLog, Progress } from './csvLines';
import { readCount, readPrice } from './lineFields';
import { inBatches, yieldToEventLoop, type Plan, type Sheet } from './sheet';

/** One line of a schedule: a flight leaving `from` at a local time there, arriving at a local time at `to`. */
export interface ScheduleLine {
  line: number;
  flightNumber: string;
  airline: string;
  from: string;
  to: string;
  departureLocal: string;
  arrivalLocal: string;
  seats: number;
  fareCents: number;
}

interface FlightRow {
  /** The flight this line changes, or null for a new one. */
  id: number | null;
  line: number;
  flightNumber: string;
  airline: string;
  from: string;
  to: string;
  departUtc: string;
  arriveUtc: string;
  seatsTotal: number;
  seatsAvailable: number;
  fareCents: number;
}

const FLIGHT_NUMBER = /^[A-Z0-9]{2}\d{1,4}[A-Z]?$/;
const IATA = /^[A-Z]{3}$/;
const MAX_SEATS = 1000;
/** The longest scheduled flights are under 19 hours; past 24 the times are surely swapped or mistyped. */
const MAX_FLIGHT_MS = 24 * 3_600_000;
/** 500 rows × 12 values. */
const UPSERT_ROWS = 500;
const LOOKUP_NUMBERS = 500;

const header: HeaderRule = {
  required: ['flight_number', 'airline', 'from', 'to', 'departure_local', 'arrival_local', 'seats'],
  oneOf: [['fare_usd', 'fare_cents']],
  optional: [],
};

function line(l: CsvLine, log: ProblemLog): ScheduleLine | undefined {
  const before = log.count;
  const flightNumber = l.cell('flight_number').toUpperCase().replace(/\s+/g, '');
  if (!FLIGHT_NUMBER.test(flightNumber)) log.add(l.line, 'flight_number', flightNumber === '' ? 'missing' : `"${flightNumber}" is not a flight number such as DL401`);
  const airline = l.cell('airline');
  if (airline === '' || airline.length > 64) log.add(l.line, 'airline', airline === '' ? 'missing' : 'at most 64 characters');
  const from = l.cell('from').toUpperCase();
  const to = l.cell('to').toUpperCase();
  for (const [field, code] of [['from', from], ['to', to]] as const) {
    if (!IATA.test(code)) log.add(l.line, field, code === '' ? 'missing' : `"${code}" is not a three-letter airport code such as JFK`);
  }
  if (IATA.test(from) && from === to) log.add(l.line, 'to', 'the same airport as from');
  const seats = readCount(l, 'seats', MAX_SEATS, log, false);
  const fareCents = readPrice(l, 'fare', l.columns.has('fare_usd'), log);
  if (log.count !== before || seats === undefined || seats === null || fareCents === undefined) return undefined;
  return { line: l.line, flightNumber, airline, from, to, departureLocal: l.cell('departure_local'), arrivalLocal: l.cell('arrival_local'), seats, fareCents };
}

async function check(db: SqlSession, lines: ScheduleLine[], log: ProblemLog, lock: string): Promise<Plan> {
  const zones = new Map((await db.all<{ iata: string; time_zone: string }>('SELECT iata, time_zone FROM airports')).map((a) => [a.iata, a.time_zone]));
  const wanted = new Map<string, FlightRow>();
  let earliest = '9999-12-31T00:00:00.000Z';
  let latest = '0000-01-01T00:00:00.000Z';
  for (const l of lines) {
    const fromZone = zones.get(l.from);
    const toZone = zones.get(l.to);
    if (!fromZone) log.add(l.line, 'from', `no airport ${l.from}`);
    if (!toZone) log.add(l.line, 'to', `no airport ${l.to}`);
    if (!fromZone || !toZone) continue;
    // Times are the clocks at each airport, as timetables print them; stored as UTC instants.
    const depart = utcOfLocal(l.departureLocal, fromZone);
    const arrive = utcOfLocal(l.arrivalLocal, toZone);
    if (depart === null) log.add(l.line, 'departure_local', wallTimeReason(l.departureLocal, l.from, fromZone));
    if (arrive === null) log.add(l.line, 'arrival_local', wallTimeReason(l.arrivalLocal, l.to, toZone));
    if (depart === null || arrive === null) continue;
    if (arrive <= depart) { log.add(l.line, 'arrival_local', `arrives (${new Date(arrive).toISOString()}) before it leaves (${new Date(depart).toISOString()}), in UTC`); continue; }
    if (arrive - depart > MAX_FLIGHT_MS) { log.add(l.line, 'arrival_local', 'more than 24 hours after it leaves'); continue; }
    const departUtc = new Date(depart).toISOString();
    const id = `${l.flightNumber}|${l.from}|${departUtc}`;
    const prior = wanted.get(id);
    if (prior) { log.add(l.line, 'flight_number', `${l.flightNumber} leaving ${l.from} at ${l.departureLocal} is also on line ${prior.line}`); continue; }
    wanted.set(id, {
      id: null, line: l.line, flightNumber: l.flightNumber, airline: l.airline, from: l.from, to: l.to,
      departUtc, arriveUtc: new Date(arrive).toISOString(), seatsTotal: l.seats, seatsAvailable: l.seats, fareCents: l.fareCents,
    });
    if (departUtc < earliest) earliest = departUtc;
    if (departUtc > latest) latest = departUtc;
  }

  // A flight is the same flight when its number leaves the same airport at the same instant.
  interface Existing { id: number; flight_number: string; airline: string; departure_airport: string; arrival_airport: string; departure_ts_utc: string; arrival_ts_utc: string; seats_total: number; seats_available: number; price_cents: number }
  const existing = new Map<string, Existing>();
  const numbers = [...new Set([...wanted.values()].map((r) => r.flightNumber))];
  for (const batch of inBatches(numbers, LOOKUP_NUMBERS)) {
    const found = await db.all<Existing>(
      `SELECT id, flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents
       FROM flights WHERE departure_ts_utc BETWEEN ? AND ? AND flight_number IN (${placeholders(batch.length)})${lock}`,
      [toDbInstant(earliest), toDbInstant(latest), ...batch]);
    for (const f of found) existing.set(`${f.flight_number}|${f.departure_airport}|${fromDbInstant(String(f.departure_ts_utc))}`, f);
  }

  const rows: FlightRow[] = [];
  const changes: Plan['changes'] = [];
  let created = 0;
  let updated = 0;
  for (const [id, row] of wanted) {
    const f = existing.get(id);
    if (!f) { rows.push(row); created += 1; continue; }
    const taken = Number(f.seats_total) - Number(f.seats_available);
    if (row.seatsTotal < taken) {
      log.add(row.line, 'seats', `${taken} seats of ${row.flightNumber} are sold or held; ${row.seatsTotal} is fewer`);
      continue;
    }
    const same = f.airline === row.airline && f.arrival_airport === row.to && fromDbInstant(String(f.arrival_ts_utc)) === row.arriveUtc
      && Number(f.seats_total) === row.seatsTotal && Number(f.price_cents) === row.fareCents;
    if (same) continue;
    rows.push({ ...row, id: Number(f.id), seatsAvailable: row.seatsTotal - taken });
    changes.push({ kind: 'flight', flightId: Number(f.id) });
    updated += 1;
  }
  return { rows, created, updated, changes };
}

function wallTimeReason(text: string, airport: string, zone: string): string {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(text)) return text === '' ? 'missing' : `"${text}" is not a local date and time as YYYY-MM-DDTHH:MM (such as 2026-07-01T08:15)`;
  return `${text} does not exist at ${airport} (${zone}): the clocks skip that hour`;
}

/**
 * The ids the new flights were given, found the way check() matches a line to a flight (its number
 * leaving its airport at its instant): a multi-row INSERT answers only the first id, and ids of one
 * statement need not be consecutive. Inside the import's transaction, so they are the rows just written.
 */
async function createdFlights(db: SqlSession, created: FlightRow[]): Promise<InventoryChange[]> {
  if (created.length === 0) return [];
  const wanted = new Set(created.map((r) => `${r.flightNumber}|${r.from}|${r.departUtc}`));
  const departures = created.map((r) => r.departUtc).sort();
  const changes: InventoryChange[] = [];
  for (const batch of inBatches([...new Set(created.map((r) => r.flightNumber))], LOOKUP_NUMBERS)) {
    const found = await db.all<{ id: number; flight_number: string; departure_airport: string; departure_ts_utc: string }>(
      `SELECT id, flight_number, departure_airport, departure_ts_utc FROM flights
        WHERE departure_ts_utc BETWEEN ? AND ? AND flight_number IN (${placeholders(batch.length)})`,
      [toDbInstant(departures[0]!), toDbInstant(departures.at(-1)!), ...batch]);
    for (const f of found) {
      if (wanted.has(`${f.flight_number}|${f.departure_airport}|${fromDbInstant(String(f.departure_ts_utc))}`)) changes.push({ kind: 'flight', flightId: Number(f.id) });
    }
  }
  return changes;
}

async function apply(db: SqlSession, plan: Plan, progress: Progress, nowMs: number): Promise<InventoryChange[]> {
  const rows = plan.rows as FlightRow[];
  // New flights and changed ones go in the same statements: a changed one carries its id and
  // collides on the primary key; a new one's null id takes the next.
  const conflict = db.onKeyConflict(['id'], ['airline', 'arrival_airport', 'arrival_ts_utc', 'seats_total', 'seats_available', 'price_cents', 'updated_at_utc'],
    'row_version = row_version + 1');
  const at = toDbInstant(nowMs);
  let done = 0;
  for (const batch of inBatches(rows, UPSERT_ROWS)) {
    const values: SqlValue[] = [];
    for (const r of batch) {
      values.push(r.id, r.flightNumber, r.airline, r.from, r.to, toDbInstant(r.departUtc), toDbInstant(r.arriveUtc), r.seatsTotal, r.seatsAvailable, r.fareCents, at);
    }
    await db.run(
      `INSERT INTO flights (id, flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc, row_version)
       VALUES ${batch.map(() => `(${placeholders(11)}, 1)`).join(', ')}${conflict}`, values);
    done += batch.length;
    progress('applying', done, rows.length);
    await yieldToEventLoop();
  }
  // New flights are judged for deals (and watches) like those saved by hand; changed ones are in the plan.
  return createdFlights(db, rows.filter((r) => r.id === null));
}

export const flightSchedule: Sheet<ScheduleLine> = { header, line, check, apply };
