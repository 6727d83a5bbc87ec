import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, Envelope, ErrorCode } from '../../../shared/contract';
import { addDays, toDbInstant } from '../../../shared/time';
import type { Core } from '../../../main/core/host/core';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import type { SqlValue } from '../../../main/core/engine/sql';
import { startFaultProxy, type FaultProxy } from '../../support/faultProxy';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';
import { addServerOperator, freshCentralServer, ok, send, startDeviceCore } from '../../support/testCore';
import { passengers, leadGuest, driver } from '../../support/travellers';

const DEVICES = 5;
const PASSWORD = 'model password';
const AGENT = 'model.agent@tripdesk.test';
const SUPERVISOR = 'model.supervisor@tripdesk.test';

// Reproduce a failure with the numbers it prints: the same seed and run count give the same runs.
const SEED = Number(process.env.TRIPDESK_MODEL_SEED ?? 5150);
const RUNS = Number(process.env.TRIPDESK_MODEL_RUNS ?? 6);
const STEPS = Number(process.env.TRIPDESK_MODEL_STEPS ?? 30);

/** Every mutation a device queues offline: each run does each of them at least once with the line cut. */
const QUEUED = [
  'customers.create', 'customers.update',
  'holds.create', 'holds.release', 'holds.extend',
  'bookings.create', 'bookings.cancel', 'bookings.change', 'bookings.addItems', 'bookings.addRemark', 'customers.addRemark',
  'customers.travellers.save', 'customers.travellers.remove',
  'inventory.flights.update', 'inventory.hotels.setDays', 'inventory.cars.setDays', 'rates.rules.set',
  'paymentMethods.add', 'paymentMethods.remove',
  'watches.create', 'watches.delete',
  'reviews.create', 'reviews.reply',
] as const satisfies readonly ChannelName[];
type Kind = (typeof QUEUED)[number];

/** Refusals a device may meet for a reason of the business (someone else got there first), online or at replay. */
const BUSINESS: readonly ErrorCode[] = ['SOLD_OUT', 'PRICE_CHANGED', 'HOLD_EXPIRED', 'CONFLICT', 'NOT_FOUND'];

type R = readonly [number, number, number, number];
type Line = 'cut' | 'up' | 'as is';
type Action =
  | { d: number; a: 'cut' | 'restore' | 'reconnect' | 'sync' | 'restart' | 'jump' }
  /**
   * One mutation. `line`: the device's line is cut first, or restored and synced first, or left
   * as it is. `fresh`: what the op acts on (a hold to extend, a booking to cancel…) is made first on
   * the same device; otherwise it is picked from what the device holds, made anywhere. `r` picks
   * the target and the numbers.
   */
  | { d: number; a: 'op'; kind: Kind; line: Line; fresh: boolean; r: R }
  /** Two devices, both cut, edit the same customer: at most one edit may stand. */
  | { d: number; a: 'raceEdit'; other: number; r: R };

const r4: fc.Arbitrary<R> = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat());
const device = fc.nat(DEVICES - 1);
const opAction = (kind: Kind, line: fc.Arbitrary<Line>, fresh: fc.Arbitrary<boolean>): fc.Arbitrary<Action> =>
  fc.record({ d: device, a: fc.constant('op' as const), kind: fc.constant(kind), line, fresh, r: r4 });
const raceAction: fc.Arbitrary<Action> = fc.record({ d: device, a: fc.constant('raceEdit' as const), other: fc.integer({ min: 1, max: DEVICES - 1 }), r: r4 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ d: device, a: fc.constantFrom('cut' as const, 'restore' as const, 'reconnect' as const, 'sync' as const, 'restart' as const, 'jump' as const) }) },
  { weight: 6, arbitrary: fc.constantFrom(...QUEUED).chain((kind) => opAction(kind, fc.constantFrom<Line>('cut', 'up', 'as is'), fc.boolean())) },
  { weight: 1, arbitrary: raceAction },
);
/**
 * A run: random work, with one race edit and one offline call of every queued kind (on something
 * the device makes first, so the call itself is never refused offline) shuffled in.
 */
const runActions: fc.Arbitrary<Action[]> = fc
  .tuple(fc.tuple(...QUEUED.map((k) => opAction(k, fc.constant<Line>('cut'), fc.constant(true)))), raceAction, fc.array(action, { minLength: Math.ceil(STEPS / 2), maxLength: STEPS }))
  .chain(([tour, race, rest]) => {
    const all = [...tour, race, ...rest];
    return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
  });

interface Device { i: number; dir: string; core: Core; agent: string; supervisor: string; mysql: FaultProxy; mongo: FaultProxy; skew: number; warnings: string[] }
interface Call { d: number; opId: string; kind: Kind; ok: boolean; code: string | null; queued: boolean }
interface OutboxRow { op_id: string; kind: string; state: string; last_error: string | null; error_code: string | null; base: string | null; payload: string }

/** Columns that must match between a device's copy and the server, per mirrored table (the local-only `provisional` left out). */
const COMPARED: Record<string, string> = {
  users: 'id, email, first_name, last_name, phone, state_code, created_at_utc, updated_at_utc, row_version',
  flights: 'id, seats_total, seats_available, price_cents, updated_at_utc, row_version',
  flight_seat_holds: 'id, hold_token, flight_id, booking_id, user_id, created_by_admin_id, seats, price_cents, status, expires_at_utc, extended_at_utc, created_at_utc, row_version',
  bookings: 'id, locator, user_id, booking_type, status, total_cents, refunded_cents, created_by_admin_id, op_id, booked_on, made_offline, created_at_utc, updated_at_utc, row_version',
  booking_remarks: 'id, booking_id, remark_text, shareable, created_by_admin_id, created_at_utc, row_version',
  customer_remarks: 'id, user_id, remark_text, created_by_admin_id, created_at_utc, row_version',
  customer_travellers: 'id, user_id, given_names, family_name, date_of_birth, gender, known_traveller_number, passport_number, passport_country, passport_expiry, removed, created_at_utc, updated_at_utc, row_version',
  booking_travellers: 'id, booking_id, booking_item_id, traveller_role, given_names, family_name, date_of_birth, passport_number, guest_count, customer_traveller_id, row_version',
  invoices: 'booking_id, invoice_number, issued_at_utc, issued_by_admin_id, row_version',
  booking_items: 'id, booking_id, item_type, item_id, quantity, unit_price_cents, total_cents, status, refund_cents, cancelled_at_utc, exchanged_for_item_id, row_version',
  money_movements: 'id, booking_id, billing_id, booking_item_id, kind, amount_cents, at_utc, admin_id, reason, payment_method_id, payment_label, row_version',
  messages: 'id, booking_id, user_id, kind, to_address, subject, state, message_id, failure_reason, attempts, created_by_admin_id, created_at_utc, sent_at_utc, op_id, row_version',
  payment_methods: 'id, user_id, gateway_token, brand, last4, exp_month, exp_year, removed, created_at_utc, row_version',
  hotel_inventory: 'room_type_id, stay_date, rooms_total, rooms_booked, price_cents, min_stay_nights, closed_to_arrival, closed_to_departure, row_version',
  car_availability: 'car_id, rental_date, units_total, units_booked, price_cents, row_version',
};
const KEY_OF: Record<string, string> = { hotel_inventory: 'room_type_id, stay_date', car_availability: 'car_id, rental_date', invoices: 'booking_id' };
/** Tables whose rows a device may make offline (negative ids until the server gives them one). */
const LOCAL_ID_TABLES = ['users', 'bookings', 'booking_items', 'payment_methods', 'flight_seat_holds', 'booking_remarks', 'customer_remarks', 'customer_travellers', 'booking_travellers',
  'money_movements', 'messages'];

const pickOf = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

/**
 * The model test: five devices on one central server (MariaDB + FerretDB), each reaching it
 * through its own fault proxies, doing random work online and offline with random cuts, restarts
 * and clock jumps; every kind of queued mutation is made offline at least once per run, and two
 * devices edit the same customer while both are cut. Then every device sends its outbox and pulls
 * until nothing moves, and the copies must agree with the server:
 *  - every queued op is applied exactly once or held as a conflict with its reason (none pending,
 *    none failed, none dropped), and an edit based on a row version someone else moved on from is
 *    a CONFLICT, never a silent overwrite;
 *  - after the agent discards the conflicts, no device keeps a local (negative) id, and bookings,
 *    items, holds, customers, flights, cards, hotel nights, car days and reviews equal the server's;
 *  - no capacity goes negative and, per flight, seats left + held + booked = seats total.
 * Seed and run count come from TRIPDESK_MODEL_SEED / TRIPDESK_MODEL_RUNS (and the number of random
 * steps per run from TRIPDESK_MODEL_STEPS); a failure prints them.
 */
describe('five devices, random work, cuts, restarts and clock jumps (fast-check model)', () => {
  it('every op applied once or kept as a conflict with a reason; no oversell; caches equal the server', async () => {
    let run = 0;
    const property = fc.asyncProperty(runActions, async (actions) => {
      run++;
      const { server, mysqlUrl, mongoUrl } = await freshCentralServer(`model${run}`);
      const mongo = new MongoClient(mongoUrl);
      const devices: Device[] = [];
      try {
        const fx = await loadFixture({ sql: server }, { seats: 6 });
        // Two more customers everyone has from the start, for the offline edits to race on.
        const at = toDbInstant(Date.now());
        const racedOn: number[] = [];
        for (const name of ['Race', 'Chase']) {
          racedOn.push((await server.run('INSERT INTO users (email, first_name, last_name, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, ?)', [`${name.toLowerCase()}@model.test`, name, 'Customer', at, at])).insertId);
        }
        // A third flight on the route with room to spare: what a fresh change or addition moves to, never sold out on a device's copy.
        const roomy = (await server.run(
          `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
           VALUES ('AS 7', 'Alaska Airlines', 'JFK', 'LAX', ?, ?, 200, 200, 21900, ?)`, [`${fx.departDay} 11:00:00.000`, `${fx.departDay} 17:00:00.000`, at])).insertId;
        await addServerOperator(server, { role: 'agent', email: AGENT, name: 'Model Agent', password: PASSWORD });
        await addServerOperator(server, { role: 'supervisor', email: SUPERVISOR, name: 'Model Supervisor', password: PASSWORD });
        for (let i = 0; i < DEVICES; i++) {
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), `td-model-${i}-`));
          devices.push(await open({ mysqlUrl, mongoUrl }, { i, dir, mysql: await startFaultProxy(mysqlUrl), mongo: await startFaultProxy(mongoUrl), skew: 0, warnings: [] }));
        }
        const world = new World(run, { mysqlUrl, mongoUrl }, fx, racedOn, devices, roomy);
        for (const act of actions) await world.step(act);
        await world.syncUntilQuiet(server);
        await world.checkOutboxes(server, mongo);
        await world.discardConflicts();
        await world.syncUntilQuiet(server);
        await world.checkConverged(server, mongo);
      } finally {
        for (const dev of devices) {
          await dev.core.close();
          await dev.mysql.close();
          await dev.mongo.close();
          fs.rmSync(dev.dir, { recursive: true, force: true });
        }
        await mongo.close();
        await server.close();
      }
    });
    try {
      await fc.assert(property, { numRuns: RUNS, seed: SEED, endOnFailure: true });
    } catch (err) {
      const repro = `reproduce with TRIPDESK_MODEL_SEED=${SEED} TRIPDESK_MODEL_RUNS=${RUNS} TRIPDESK_MODEL_STEPS=${STEPS} (failed in run ${run})`;
      console.error(`device model: ${repro}`);
      throw new Error(`${repro}\n${(err as Error).message}`, { cause: err });
    }
  }, 600_000);
});

type Urls = { mysqlUrl: string; mongoUrl: string };

async function open(urls: Urls, dev: Omit<Device, 'core' | 'agent' | 'supervisor'>): Promise<Device> {
  const started = await startDeviceCore(urls, {
    dir: dev.dir, proxies: { mysql: dev.mysql, mongo: dev.mongo }, env: { TRIPDESK_SESSION_HOURS: '1000' }, now: () => Date.now() + dev.skew,
    // Kept for the failure message: why a sync stopped.
    log: (level, msg, extra) => { if (level !== 'info') dev.warnings.push(`${level}: ${msg} ${extra ? JSON.stringify(extra) : ''}`.slice(0, 400)); },
  });
  return { ...dev, core: started.core, agent: await started.signIn(AGENT, PASSWORD), supervisor: await started.signIn(SUPERVISOR, PASSWORD) };
}

/** One run's devices and what the test asked of them. */
class World {
  private readonly calls: Call[] = [];
  private readonly races: Array<{ customerId: number; ops: Array<{ d: number; opId: string }> }> = [];
  /** Bookings each device made (by the id it was answered with), to prefer cancelling another device's. */
  private readonly madeBy = new Map<string, number>();
  private seq = 0;
  private n = 0;

  constructor(
    private readonly run: number, private readonly urls: Urls, private readonly fx: Fixture,
    /** Customers every device has from the start, for race edits. */
    private readonly racedOn: number[],
    private readonly devices: Device[],
    /** The roomy third flight (changes and additions). */
    private readonly roomyFlightId: number,
  ) {}

  /** Deterministic opIds, so a rerun with the same seed makes the same ids. */
  private opId(): string {
    this.seq++;
    return `${this.run.toString(16).padStart(8, '0')}-0000-7000-8000-${this.seq.toString(16).padStart(12, '0')}`;
  }

  private async cut(dev: Device): Promise<void> {
    await dev.mysql.cut();
    await dev.mongo.cut();
  }

  /** The line back and a sync, as the connectivity watch would do (jobs are off). */
  private async reconnect(dev: Device): Promise<void> {
    await dev.mysql.restore();
    await dev.mongo.restore();
    await dev.core.sync!.sync();
  }

  async step(act: Action): Promise<void> {
    this.n++;
    const dev = this.devices[act.d]!;
    switch (act.a) {
      case 'cut': return this.cut(dev);
      case 'restore': await dev.mysql.restore(); await dev.mongo.restore(); return;
      case 'reconnect': return this.reconnect(dev);
      case 'sync': return dev.core.sync!.sync();
      case 'jump': dev.skew += 20 * 60_000; return;
      case 'restart': {
        await dev.core.close();
        this.devices[act.d] = await open(this.urls, { i: dev.i, dir: dev.dir, mysql: dev.mysql, mongo: dev.mongo, skew: dev.skew, warnings: dev.warnings });
        return;
      }
      case 'raceEdit': return this.raceEdit(dev, this.devices[(act.d + act.other) % DEVICES]!, act.r);
      case 'op':
        if (act.line === 'cut') await this.cut(dev);
        if (act.line === 'up') await this.reconnect(dev);
        await this.op(dev, act.kind, act.fresh, act.r);
        await this.checkCapacity(dev);
        return;
    }
  }

  /** Calls a mutation with a fresh opId and records the outcome; a refusal must be one of `allowed`. */
  private async mutate<C extends Kind>(dev: Device, channel: C, input: ChannelInput<C>, allowed: readonly ErrorCode[] = BUSINESS): Promise<Envelope<ChannelOutput<C>>> {
    const opId = this.opId();
    const token = channel.startsWith('inventory.') || channel.startsWith('rates.') ? dev.supervisor : dev.agent;
    const res = await send(dev.core, token, channel, { ...input, opId });
    const queued = (await dev.core.local.sql.get('SELECT op_id FROM outbox WHERE op_id = ?', [opId])) !== undefined;
    this.calls.push({ d: dev.i, opId, kind: channel, ok: res.ok, code: res.ok ? null : res.error.code, queued });
    if (!res.ok) {
      expect(allowed, `step ${this.n}: ${channel} on device ${dev.i} (${dev.core.mode()}) refused: ${res.error.code} ${res.error.message} ${JSON.stringify(input)}${res.error.code === 'INTERNAL' ? `\n${dev.warnings.slice(-2).join('\n')}` : ''}`).toContain(res.error.code);
    }
    return res;
  }

  private local<T>(dev: Device, sql: string, params: SqlValue[] = []): Promise<T[]> {
    return dev.core.local.sql.all<T>(sql, params);
  }

  private async customers(dev: Device): Promise<number[]> {
    return (await this.local<{ id: number }>(dev, 'SELECT id FROM users ORDER BY id')).map((u) => u.id);
  }

  /** A hold to act on: one the device holds (made anywhere), or a new one on the roomy flight. */
  private async someHold(dev: Device, fresh: boolean, r: R): Promise<string | undefined> {
    if (!fresh) {
      const holds = await this.local<{ hold_token: string; status: string }>(dev, 'SELECT hold_token, status FROM flight_seat_holds ORDER BY id');
      const active = holds.filter((h) => h.status === 'active');
      const found = pickOf(r[1] % 4 === 0 || active.length === 0 ? holds : active, r[2])?.hold_token;
      if (found) return found;
    }
    const made = await this.mutate(dev, 'holds.create', { flightId: this.fx.cheapFlightId, seats: 1 });
    return made.ok ? made.value.holdId : undefined;
  }

  private async op(dev: Device, kind: Kind, fresh: boolean, r: R): Promise<void> {
    const fx = this.fx;
    const customer = async () => pickOf(await this.customers(dev), r[0]) ?? fx.customerId;
    const day = (k: number) => addDays(fx.checkIn, k % 4);
    // A fresh edit of inventory changes prices only: a capacity below what the device's copy shows as taken is refused at once.
    const resize = !fresh && r[2] % 2 === 1;
    switch (kind) {
      case 'customers.create': {
        await this.mutate(dev, kind, { email: `r${this.run}.s${this.n}.d${dev.i}@model.test`, firstName: 'Model', lastName: `Customer ${this.n}` }, []);
        return;
      }
      case 'customers.update': {
        await this.mutate(dev, kind, r[1] % 2 ? { customerId: await customer(), phone: `+1 212 555 ${String(1000 + (r[2] % 9000))}` } : { customerId: await customer(), lastName: `Edited ${this.n}` });
        return;
      }
      case 'holds.create': {
        await this.mutate(dev, kind, { flightId: !fresh && r[1] % 3 ? fx.flightId : fx.cheapFlightId, seats: 1 + (r[2] % 3), ...(r[3] % 2 ? { customerId: await customer() } : {}) });
        return;
      }
      case 'holds.release':
      case 'holds.extend': {
        const holdId = await this.someHold(dev, fresh, r);
        if (holdId) await this.mutate(dev, kind, { holdId });
        return;
      }
      case 'bookings.create': await this.book(dev, fresh, r); return;
      case 'bookings.cancel': {
        let item: { id: number; booking_id: number } | undefined;
        if (!fresh) {
          const items = await this.local<{ id: number; booking_id: number }>(dev, "SELECT i.id, i.booking_id FROM booking_items i JOIN bookings b ON b.id = i.booking_id WHERE i.status = 'active' AND b.status IN ('confirmed', 'partially_cancelled') ORDER BY i.id");
          // Mostly someone else's booking (made on another device and pulled), else one of ours.
          const others = items.filter((i) => this.madeBy.get(String(i.booking_id)) !== dev.i);
          item = pickOf(r[1] % 4 && others.length ? others : items, r[2]);
        }
        if (!item) {
          const made = await this.book(dev, true, r);
          const first = made.ok ? made.value.items.find((i) => i.status === 'active') : undefined;
          item = first && made.ok ? { id: first.id, booking_id: made.value.id } : undefined;
        }
        if (item) await this.mutate(dev, kind, r[3] % 2 ? { bookingId: item.booking_id, itemIds: [item.id], reason: 'model: one item' } : { bookingId: item.booking_id, reason: 'model: all of it' });
        return;
      }
      case 'bookings.change': await this.change(dev, fresh, r); return;
      case 'bookings.addItems': await this.addTo(dev, fresh, r); return;
      case 'bookings.addRemark': {
        // Any booking the device holds (made anywhere, perhaps offline and not yet synced), or a new one.
        const bookings = fresh ? [] : await this.local<{ id: number }>(dev, 'SELECT id FROM bookings ORDER BY id');
        let bookingId = pickOf(bookings, r[1])?.id;
        if (bookingId === undefined) {
          const made = await this.book(dev, true, r);
          bookingId = made.ok ? made.value.id : undefined;
        }
        if (bookingId !== undefined) await this.mutate(dev, kind, { bookingId, text: `Remark ${this.n} from device ${dev.i}`, shareable: r[2] % 2 === 0 });
        return;
      }
      case 'customers.addRemark': {
        await this.mutate(dev, kind, { customerId: await customer(), text: `Customer remark ${this.n} from device ${dev.i}` });
        return;
      }
      case 'inventory.flights.update': {
        await this.mutate(dev, kind, resize
          ? { flightId: fx.flightId, seatsTotal: 3 + (r[3] % 8) }
          : { flightId: r[3] % 2 ? fx.flightId : fx.cheapFlightId, priceCents: (r[3] % 2 ? fx.flightPriceCents : 19900) + ((r[1] % 21) - 10) * 100 });
        return;
      }
      case 'inventory.hotels.setDays': {
        const from = day(r[1]);
        await this.mutate(dev, kind, resize
          ? { roomTypeId: fx.roomTypeId, from, to: addDays(from, r[3] % 3), roomsTotal: 1 + (r[3] % 6) }
          : { roomTypeId: fx.roomTypeId, from, to: addDays(from, r[3] % 3), priceCents: 16000 + (r[3] % 5) * 1000 });
        return;
      }
      case 'rates.rules.set': {
        // Nights 17 to 19 days after the fixture's check-in, which no stay of the model reaches (they
        // start within four days of it): the rules queue, replay and converge like any inventory
        // edit, and never refuse the model's own bookings.
        const from = addDays(fx.checkIn, 17 + (r[1] % 2));
        await this.mutate(dev, kind, r[3] % 2
          ? { roomTypeId: fx.roomTypeId, from, to: addDays(from, 1), minStayNights: 1 + (r[2] % 3) }
          : { roomTypeId: fx.roomTypeId, from, to: from, closedToArrival: r[2] % 2 === 0, closedToDeparture: r[1] % 2 === 0 });
        return;
      }
      case 'inventory.cars.setDays': {
        const from = day(r[1]);
        await this.mutate(dev, kind, resize
          ? { carId: fx.carId, from, to: addDays(from, r[3] % 2), unitsTotal: 1 + (r[3] % 2) }
          : { carId: fx.carId, from, to: addDays(from, r[3] % 2), priceCents: 4000 + (r[3] % 3) * 500 });
        return;
      }
      case 'customers.travellers.save': {
        const customerId = await customer();
        // A new traveller, or (not fresh) an edit of one the device has for that customer, perhaps made offline.
        const kept = fresh ? [] : await this.local<{ id: number }>(dev, 'SELECT id FROM customer_travellers WHERE user_id = ? AND removed = 0 ORDER BY id', [customerId]);
        const travellerId = r[1] % 2 ? pickOf(kept, r[2])?.id : undefined;
        await this.mutate(dev, kind, {
          customerId, ...(travellerId === undefined ? {} : { travellerId }), givenNames: `Model ${String.fromCharCode(65 + (this.n % 26))}`, familyName: `Traveller-${'ABCDE'[dev.i] ?? 'Z'}`,
          dateOfBirth: `19${60 + (r[3] % 40)}-0${1 + (r[2] % 9)}-1${r[1] % 10}`,
          ...(r[3] % 2 ? { passport: { number: `P${String(1000000 + this.n)}`, country: 'USA', expiry: '2040-01-01' } } : {}),
        });
        return;
      }
      case 'customers.travellers.remove': {
        const kept = fresh ? [] : await this.local<{ id: number }>(dev, 'SELECT id FROM customer_travellers WHERE removed = 0 ORDER BY id');
        let travellerId = pickOf(kept, r[1])?.id;
        if (travellerId === undefined) {
          const made = await this.mutate(dev, 'customers.travellers.save', { customerId: await customer(), givenNames: 'Short', familyName: 'Lived', dateOfBirth: '1990-01-01' });
          travellerId = made.ok ? made.value.id : undefined;
        }
        if (travellerId !== undefined) await this.mutate(dev, kind, { travellerId });
        return;
      }
      case 'paymentMethods.add': {
        await this.mutate(dev, kind, { customerId: await customer(), card: GOOD_CARD });
        return;
      }
      case 'paymentMethods.remove': {
        const cards = fresh ? [] : await this.local<{ id: number }>(dev, 'SELECT id FROM payment_methods WHERE removed = 0 ORDER BY id');
        let id = pickOf(cards, r[1])?.id;
        if (id === undefined) {
          const made = await this.mutate(dev, 'paymentMethods.add', { customerId: await customer(), card: GOOD_CARD });
          id = made.ok ? made.value.id : undefined;
        }
        if (id !== undefined) await this.mutate(dev, kind, { paymentMethodId: id });
        return;
      }
      case 'watches.create': {
        await this.watch(dev, await customer(), r);
        return;
      }
      case 'watches.delete': {
        const watches = fresh ? [] : await this.local<{ id: string }>(dev, 'SELECT id FROM watches ORDER BY id');
        const watchId = pickOf(watches, r[1])?.id ?? (await this.watch(dev, await customer(), r));
        if (watchId) await this.mutate(dev, kind, { watchId });
        return;
      }
      case 'reviews.create': {
        await this.review(dev, await customer(), r);
        return;
      }
      case 'reviews.reply': {
        const reviews = fresh ? [] : await this.local<{ id: string }>(dev, 'SELECT id FROM reviews ORDER BY id');
        const reviewId = pickOf(reviews, r[1])?.id ?? (await this.review(dev, await customer(), r));
        if (reviewId) await this.mutate(dev, kind, { reviewId, text: `Thank you (reply ${this.n}).` });
        return;
      }
    }
  }

  /** An active item to change or a booking to add to: one the device holds (mostly another device's), or a fresh booking of its own. */
  private async activeItem(dev: Device, fresh: boolean, r: R): Promise<{ id: number; booking_id: number; item_type: string; item_id: number; start_utc: string; end_utc: string } | undefined> {
    if (!fresh) {
      const items = await this.local<{ id: number; booking_id: number; item_type: string; item_id: number; start_utc: string; end_utc: string }>(dev,
        "SELECT i.id, i.booking_id, i.item_type, i.item_id, i.start_utc, i.end_utc FROM booking_items i JOIN bookings b ON b.id = i.booking_id WHERE i.status = 'active' AND b.status IN ('confirmed', 'partially_cancelled') ORDER BY i.id");
      const others = items.filter((i) => this.madeBy.get(String(i.booking_id)) !== dev.i);
      const found = pickOf(r[1] % 4 && others.length ? others : items, r[2]);
      if (found) return found;
    }
    const made = await this.book(dev, true, r);
    const first = made.ok ? made.value.items.find((i) => i.status === 'active') : undefined;
    return first && made.ok ? { id: first.id, booking_id: made.value.id, item_type: first.kind, item_id: first.refId, start_utc: first.startUtc, end_utc: first.endUtc } : undefined;
  }

  /** A change of a booked item: a flight for another on the route, a stay or rental a day later or earlier; fresh, a seat moved to the roomy flight. */
  private async change(dev: Device, fresh: boolean, r: R): Promise<void> {
    const item = await this.activeItem(dev, fresh, r);
    if (!item) return;
    const shift = r[3] % 2 ? 1 : -1;
    const day = (at: string) => addDays(at.slice(0, 10), shift);
    const flights = [this.fx.flightId, this.fx.cheapFlightId, this.roomyFlightId].filter((f) => f !== Number(item.item_id));
    const replacement: ChannelInput<'bookings.change'>['replacement'] = item.item_type === 'flight'
      ? { kind: 'flight', flightId: fresh ? (Number(item.item_id) === this.roomyFlightId ? this.fx.cheapFlightId : this.roomyFlightId) : (pickOf(flights, r[3]) ?? this.roomyFlightId) }
      : item.item_type === 'hotel'
        ? { kind: 'hotel', roomTypeId: this.fx.roomTypeId, checkIn: day(item.start_utc), checkOut: day(item.end_utc) }
        : { kind: 'car', carId: this.fx.carId, pickUp: day(item.start_utc), dropOff: day(item.end_utc) };
    // Quoted as the agent would be: the preview on the device's copy (offline) or the server's.
    const preview = await send(dev.core, dev.agent, 'bookings.changePreview', { bookingId: item.booking_id, itemId: item.id, replacement });
    await this.mutate(dev, 'bookings.change', {
      bookingId: item.booking_id, itemId: item.id, replacement, expectedDifferenceCents: preview.ok ? preview.value.differenceCents : 0,
      payment: { kind: 'card', card: GOOD_CARD },
    });
  }

  /** Items added to a booking: a seat on the roomy flight, or (not fresh) a night's stay. */
  private async addTo(dev: Device, fresh: boolean, r: R): Promise<void> {
    const item = await this.activeItem(dev, fresh, r);
    if (!item) return;
    const price = async (sql: string, params: SqlValue[]) => Number((await this.local<{ p: number }>(dev, sql, params))[0]?.p ?? 0);
    const checkIn = addDays(this.fx.checkIn, r[2] % 3);
    const stay = !fresh && r[3] % 2 === 1;
    const items: ChannelInput<'bookings.addItems'>['items'] = stay
      ? [{ kind: 'hotel', roomTypeId: this.fx.roomTypeId, checkIn, checkOut: addDays(checkIn, 1), rooms: 1, guests: 1, travellers: [leadGuest()] }]
      : [{ kind: 'flight', flightId: this.roomyFlightId, seats: 1, travellers: passengers(1, 'Added') }];
    const total = stay
      ? await price('SELECT price_cents AS p FROM hotel_inventory WHERE room_type_id = ? AND stay_date = ?', [this.fx.roomTypeId, checkIn])
      : await price('SELECT price_cents AS p FROM flights WHERE id = ?', [this.roomyFlightId]);
    await this.mutate(dev, 'bookings.addItems', { bookingId: item.booking_id, items, expectedTotalCents: total, priceTolerancePct: 50, payment: { kind: 'card', card: GOOD_CARD } });
  }

  private async watch(dev: Device, customerId: number, r: R): Promise<string | undefined> {
    const res = await this.mutate(dev, 'watches.create', r[2] % 2
      ? { customerId, target: { kind: 'route', from: 'JFK', to: 'LAX', dateFrom: this.fx.departDay, dateTo: this.fx.departDay }, condition: { kind: 'price_below', priceCents: 15000 + (r[3] % 10) * 1000 } }
      : { customerId, target: { kind: 'car', carId: this.fx.carId, dateFrom: this.fx.checkIn, dateTo: this.fx.checkOut }, condition: { kind: 'available' } });
    return res.ok ? res.value.id : undefined;
  }

  private async review(dev: Device, customerId: number, r: R): Promise<string | undefined> {
    const res = await this.mutate(dev, 'reviews.create', { targetKind: 'flight', targetId: this.fx.cheapFlightId, customerId, rating: 1 + (r[2] % 5), text: `Model review ${this.n}` });
    return res.ok ? res.value.id : undefined;
  }

  /** A booking for a customer the device knows (one made offline on it included): a flight, a held flight, a stay with a car, or a flight with a car. */
  private async book(dev: Device, fresh: boolean, r: R) {
    const fx = this.fx;
    const customerId = pickOf(await this.customers(dev), r[0]) ?? fx.customerId;
    const price = async (sql: string, params: SqlValue[]) => Number((await this.local<{ p: number }>(dev, sql, params))[0]?.p ?? 0);
    const flightPrice = (id: number) => price('SELECT price_cents AS p FROM flights WHERE id = ?', [id]);
    const checkIn = addDays(fx.checkIn, r[2] % 3);
    const carDay = () => price('SELECT price_cents AS p FROM car_availability WHERE car_id = ? AND rental_date = ?', [fx.carId, checkIn]);
    const items: ChannelInput<'bookings.create'>['items'] = [];
    let total = 0;
    const seats = fresh ? 1 : 1 + (r[3] % 2);
    // Fresh: one seat on the roomy flight, which the device's copy never shows sold out.
    switch (fresh ? 0 : r[1] % 4) {
      case 0: {
        const flightId = !fresh && r[3] % 3 ? fx.flightId : fx.cheapFlightId;
        items.push({ kind: 'flight', flightId, seats, travellers: passengers(seats) });
        total += seats * (await flightPrice(flightId));
        break;
      }
      case 1: {
        const held = (await this.local<{ hold_token: string; seats: number; price_cents: number }>(dev, "SELECT hold_token, seats, price_cents FROM flight_seat_holds WHERE status = 'active' ORDER BY id"));
        const hold = pickOf(held, r[2]);
        if (hold) {
          items.push({ kind: 'flight', holdId: hold.hold_token, travellers: passengers(hold.seats) });
          total += hold.seats * hold.price_cents;
        } else {
          items.push({ kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) });
          total += await flightPrice(fx.cheapFlightId);
        }
        break;
      }
      case 2:
        items.push({ kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn, checkOut: addDays(checkIn, 1), rooms: 1, guests: 1, travellers: [leadGuest()] });
        total += await price('SELECT price_cents AS p FROM hotel_inventory WHERE room_type_id = ? AND stay_date = ?', [fx.roomTypeId, checkIn]);
        items.push({ kind: 'car', carId: fx.carId, pickUp: checkIn, dropOff: addDays(checkIn, 1), travellers: [driver()] });
        total += await carDay();
        break;
      default:
        items.push({ kind: 'flight', flightId: fx.flightId, seats, travellers: passengers(seats) });
        total += seats * (await flightPrice(fx.flightId));
        items.push({ kind: 'car', carId: fx.carId, pickUp: checkIn, dropOff: addDays(checkIn, 1), travellers: [driver()] });
        total += await carDay();
    }
    // The first passenger (or guest, or driver) is a saved traveller of the customer when the device has one, perhaps made offline.
    const picked = pickOf(await this.local<{ id: number; given_names: string; family_name: string; date_of_birth: string }>(dev,
      'SELECT id, given_names, family_name, date_of_birth FROM customer_travellers WHERE user_id = ? AND removed = 0 ORDER BY id', [customerId]), r[3]);
    const first = items[0];
    if (picked && first && r[1] % 2 === 0) {
      first.travellers = [{ givenNames: picked.given_names, familyName: picked.family_name, dateOfBirth: picked.date_of_birth, savedTravellerId: picked.id }, ...first.travellers.slice(1)];
    }
    const saved = (await this.local<{ id: number }>(dev, 'SELECT id FROM payment_methods WHERE user_id = ? AND removed = 0 ORDER BY id', [customerId]))[0];
    const payment: ChannelInput<'bookings.create'>['payment'] = saved && r[0] % 2 ? { kind: 'saved', paymentMethodId: saved.id } : { kind: 'card', card: GOOD_CARD, save: r[0] % 3 === 0 };
    const res = await this.mutate(dev, 'bookings.create', { customerId, items, payment, expectedTotalCents: total, priceTolerancePct: 50 });
    if (res.ok) this.madeBy.set(String(res.value.id), dev.i);
    return res;
  }

  /** Both devices cut, both edit the same customer the server had from the start. */
  private async raceEdit(a: Device, b: Device, r: R): Promise<void> {
    const customerId = pickOf(this.racedOn, r[0])!;
    const ops: Array<{ d: number; opId: string }> = [];
    for (const dev of [a, b]) {
      await this.cut(dev);
      const res = await this.mutate(dev, 'customers.update', { customerId, lastName: `Raced by ${dev.i} at ${this.n}` });
      const call = this.calls.at(-1)!;
      expect(res.ok && call.queued, `step ${this.n}: the race edit on device ${dev.i} was not queued offline: ${JSON.stringify(res)}`).toBe(true);
      ops.push({ d: dev.i, opId: call.opId });
    }
    this.races.push({ customerId, ops });
  }

  private async checkCapacity(dev: Device): Promise<void> {
    const negative = await this.local(dev, 'SELECT id, seats_available FROM flights WHERE seats_available < 0');
    expect(negative, `step ${this.n}: device ${dev.i} shows negative seats`).toEqual([]);
  }

  /** Every device sends its outbox and pulls, round after round, until a round changes nothing on the server and nothing is pending. */
  async syncUntilQuiet(server: MysqlDb): Promise<void> {
    for (const dev of this.devices) {
      await dev.mysql.restore();
      await dev.mongo.restore();
    }
    const top = async () => Number((await server.get<{ id: number | null }>('SELECT MAX(id) AS id FROM change_log'))?.id ?? 0);
    const rounds: string[] = [];
    for (let round = 1; round <= 6; round++) {
      const before = await top();
      for (const dev of this.devices) await dev.core.sync!.sync();
      const pending = await Promise.all(this.devices.map(async (dev) => (await ok(dev.core, dev.agent, 'sync.status', {})).pending));
      const after = await top();
      rounds.push(`round ${round}: change_log ${before} → ${after}, pending ${pending.join('/')}, modes ${this.devices.map((d) => d.core.mode()).join('/')}`);
      if (round >= 2 && after === before && pending.every((p) => p === 0) && this.devices.every((d) => d.core.mode() === 'online')) return;
    }
    const stuck = await Promise.all(this.devices.map(async (dev) => (await this.local<OutboxRow>(dev, "SELECT op_id, kind, state, last_error FROM outbox WHERE state IN ('pending', 'applying') ORDER BY seq"))
      .map((o) => `device ${dev.i}: ${o.kind} ${o.op_id}: ${o.last_error}`).concat(dev.warnings.slice(-3).map((w) => `device ${dev.i} said ${w}`))));
    throw new Error(`the devices did not settle after 6 rounds of sync:\n${rounds.join('\n')}\n${stuck.flat().join('\n')}`);
  }

  /** Every op queued offline was applied once or kept as a conflict with a reason; nothing pending, failed or dropped. */
  async checkOutboxes(server: MysqlDb, mongo: MongoClient): Promise<void> {
    const applied = new Set((await server.all<{ op_id: string }>('SELECT op_id FROM applied_ops')).map((r) => r.op_id));
    const docs = mongo.db();
    const onServer = async (kind: string, opId: string) => {
      if (applied.has(opId)) return true;
      // Document ops may keep their answer with the document (its id is the opId) rather than in applied_ops.
      if (kind === 'reviews.create') return (await docs.collection('reviews').countDocuments({ _id: opId as never })) === 1;
      if (kind === 'watches.create') return (await docs.collection('watches').countDocuments({ _id: opId as never })) === 1;
      return false;
    };
    const outboxes = await Promise.all(this.devices.map((dev) => this.local<OutboxRow>(dev, 'SELECT op_id, kind, state, last_error, error_code, base, payload FROM outbox ORDER BY seq')));
    for (const dev of this.devices) {
      const outbox = outboxes[dev.i]!;
      const mine = new Map(this.calls.filter((c) => c.d === dev.i).map((c) => [c.opId, c]));
      for (const op of outbox) {
        const what = `device ${dev.i}: ${op.kind} ${op.op_id}`;
        expect(mine.get(op.op_id)?.ok, `${what} is in the outbox but was never answered ok`).toBe(true);
        expect(['applied', 'conflict'], `${what} left ${op.state}: ${op.last_error}`).toContain(op.state);
        if (op.state === 'applied') expect(await onServer(op.kind, op.op_id), `${what} is applied but the server has no trace of it`).toBe(true);
        else {
          expect(op.last_error, `${what} is a conflict without a reason`).toBeTruthy();
          expect(BUSINESS, `${what} conflict: ${op.error_code} ${op.last_error}`).toContain(op.error_code);
        }
      }
      // Nothing silently dropped: every call answered ok is queued, or was applied online.
      const queued = new Set(outbox.map((o) => o.op_id));
      for (const c of mine.values()) {
        if (!c.ok) continue;
        if (c.queued) expect(queued.has(c.opId), `device ${dev.i}: ${c.kind} ${c.opId} was queued and is gone from the outbox`).toBe(true);
        else expect(await onServer(c.kind, c.opId), `device ${dev.i}: ${c.kind} ${c.opId} answered ok online but the server has no trace of it`).toBe(true);
      }
    }
    if (process.env.TRIPDESK_MODEL_VERBOSE) {
      const tally = new Map<string, number>();
      const count = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1);
      for (const c of this.calls) count(`${c.kind} ${c.ok ? (c.queued ? 'queued' : 'online') : `refused ${c.code}`}`);
      for (const o of outboxes.flat()) count(`${o.kind} replay ${o.state}${o.error_code ? ` ${o.error_code}` : ''}`);
      console.log(`run ${this.run}, ${this.n} steps:\n${[...tally].sort().map(([k, n]) => `  ${k}: ${n}`).join('\n')}`);
    }
    // Every queued kind was made offline in this run.
    const kinds = new Set(outboxes.flat().map((o) => o.kind));
    expect(QUEUED.filter((k) => !kinds.has(k)), 'kinds never queued offline in this run').toEqual([]);

    // An edit based on a row version is applied at most once per version: never two edits from the same base.
    const all = outboxes.flatMap((rows, d) => rows.map((o) => ({ ...o, d })));
    const bases = new Map<string, string[]>();
    for (const op of all.filter((o) => o.state === 'applied' && o.base)) {
      const base = JSON.parse(op.base!) as { table: string; id: number; rowVersion: number };
      const key = `${base.table}:${base.id}@${base.rowVersion}`;
      bases.set(key, [...(bases.get(key) ?? []), `${op.kind} ${op.op_id} (device ${op.d})`]);
    }
    for (const [key, ops] of bases) expect(ops, `more than one change applied on top of ${key}: an overwrite`).toHaveLength(1);
    for (const race of this.races) {
      const states = race.ops.map(({ d, opId }) => all.find((o) => o.d === d && o.op_id === opId));
      const what = `race on customer ${race.customerId}: ${JSON.stringify(states.map((s) => s && [s.state, s.error_code, s.last_error]))}`;
      expect(states.every(Boolean), what).toBe(true);
      expect(states.filter((s) => s?.state === 'applied').length, what).toBeLessThanOrEqual(1);
      for (const s of states.filter((x) => x?.state !== 'applied')) expect([s?.state, s?.error_code], what).toEqual(['conflict', 'CONFLICT']);
    }
    // Before anything is discarded, a local id is only left where its op is in conflict.
    for (const dev of this.devices) {
      const conflicted = new Set(outboxes[dev.i]!.filter((o) => o.state === 'conflict').map((o) => o.op_id));
      for (const table of LOCAL_ID_TABLES) {
        const left = await this.local<{ id: number; op_id: string | null }>(dev, `SELECT t.id, m.op_id FROM ${table} t LEFT JOIN id_map m ON m.entity = ? AND m.local_id = t.id WHERE t.id < 0`, [table]);
        for (const row of left) expect(row.op_id !== null && conflicted.has(row.op_id), `device ${dev.i}: ${table} ${row.id} keeps a local id though its op (${row.op_id}) is not in conflict`).toBe(true);
      }
    }
  }

  /** The agent drops every conflict (with a reason) through the sync inbox. */
  async discardConflicts(): Promise<void> {
    for (const dev of this.devices) {
      for (const item of await ok(dev.core, dev.agent, 'sync.inbox.list', {})) {
        const res = await send(dev.core, dev.agent, 'sync.inbox.resolve', { opId: item.opId, action: 'discard', reason: 'model: dropped after the run' });
        expect(res.ok, `device ${dev.i}: discarding ${item.kind} ${item.opId} (${item.state} ${item.code}): ${JSON.stringify(res)}\n${dev.warnings.slice(-2).join('\n')}`).toBe(true);
      }
    }
  }

  async checkConverged(server: MysqlDb, mongo: MongoClient): Promise<void> {
    for (const [table, columns] of Object.entries(COMPARED)) {
      const order = KEY_OF[table] ?? 'id';
      const truth = await server.all(`SELECT ${columns} FROM ${table} ORDER BY ${order}`);
      for (const dev of this.devices) {
        expect(await this.local(dev, `SELECT ${columns} FROM ${table} ORDER BY ${order}`), `device ${dev.i}: ${table} differs from the server`).toEqual(truth);
      }
    }
    for (const dev of this.devices) {
      for (const table of LOCAL_ID_TABLES) {
        expect(await this.local(dev, `SELECT id FROM ${table} WHERE id < 0 OR provisional = 1`), `device ${dev.i}: ${table} keeps local or provisional rows`).toEqual([]);
      }
    }
    // Reviews live in MongoDB on the server and in the device's SQLite.
    const reviews = (await mongo.db().collection<{ _id: string; entity_type: string; entity_id: number; user_id: number; rating: number; body: string; reply: { text: string } | null }>('reviews')
      .find({}).sort({ _id: 1 }).toArray())
      .map((d) => ({ id: d._id, entity_type: d.entity_type, entity_id: d.entity_id, user_id: d.user_id, rating: d.rating, body: d.body, reply_text: d.reply?.text ?? null }));
    for (const dev of this.devices) {
      expect(await this.local(dev, 'SELECT id, entity_type, entity_id, user_id, rating, body, reply_text FROM reviews ORDER BY id'), `device ${dev.i}: reviews differ from the server`).toEqual(reviews);
      expect(await this.local(dev, 'SELECT id FROM reviews WHERE provisional = 1'), `device ${dev.i}: provisional reviews left`).toEqual([]);
    }
    // Capacity is never negative, and every seat is left, held or booked.
    const ledger = await server.all<{ id: number; total: number; available: number; held: number; booked: number }>(
      `SELECT f.id, f.seats_total AS total, f.seats_available AS available,
         (SELECT COALESCE(SUM(h.seats), 0) FROM flight_seat_holds h WHERE h.flight_id = f.id AND h.status = 'active') AS held,
         (SELECT COALESCE(SUM(i.quantity), 0) FROM booking_items i WHERE i.item_type = 'flight' AND i.item_id = f.id AND i.status = 'active') AS booked
       FROM flights f ORDER BY f.id`);
    for (const f of ledger) {
      expect(Number(f.available), `flight ${f.id}`).toBeGreaterThanOrEqual(0);
      expect(Number(f.available) + Number(f.held) + Number(f.booked), `flight ${f.id}: left + held + booked`).toBe(Number(f.total));
    }
    expect(await server.all('SELECT room_type_id, stay_date FROM hotel_inventory WHERE rooms_booked < 0 OR rooms_booked > rooms_total')).toEqual([]);
    expect(await server.all('SELECT car_id, rental_date FROM car_availability WHERE units_booked < 0 OR units_booked > units_total')).toEqual([]);
  }
}
