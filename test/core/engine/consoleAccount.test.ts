import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { channelNames, type ChannelInput, type ChannelName, type ChannelOutput, type Envelope } from '../../../shared/contract';
import { addDays, utcDay } from '../../../shared/time';
import { uuidv7 } from '../../../shared/uuidv7';
import { isAccessDenied } from '../../../main/core/engine/mysql/accessDenied';
import {
  CONSOLE_GRANTS, ensureConsoleAccount, MAINTENANCE_GRANTS, migrateCentralMysql, pruneCentralChangeLog, type CentralMigrationReport, type Grants,
} from '../../../main/core/engine/mysql/accounts';
import { JobLeases } from '../../../main/core/host/jobLeases';
import { migrateMysql } from '../../../main/core/engine/mysql/migrate';
import { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { rollUpBookings } from '../../../main/core/ops/analytics/rollUpBookings';
import { sweepExpiredHolds } from '../../../main/core/ops/holds/sweepExpiredHolds';
import { totpAt } from '../../../main/core/ops/auth/totp';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';
import { createMysqlDatabase, freshMongoUrl, uniqueDbName } from '../../support/servers';
import { addServerOperator, OPERATORS, PASSWORD, ROLES, send, startDeviceCore, type DeviceCore } from '../../support/testCore';
import { passengers, leadGuest, driver } from '../../support/travellers';

/** The server URL signed in as another account. */
function asAccount(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** One account's table rights on one database, as information_schema has them (admin's view). */
async function tableRights(admin: MysqlDb, db: string, user: string): Promise<Record<string, string[]>> {
  const rows = await admin.all<{ t: string; p: string }>(
    'SELECT TABLE_NAME AS t, PRIVILEGE_TYPE AS p FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ? AND TABLE_SCHEMA = ? ORDER BY t, p',
    [`'${user}'@'%'`, db]);
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.t] ??= []).push(r.p);
  return out;
}

const sorted = (g: Grants): Record<string, string[]> =>
  Object.fromEntries(Object.entries(g).map(([t, p]) => [t, [...p].sort()]).sort(([a], [b]) => String(a).localeCompare(String(b))));

/** Runs each statement on the connection; lists those that were not refused with an access-denied error. */
async function notRefused(conn: mysql.Connection, statements: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const sql of statements) {
    try {
      await conn.query(sql);
      out.push(`${sql}: ran`);
    } catch (err) {
      if (!isAccessDenied(err)) out.push(`${sql}: ${(err as { code?: string }).code ?? ''} ${(err as Error).message}`);
    }
  }
  return out;
}

describe('the console account: least privilege on the central tier (MariaDB)', () => {
  const tag = randomBytes(4).toString('hex');
  const consoleUser = `tdc_${tag}`;
  const maintenanceUser = `tdm_${tag}`;
  // A quote and a backslash in the password: the account statements must escape it.
  const consolePassword = `c-${randomBytes(8).toString('hex')}-'q\\`;
  const maintenancePassword = `m-${randomBytes(8).toString('hex')}`;
  let dbName: string;
  let adminUrl: string;
  let consoleUrl: string;
  let mongoUrl: string;
  let admin: MysqlDb;
  let fx: Fixture;
  let report: CentralMigrationReport;
  const devices: DeviceCore[] = [];
  const extraUsers: string[] = [];

  async function consoleDevice(logs?: string[], url = consoleUrl): Promise<DeviceCore> {
    const dev = await startDeviceCore({ mysqlUrl: url, mongoUrl }, logs ? { log: (level, msg, extra) => logs.push(`${level}: ${msg} ${JSON.stringify(extra ?? {})}`) } : {});
    devices.push(dev);
    return dev;
  }

  beforeAll(async () => {
    dbName = uniqueDbName('acct');
    adminUrl = await createMysqlDatabase(inject('mysqlUrl'), dbName);
    mongoUrl = freshMongoUrl(inject('mongoUrl'), dbName);
    admin = MysqlDb.fromUrl(adminUrl, 4);
    consoleUrl = asAccount(adminUrl, consoleUser, consolePassword);
    // What `npm run migrate` does with the administrator's account.
    report = await migrateCentralMysql(admin.pool, {
      console: { user: consoleUser, password: consolePassword, host: '%' },
      maintenance: { user: maintenanceUser, password: maintenancePassword, host: '%' },
    });
    // The catalog and the operators come from elsewhere (seed, admin): loaded with the admin account.
    fx = await loadFixture({ sql: admin });
    for (const role of ROLES) await addServerOperator(admin, { ...OPERATORS[role], role, password: PASSWORD });
  });
  afterAll(async () => {
    for (const d of devices) await d.close().catch(() => undefined);
    for (const u of [consoleUser, maintenanceUser, ...extraUsers]) await admin?.run('DROP USER IF EXISTS ?@?', [u, '%']).catch(() => undefined);
    await admin?.close();
  });

  it('npm run migrate (admin account) creates the console account with row rights only, table by table', async () => {
    expect(report.schema.applied.length).toBeGreaterThan(0);
    expect(report.console).toMatchObject({ account: `'${consoleUser}'@'%'`, created: true, revoked: [] });
    expect(report.maintenance).toMatchObject({ created: true, revoked: [] });
    // The shown grants carry no password hash (they are printed by npm run migrate).
    expect(report.console?.grants.join('\n')).not.toMatch(/PASSWORD/i);

    // Every table of the schema has a decision, and the account has exactly that.
    const tables = (await admin.all<{ t: string }>('SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [dbName])).map((r) => r.t).sort();
    expect(Object.keys(CONSOLE_GRANTS).sort()).toEqual(tables);
    expect(await tableRights(admin, dbName, consoleUser)).toEqual(sorted(CONSOLE_GRANTS));
    expect(await tableRights(admin, dbName, maintenanceUser)).toEqual(sorted(MAINTENANCE_GRANTS));
    // History is append-only; change_log is read-only (the triggers write it as their definer).
    expect(CONSOLE_GRANTS.applied_ops).toEqual(['SELECT', 'INSERT']);
    expect(CONSOLE_GRANTS.change_log).toEqual(['SELECT']);
    // Nothing database-wide or global.
    for (const user of [consoleUser, maintenanceUser]) {
      expect(await admin.all('SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ?', [`'${user}'@'%'`])).toEqual([]);
      expect(await admin.all('SELECT PRIVILEGE_TYPE AS p FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ?', [`'${user}'@'%'`])).toEqual([{ p: 'USAGE' }]);
    }
  });

  it('every row statement the core writes against a central table is granted (DELETE on change_log only to maintenance)', () => {
    const root = path.resolve(__dirname, '../../../main/core');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) { if (!/engine[/\\](sqlite|mongo)$/.test(p)) walk(p); } else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(root);
    const missing: string[] = [];
    const kinds: Array<[RegExp, string]> = [[/INSERT INTO (\w+)/g, 'INSERT'], [/UPDATE (\w+) SET/g, 'UPDATE'], [/DELETE FROM (\w+)/g, 'DELETE'], [/insertRow\([^,()]+, [^,()]+, '(\w+)'/g, 'INSERT'], [/(?:FROM|JOIN) (\w+)/g, 'SELECT']];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [re, priv] of kinds) {
        for (const m of text.matchAll(re)) {
          const table = m[1] ?? '';
          if (!(table in CONSOLE_GRANTS)) continue; // a device-only table (outbox, id_map…) or prose
          // The migrator and the account code run with the administrator's (or maintenance) account.
          if (file.endsWith(path.join('mysql', 'migrate.ts')) || file.endsWith(path.join('mysql', 'accounts.ts'))) continue;
          if ((CONSOLE_GRANTS[table] ?? []).includes(priv as never)) continue;
          missing.push(`${path.relative(root, file)}: ${priv} ${table}`);
        }
      }
    }
    // The one exception: the console's hourly change_log pruning, which the console account may not do.
    expect(missing).toEqual([path.join('device', 'syncRunner.ts') + ': DELETE change_log']);
  });

  it('a console signed in with the console account starts online (no DDL at start) and every channel works', async () => {
    const logs: string[] = [];
    const dev = await consoleDevice(logs);
    expect(dev.core.mode(), logs.join('\n')).toBe('online');
    const central = dev.core.central;
    if (!central) throw new Error('no central engine');
    const tokens = { agent: await dev.signIn(OPERATORS.agent.email, PASSWORD), supervisor: await dev.signIn(OPERATORS.supervisor.email, PASSWORD), admin: await dev.signIn(OPERATORS.admin.email, PASSWORD) };
    const called = new Set<string>(['auth.login']);
    const internal: string[] = [];
    async function call<C extends ChannelName>(token: string | null, channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
      called.add(channel);
      const res = await send(dev.core, token, channel, input);
      if (!res.ok && res.error.code === 'INTERNAL') internal.push(`${channel}: ${res.error.message} ${JSON.stringify(res.error.details ?? null)}`);
      return res;
    }
    async function must<C extends ChannelName>(token: string, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      const res = await call(token, channel, input);
      if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.details ?? null)}`);
      return res.value;
    }
    /** bookings.create at the server's price: a first try at a wrong total is refused (and that refusal recorded) first. */
    async function book(input: Omit<ChannelInput<'bookings.create'>, 'expectedTotalCents'>): Promise<ChannelOutput<'bookings.create'>> {
      const first = await call(tokens.agent, 'bookings.create', { ...input, expectedTotalCents: 1 });
      expect(first.ok ? 'OK' : first.error.code).toBe('PRICE_CHANGED');
      const total = first.ok ? 0 : Number((first.error.details as { newTotalCents: number }).newTotalCents);
      return must(tokens.agent, 'bookings.create', { ...input, expectedTotalCents: total });
    }
    const { agent, supervisor } = tokens;
    const today = utcDay(Date.now());

    // Who am I, reference data, search.
    expect((await must(agent, 'auth.me', {})).mode).toBe('online');
    expect((await must(agent, 'airports.list', {})).length).toBe(2);
    expect((await must(agent, 'states.list', {})).length).toBe(2);
    expect((await must(agent, 'flights.search', { from: 'JFK', to: 'LAX' })).items.length).toBe(2);
    await must(agent, 'flights.get', { flightId: fx.flightId });
    expect((await must(agent, 'hotels.search', { checkIn: fx.checkIn, checkOut: fx.checkOut })).items.length).toBe(1);
    expect((await must(agent, 'cars.search', { pickUp: fx.checkIn, dropOff: fx.checkOut })).items.length).toBe(1);

    // Customers (INSERT / UPDATE users).
    const customer = await must(agent, 'customers.create', { email: 'grace.hopper@example.com', firstName: 'Grace', lastName: 'Hopper', stateCode: 'NY' });
    await must(agent, 'customers.update', { customerId: customer.id, phone: '+1 212 555 0199' });
    await must(agent, 'customers.get', { customerId: customer.id });
    expect((await must(agent, 'customers.search', { q: 'Hopper' })).items.length).toBe(1);

    // Cards (INSERT / UPDATE payment_methods).
    const card = await must(agent, 'paymentMethods.add', { customerId: customer.id, card: GOOD_CARD });
    expect((await must(agent, 'paymentMethods.list', { customerId: customer.id })).length).toBe(1);

    // Saved travellers (INSERT / UPDATE customer_travellers); the trip's travellers INSERT booking_travellers.
    const saved = await must(agent, 'customers.travellers.save', { customerId: customer.id, givenNames: 'Grace', familyName: 'Hopper', dateOfBirth: '1986-12-09' });
    await must(agent, 'customers.travellers.save', { customerId: customer.id, travellerId: saved.id, givenNames: 'Grace Brewster', familyName: 'Hopper', dateOfBirth: '1986-12-09' });
    const extra = await must(agent, 'customers.travellers.save', { customerId: customer.id, givenNames: 'Vincent', familyName: 'Hopper', dateOfBirth: '1984-03-02' });
    await must(agent, 'customers.travellers.remove', { travellerId: extra.id });
    expect((await must(agent, 'customers.travellers.list', { customerId: customer.id })).map((s) => s.givenNames)).toEqual(['Grace Brewster']);

    // Holds (INSERT / UPDATE flight_seat_holds, UPDATE flights), then a trip on one of them.
    const hold = await must(agent, 'holds.create', { flightId: fx.flightId, seats: 2, customerId: customer.id });
    await must(agent, 'holds.extend', { holdId: hold.holdId });
    const spare = await must(agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
    await must(agent, 'holds.release', { holdId: spare.holdId });
    expect((await must(agent, 'holds.list', {})).length).toBeGreaterThan(0);
    const trip = await book({
      customerId: customer.id,
      items: [{ kind: 'flight', holdId: hold.holdId, travellers: [{ ...passengers(1)[0]!, savedTravellerId: saved.id }, ...passengers(1)] }, { kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 1, guests: 1, travellers: [leadGuest()] },
        { kind: 'car', carId: fx.carId, pickUp: fx.checkIn, dropOff: fx.checkOut, travellers: [driver()] }],
      payment: { kind: 'saved', paymentMethodId: card.id },
    });
    expect(trip.status).toBe('confirmed');
    const second = await book({ customerId: customer.id, items: [{ kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD, save: true } });
    await must(agent, 'bookings.get', { bookingId: trip.id });
    expect((await must(agent, 'bookings.search', { customerId: customer.id })).items.length).toBe(2);
    await must(agent, 'bookings.cancelPreview', { bookingId: trip.id });
    // Remarks (INSERT booking_remarks, customer_remarks) and the history an agent reads.
    await must(agent, 'bookings.addRemark', { bookingId: trip.id, text: 'Window seat if possible', shareable: true });
    await must(agent, 'customers.addRemark', { customerId: customer.id, text: 'Prefers morning flights' });
    expect((await must(agent, 'customers.remarks', { customerId: customer.id })).length).toBe(1);
    // A second record of the same person, merged into the first; then someone's data erased.
    const twin = await must(agent, 'customers.create', { email: 'g.hopper@example.com', firstName: 'Grace', lastName: 'Hopper' });
    await must(agent, 'customers.addRemark', { customerId: twin.id, text: 'Called about a refund' });
    expect((await must(supervisor, 'customers.merge', { keepId: customer.id, mergeId: twin.id })).moved.remarks).toBe(1);
    const leaving = await must(agent, 'customers.create', { email: 'leaving@example.com', firstName: 'Lea', lastName: 'Ving' });
    await must(agent, 'customers.travellers.save', { customerId: leaving.id, givenNames: 'Lea', familyName: 'Ving', dateOfBirth: '1990-01-01' });
    expect((await must(supervisor, 'customers.erase', { customerId: leaving.id, reason: 'asked by email' })).erased.travellers).toBe(1);
    expect((await must(agent, 'bookings.history', { bookingId: trip.id })).map((h) => h.kind)).toEqual(['booked', 'remark']);
    // Documents: the itinerary reads; the invoice's number (UPDATE invoice_counter, INSERT invoices), once.
    await must(agent, 'documents.itinerary', { bookingId: trip.id });
    expect((await must(agent, 'documents.invoice', { bookingId: trip.id })).fileName).toBe('invoice-INV-000001.pdf');
    expect((await must(agent, 'documents.invoice', { bookingId: trip.id })).fileName).toBe('invoice-INV-000001.pdf');
    // Trips (reads); a change and an addition (UPDATE flights, INSERT booking_items, money_movements; UPDATE billing).
    expect((await must(agent, 'trips.search', { legs: [{ from: 'JFK', to: 'LAX', date: fx.departDay }], passengers: 1, maxStops: 1 })).options.length).toBeGreaterThan(0);
    const change = { bookingId: second.id, itemId: second.items[0]?.id ?? 0, replacement: { kind: 'flight' as const, flightId: fx.flightId } };
    const quote = await must(agent, 'bookings.changePreview', change);
    await must(agent, 'bookings.change', { ...change, expectedDifferenceCents: quote.differenceCents, payment: { kind: 'saved', paymentMethodId: card.id } });
    const cheap = await must(agent, 'flights.get', { flightId: fx.cheapFlightId });
    await must(agent, 'bookings.addItems', {
      bookingId: second.id, items: [{ kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) }],
      payment: { kind: 'saved', paymentMethodId: card.id }, expectedTotalCents: cheap.priceCents,
    });
    const firstItem = trip.items[0]?.id ?? 0;
    await must(agent, 'bookings.cancel', { bookingId: trip.id, itemIds: [firstItem], reason: 'Customer changed the flight' });
    expect((await must(agent, 'bookings.cancel', { bookingId: second.id, reason: 'Customer stays home' })).status).toBe('cancelled');
    // An override waits in the Refunds queue; an admin approves it.
    const third = await book({ customerId: customer.id, items: [{ kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD } });
    await must(supervisor, 'bookings.cancel', { bookingId: third.id, reason: 'Goodwill', overrideRefundCents: 1_000 });
    const [waiting] = (await must(supervisor, 'refunds.list', {})).filter((r) => r.bookingId === third.id);
    expect((await must(tokens.admin, 'refunds.decide', { refundId: waiting?.id ?? 0, approve: true, reason: 'Agreed' })).state).toBe('approved');
    await must(agent, 'paymentMethods.remove', { paymentMethodId: card.id });

    // Inventory (UPDATE flights; UPDATE and INSERT of inventory days).
    await must(supervisor, 'inventory.flights.update', { flightId: fx.cheapFlightId, priceCents: 18_900 });
    await must(supervisor, 'inventory.hotels.days', { roomTypeId: fx.roomTypeId, from: fx.checkIn, to: fx.checkOut });
    await must(supervisor, 'inventory.hotels.setDays', { roomTypeId: fx.roomTypeId, from: addDays(today, 20), to: addDays(today, 21), priceCents: 19_000 });
    expect(await must(supervisor, 'inventory.hotels.setDays', { roomTypeId: fx.roomTypeId, from: addDays(today, 40), to: addDays(today, 41), roomsTotal: 4, priceCents: 20_000 })).toEqual({ daysChanged: 2 });
    await must(supervisor, 'inventory.cars.days', { carId: fx.carId, from: fx.checkIn, to: fx.checkOut });
    await must(supervisor, 'inventory.cars.setDays', { carId: fx.carId, from: addDays(today, 20), to: addDays(today, 20), priceCents: 5_000 });
    expect(await must(supervisor, 'inventory.cars.setDays', { carId: fx.carId, from: addDays(today, 40), to: addDays(today, 40), unitsTotal: 2, priceCents: 5_500 })).toEqual({ daysChanged: 1 });
    // Rate rules (UPDATE hotel_inventory); a hotel's own cancellation policy rides on catalog.hotels.save (UPDATE hotels).
    expect(await must(supervisor, 'rates.rules.set', { roomTypeId: fx.roomTypeId, from: addDays(today, 20), to: addDays(today, 21), minStayNights: 2, closedToDeparture: false })).toEqual({ daysChanged: 2 });

    // Back-office files: multi-row INSERT … ON DUPLICATE KEY UPDATE on inventory and flights; exports only read.
    const day = addDays(today, 50);
    expect(await must(supervisor, 'imports.run', { kind: 'hotelRates', dryRun: false, csv: `room_type_id,date,price_usd,rooms_total\n${fx.roomTypeId},${day},210.00,3\n${fx.roomTypeId},${addDays(today, 40)},199.00,\n` }))
      .toMatchObject({ applied: true, created: 1, updated: 1 });
    expect(await must(supervisor, 'imports.run', { kind: 'carRates', dryRun: false, csv: `car_id,date,price_cents,units_total\n${fx.carId},${day},5000,1\n` })).toMatchObject({ applied: true, created: 1 });
    expect(await must(supervisor, 'imports.run', {
      kind: 'flights', dryRun: false,
      csv: `flight_number,airline,from,to,departure_local,arrival_local,seats,fare_usd\nTD777,TripDesk Air,JFK,LAX,${day}T09:00,${day}T12:30,120,199.00\n`,
    })).toMatchObject({ applied: true, created: 1 });
    for (const kind of ['bookings', 'customers', 'billing'] as const) {
      expect((await must(supervisor, 'exports.run', { kind, from: addDays(today, -1), to: addDays(today, 1) })).rows, kind).toBeGreaterThan(0);
    }
    // The catalogue (INSERT / UPDATE hotels, hotel_room_types, cars, flights; a year of inventory days;
    // a schedule change: UPDATE booking_items, INSERT booking_remarks and schedule_changes).
    const hotel = await must(supervisor, 'catalog.hotels.save', { name: 'Console Inn', address: '2 Main St', city: 'Los Angeles', stateCode: 'CA', starRating: 3, amenities: ['parking'] });
    await must(supervisor, 'catalog.hotels.save', { hotelId: hotel.id, name: 'Console Inn', address: '2 Main St', city: 'Los Angeles', stateCode: 'CA', starRating: 4, cancellationPolicy: { freeCancelHours: 48, lateFeePct: 30 } });
    const room = await must(supervisor, 'catalog.roomTypes.save', { hotelId: hotel.id, name: 'Queen', beds: '1 queen', maxGuests: 2, basePriceCents: 12_000, roomsPerNight: 2 });
    await must(supervisor, 'catalog.roomTypes.save', { roomTypeId: room.id, hotelId: hotel.id, name: 'Queen', beds: '1 queen', maxGuests: 3, basePriceCents: 12_500 });
    expect((await must(agent, 'catalog.hotels.list', { q: 'console' })).map((h) => h.roomTypes.length)).toEqual([1]);
    await must(agent, 'catalog.hotels.get', { hotelId: hotel.id });
    const car = await must(supervisor, 'catalog.cars.save', { company: 'Console Cars', model: 'Civic', carClass: 'compact', seats: 5, transmission: 'automatic', pickUp: { kind: 'airport', airport: 'LAX' }, basePriceCents: 4_000 });
    await must(supervisor, 'catalog.cars.save', { carId: car.id, company: 'Console Cars', model: 'Civic', carClass: 'compact', seats: 5, transmission: 'manual', pickUp: { kind: 'airport', airport: 'LAX' }, basePriceCents: 4_200 });
    expect((await must(agent, 'catalog.cars.list', { q: 'console' })).length).toBe(1);
    await must(agent, 'catalog.cars.get', { carId: car.id });
    const flightDay = addDays(today, 30);
    const added = await must(supervisor, 'catalog.flights.save', { flightNumber: 'CX 10', airline: 'Console Air', from: 'JFK', to: 'LAX', departureLocal: `${flightDay}T09:00`, arrivalLocal: `${flightDay}T12:30`, seatsTotal: 50, priceCents: 30_000 });
    await must(agent, 'bookings.create', { customerId: customer.id, items: [{ kind: 'flight', flightId: added.flight.id, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD }, expectedTotalCents: 30_000 });
    const rescheduled = await must(supervisor, 'catalog.flights.save', { flightId: added.flight.id, flightNumber: 'CX 10', airline: 'Console Air', from: 'JFK', to: 'LAX', departureLocal: `${flightDay}T10:00`, arrivalLocal: `${flightDay}T13:30`, seatsTotal: 50, priceCents: 30_000 });
    expect(rescheduled.affectedBookings.length).toBe(1);
    expect((await must(supervisor, 'catalog.flights.list', { from: 'JFK', to: 'LAX', date: flightDay, includeInactive: true })).map((f) => f.flightNumber)).toContain('CX 10');
    const changes = await must(agent, 'catalog.scheduleChanges.list', {});
    expect(changes.length).toBe(1);
    await must(agent, 'catalog.scheduleChanges.acknowledge', { scheduleChangeId: changes[0]?.id ?? 0 });
    // Overbooking (INSERT / UPDATE overbookings; a move and a cancel through the change and cancel paths).
    await must(agent, 'bookings.create', { customerId: customer.id, items: [{ kind: 'flight', flightId: added.flight.id, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD }, expectedTotalCents: 30_000 });
    const spareFlight = await must(supervisor, 'catalog.flights.save', { flightNumber: 'CX 11', airline: 'Console Air', from: 'JFK', to: 'LAX', departureLocal: `${flightDay}T15:00`, arrivalLocal: `${flightDay}T18:30`, seatsTotal: 50, priceCents: 28_000 });
    expect((await must(supervisor, 'inventory.flights.update', { flightId: added.flight.id, seatsTotal: 0, allowOverbooking: true })).seatsAvailable).toBe(0);
    const [short] = await must(supervisor, 'overbookings.list', {});
    expect([short?.label, short?.over, short?.items.length]).toEqual(['Console Air CX 10 JFK→LAX', 2, 2]);
    const [bumped, cancelled] = short?.items ?? [];
    const [option] = (await must(supervisor, 'overbookings.moveOptions', { itemId: bumped?.itemId ?? 0 })).filter((o) => o.label.includes('CX 11'));
    expect(option?.differenceCents).toBe(-2_000);
    const resolved = await must(supervisor, 'overbookings.resolve', {
      items: [{ itemId: bumped?.itemId ?? 0, action: 'move', to: option?.to ?? { kind: 'flight', flightId: spareFlight.flight.id }, expectedDifferenceCents: -2_000 }, { itemId: cancelled?.itemId ?? 0, action: 'cancel' }],
      reason: 'Aircraft swap',
    });
    expect(resolved.outcomes.map((o) => o.ok)).toEqual([true, true]);
    expect(await must(supervisor, 'overbookings.list', {})).toEqual([]);
    const photo = await must(supervisor, 'images.add', { targetKind: 'hotel', targetId: hotel.id, url: 'https://images.example.com/inn.jpg' });
    const roomPhoto = await must(supervisor, 'images.add', { targetKind: 'hotel', targetId: hotel.id, url: 'https://images.example.com/inn-room.jpg' });
    expect((await must(supervisor, 'images.reorder', { targetKind: 'hotel', targetId: hotel.id, imageIds: [roomPhoto.id, photo.id] })).map((i) => i.id)).toEqual([roomPhoto.id, photo.id]);
    await must(supervisor, 'images.remove', { imageId: photo.id });

    // Reviews, images, watches, deals (MongoDB; their checks read MySQL).
    const review = await must(agent, 'reviews.create', { targetKind: 'flight', targetId: fx.flightId, customerId: customer.id, rating: 5, text: 'Smooth flight.' });
    await must(agent, 'reviews.reply', { reviewId: review.id, text: 'Thank you!' });
    await must(supervisor, 'reviews.moderate', { reviewId: review.id, hidden: true, reason: 'Names a crew member' });
    await must(supervisor, 'reviews.list', { targetKind: 'flight', targetId: fx.flightId, includeHidden: true });
    await must(supervisor, 'images.add', { targetKind: 'flight', targetId: fx.flightId, url: 'https://images.example.com/cabin.jpg' });
    expect((await must(agent, 'images.list', { targetKind: 'flight', targetId: fx.flightId })).length).toBe(1);
    const watch = await must(agent, 'watches.create', {
      customerId: customer.id, target: { kind: 'route', from: 'JFK', to: 'LAX', dateFrom: fx.departDay, dateTo: fx.departDay }, condition: { kind: 'price_below', priceCents: 100 },
    });
    expect((await must(agent, 'watches.list', { customerId: customer.id })).length).toBe(1);
    await must(agent, 'watches.delete', { watchId: watch.id });
    await must(agent, 'deals.list', {});

    // Messages (INSERT / UPDATE messages): no SMTP here, so each waits as failed; retried, then discarded.
    const itinerary = await must(agent, 'messages.sendItinerary', { bookingId: trip.id });
    await must(agent, 'messages.send', { bookingId: trip.id, kind: 'confirmation' });
    expect((await must(agent, 'messages.retry', { messageId: itinerary.id })).state).toBe('failed');
    expect((await must(agent, 'messages.discard', { messageId: itinerary.id, reason: 'Given on paper' })).state).toBe('discarded');
    expect((await must(agent, 'messages.list', { bookingId: trip.id })).length).toBe(2);

    // Operators (INSERT / UPDATE admins).
    const op = await must(tokens.admin, 'operators.create', { email: 'new.agent@tripdesk.test', name: 'New Agent', role: 'agent', password: 'a long enough password' });
    await must(tokens.admin, 'operators.setRole', { operatorId: op.id, role: 'supervisor' });
    await must(tokens.admin, 'operators.deactivate', { operatorId: op.id });
    expect((await must(tokens.admin, 'operators.list', {})).length).toBe(4);

    // Credentials (UPDATE admins; sessions are the console's own).
    const staff = await must(tokens.admin, 'operators.create', { email: 'creds.agent@tripdesk.test', name: 'Creds Agent', role: 'agent', password: 'a long enough password' });
    const staffToken = await dev.signIn('creds.agent@tripdesk.test', 'a long enough password');
    await must(staffToken, 'auth.changePassword', { currentPassword: 'a long enough password', newPassword: 'another long password' });
    const { secret } = await must(staffToken, 'auth.totp.enroll', {});
    const { recoveryCodes } = await must(staffToken, 'auth.totp.confirm', { code: totpAt(secret, Date.now()) });
    expect((await must(staffToken, 'auth.totp.status', {})).enabled).toBe(true);
    const halfway = await call(null, 'auth.login', { email: 'creds.agent@tripdesk.test', password: 'another long password' });
    if (!halfway.ok || halfway.value.status !== 'secondFactor') throw new Error('expected a second step');
    await call(null, 'auth.loginSecondFactor', { challenge: halfway.value.challenge, code: totpAt(secret, Date.now() + 30_000) }).then((r) => expect(r.ok).toBe(true));
    await must(staffToken, 'auth.totp.disable', { code: recoveryCodes[0] ?? '' });
    await must(tokens.admin, 'operators.resetPassword', { operatorId: staff.id, temporaryPassword: 'a temporary password' });
    const lingering = await dev.signIn(OPERATORS.supervisor.email, PASSWORD);
    const own = (await must(lingering, 'auth.sessions.list', {})).find((s) => s.current);
    await must(lingering, 'auth.sessions.revoke', { sessionId: own?.sessionId ?? '' });

    // Reports, logs, audit.
    await must(supervisor, 'analytics.summary', { from: today, to: today });
    await must(supervisor, 'logs.list', {});
    expect((await must(supervisor, 'audit.list', {})).length).toBeGreaterThan(0);
    // Jobs off here: the leases are only read (SELECT job_leases); the leader test writes them.
    expect((await must(supervisor, 'jobs.status', {})).every((j) => !j.runsHere)).toBe(true);

    // Sync: pull (change_log), a new copy, the inbox.
    await must(agent, 'sync.now', {});
    await must(agent, 'sync.status', {});
    await must(supervisor, 'sync.rehydrate', {});
    expect(await must(agent, 'sync.inbox.list', {})).toEqual([]);
    const noSuch = await call(agent, 'sync.inbox.resolve', { opId: uuidv7(), action: 'discard', reason: 'nothing there' });
    expect(noSuch.ok ? 'OK' : noSuch.error.code).toBe('NOT_FOUND');

    // The console's own jobs: the hold sweeper (UPDATE holds and flights) and the analytics rollup (reads).
    const late = await must(agent, 'holds.create', { flightId: fx.flightId, seats: 1 });
    expect(await sweepExpiredHolds(central, Date.now() + 24 * 3_600_000)).toContain(late.holdId);
    await rollUpBookings(central, Date.now());

    await must(agent, 'auth.logout', {});
    expect(internal).toEqual([]);
    expect(channelNames.filter((c) => !called.has(c))).toEqual([]);
    expect(dev.core.mode()).toBe('online');
    // Not one refusal logged by the console along the way.
    expect(logs.filter((l) => /denied/i.test(l))).toEqual([]);

    // Its writes reached change_log through the triggers (as their definer), and another console pulls them.
    const logged = await admin.all<{ table_name: string }>("SELECT DISTINCT table_name FROM change_log WHERE table_name IN ('users', 'bookings', 'booking_items', 'billing', 'flight_seat_holds', 'admins')");
    expect(logged.map((r) => r.table_name).sort()).toEqual(['admins', 'billing', 'booking_items', 'bookings', 'flight_seat_holds', 'users']);
    const other = await consoleDevice();
    const otherToken = await other.signIn(OPERATORS.agent.email, PASSWORD);
    await pullOn(other, otherToken);
    const again = await dev.signIn(OPERATORS.agent.email, PASSWORD);
    const later = await must(again, 'customers.create', { email: 'ada.byron@example.com', firstName: 'Ada', lastName: 'Byron' });
    await pullOn(other, otherToken);
    expect(await other.core.local.sql.get('SELECT email FROM users WHERE id = ?', [later.id])).toEqual({ email: 'ada.byron@example.com' });
  });

  it('the console account takes, renews, schedules and releases job leases (and a second console cannot take a live one)', async () => {
    const db = MysqlDb.fromUrl(consoleUrl, 1);
    try {
      const first = new JobLeases(db, 'desk-1#a', { ttlMs: 60_000, renewMs: 1_000 });
      const second = new JobLeases(db, 'desk-2#b', { ttlMs: 60_000, renewMs: 1_000 });
      expect((await first.renew([{ job: 'holds.sweep', firstAfterMs: 0 }])).find((l) => l.job === 'holds.sweep')).toMatchObject({ holder: 'desk-1#a', live: true, due: true });
      expect((await second.renew([{ job: 'holds.sweep', firstAfterMs: 0 }])).find((l) => l.job === 'holds.sweep')?.holder).toBe('desk-1#a');
      await first.ran('holds.sweep', 60_000);
      expect((await first.read()).find((l) => l.job === 'holds.sweep')).toMatchObject({ due: false });
      await first.release();
      expect((await second.renew([{ job: 'holds.sweep', firstAfterMs: 0 }])).find((l) => l.job === 'holds.sweep')).toMatchObject({ holder: 'desk-2#b', live: true });
    } finally {
      await db.close();
    }
  });

  /** sync.now on another device: a pull of change_log with the console account. */
  async function pullOn(dev: DeviceCore, token: string): Promise<void> {
    const res = await send(dev.core, token, 'sync.now', {});
    expect(res.ok && res.value.mode).toBe('online');
  }

  it("the console account's own connection is refused DDL, GRANT, and rewriting applied_ops and change_log", async () => {
    const conn = await mysql.createConnection({ uri: consoleUrl });
    try {
      const before = await admin.get<{ ops: number; log: number }>('SELECT (SELECT COUNT(*) FROM applied_ops) AS ops, (SELECT COUNT(*) FROM change_log) AS log');
      expect(before?.ops).toBeGreaterThan(0);
      expect(before?.log).toBeGreaterThan(0);
      // What it may do, it can: read both, add an applied op.
      await conn.query('SELECT COUNT(*) FROM applied_ops');
      await conn.query('SELECT COUNT(*) FROM change_log');
      expect(await notRefused(conn, [
        // DDL, the migrator's included
        'CREATE TABLE evil (id INT PRIMARY KEY)',
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at_utc DATETIME(3) NOT NULL)',
        'ALTER TABLE bookings ADD COLUMN evil INT NULL',
        'ALTER TABLE applied_ops DROP COLUMN result_json',
        'CREATE INDEX ix_evil ON bookings (status)',
        'DROP TABLE change_log',
        'DROP TABLE applied_ops',
        'TRUNCATE TABLE applied_ops',
        'TRUNCATE TABLE change_log',
        'RENAME TABLE applied_ops TO applied_ops_old',
        'CREATE VIEW evil_view AS SELECT 1 AS one',
        'CREATE PROCEDURE evil_proc() SELECT 1',
        `DROP DATABASE \`${dbName}\``,
        // triggers: neither new ones nor dropping the change_log ones
        'CREATE TRIGGER trg_evil BEFORE INSERT ON bookings FOR EACH ROW SET NEW.total_cents = 0',
        'DROP TRIGGER trg_bookings_i',
        // GRANT, users, global rights
        `GRANT SELECT ON \`${dbName}\`.bookings TO '${consoleUser}'@'%'`,
        `GRANT ALL PRIVILEGES ON \`${dbName}\`.* TO '${consoleUser}'@'%'`,
        `GRANT UPDATE, DELETE ON \`${dbName}\`.applied_ops TO '${maintenanceUser}'@'%'`,
        "CREATE USER 'evil'@'%' IDENTIFIED BY 'evil-password'",
        "SELECT * FROM applied_ops INTO OUTFILE '/tmp/tripdesk-evil.txt'",
        'SET GLOBAL max_connections = 1',
        'LOCK TABLES applied_ops WRITE',
        // rewriting history
        "UPDATE applied_ops SET outcome = 'rejected', result_json = '{}'",
        'DELETE FROM applied_ops',
        "REPLACE INTO applied_ops (op_id, channel, outcome, result_json, admin_id, applied_at_utc) SELECT op_id, channel, 'rejected', '{}', admin_id, applied_at_utc FROM applied_ops",
        "INSERT INTO applied_ops (op_id, channel, outcome, result_json, admin_id, applied_at_utc) SELECT op_id, channel, outcome, result_json, admin_id, applied_at_utc FROM applied_ops ON DUPLICATE KEY UPDATE outcome = 'rejected'",
        "UPDATE change_log SET op = 'D'",
        'DELETE FROM change_log',
        "DELETE FROM change_log WHERE changed_at_utc < '2000-01-01'",
        "INSERT INTO change_log (table_name, row_pk, op, changed_at_utc) VALUES ('bookings', '1', 'D', UTC_TIMESTAMP(3))",
        // reference data is read-only for it
        "UPDATE airports SET time_zone = 'UTC'",
        'DELETE FROM bookings',
      ])).toEqual([]);
      const after = await admin.get<{ ops: number; log: number }>('SELECT (SELECT COUNT(*) FROM applied_ops) AS ops, (SELECT COUNT(*) FROM change_log) AS log');
      expect(after).toEqual(before);
      expect(await admin.get("SELECT COUNT(*) AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND COLUMN_NAME = 'evil'", [dbName])).toEqual({ n: 0 });
    } finally {
      await conn.end();
    }
  });

  it("pruning change_log: refused under the console account, done by the maintenance account", async () => {
    const logs: string[] = [];
    const dev = await consoleDevice(logs);
    if (!dev.core.sync) throw new Error('no console running');
    const oldest = await admin.get<{ id: number }>('SELECT MIN(id) AS id FROM change_log');
    await admin.run("UPDATE change_log SET changed_at_utc = '2000-01-01 00:00:00.000' WHERE id <= ?", [Number(oldest?.id) + 1]);
    // The console's hourly housekeeping may not delete change_log rows: it skips, saying why (once), and deletes nothing.
    expect(await dev.core.sync.pruneChangeLog()).toBe(0);
    expect(await dev.core.sync.pruneChangeLog()).toBe(0);
    expect((await admin.get<{ n: number }>("SELECT COUNT(*) AS n FROM change_log WHERE changed_at_utc < '2001-01-01'"))?.n).toBe(2);
    const said = logs.filter((l) => /change log pruning skipped/.test(l));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^warn: .*may not delete change_log entries.*npm run migrate -- --prune-change-log/);
    const maintenance = MysqlDb.fromUrl(asAccount(adminUrl, maintenanceUser, maintenancePassword), 1);
    try {
      expect(await pruneCentralChangeLog(maintenance.pool, 30)).toBe(2);
      expect(await pruneCentralChangeLog(maintenance.pool, 30)).toBe(0);
      // It can do nothing else.
      await expect(maintenance.get('SELECT COUNT(*) FROM bookings')).rejects.toSatisfy(isAccessDenied);
      await expect(maintenance.run("UPDATE change_log SET op = 'D'")).rejects.toSatisfy(isAccessDenied);
      await expect(maintenance.run('DELETE FROM applied_ops')).rejects.toSatisfy(isAccessDenied);
    } finally {
      await maintenance.close();
    }
  });

  it('a console on a schema that is behind says to run npm run migrate, stays offline, and changes nothing', async () => {
    const behind = uniqueDbName('acctold');
    const behindUrl = await createMysqlDatabase(inject('mysqlUrl'), behind);
    const behindAdmin = MysqlDb.fromUrl(behindUrl, 2);
    try {
      await migrateCentralMysql(behindAdmin.pool, { console: { user: consoleUser, password: consolePassword, host: '%' } });
      // Pretend the newest migration is one this database has not had yet.
      const top = await behindAdmin.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations');
      // Versions need not be consecutive (a number may be taken by a change still in review).
      const below = await behindAdmin.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations WHERE version < ?', [top?.v ?? 0]);
      await behindAdmin.run('DELETE FROM schema_migrations WHERE version = ?', [top?.v ?? 0]);
      const consoleOnBehind = asAccount(behindUrl, consoleUser, consolePassword);
      const pool = MysqlDb.fromUrl(consoleOnBehind, 1);
      try {
        await expect(migrateMysql(pool.pool)).rejects.toThrow(/needs \d+, and this MySQL account may not change the schema .*npm run migrate/);
      } finally {
        await pool.close();
      }
      const logs: string[] = [];
      const dev = await consoleDevice(logs, consoleOnBehind);
      expect(dev.core.mode()).toBe('offline');
      expect(logs.join('\n')).toMatch(/npm run migrate/);
      expect(await behindAdmin.get('SELECT MAX(version) AS v FROM schema_migrations')).toEqual({ v: below?.v ?? 0 });
    } finally {
      await behindAdmin.run(`DROP DATABASE \`${behind}\``).catch(() => undefined);
      await behindAdmin.close();
    }
  });

  it('refuses to turn the administrator, or an account with global rights, into the console account', async () => {
    const me = (await admin.get<{ me: string }>('SELECT CURRENT_USER() AS me'))?.me ?? '';
    await expect(ensureConsoleAccount(admin.pool, { user: me.slice(0, me.lastIndexOf('@')), password: 'whatever-password', host: '%' })).rejects.toThrow(/account running the migration/);
    const wide = `tdg_${tag}`;
    extraUsers.push(wide);
    await admin.run("CREATE USER ?@'%' IDENTIFIED BY 'wide-password'", [wide]);
    await admin.run("GRANT PROCESS ON *.* TO ?@'%'", [wide]);
    await expect(ensureConsoleAccount(admin.pool, { user: wide, password: 'wide-password', host: '%' })).rejects.toThrow(/global privileges \(PROCESS\)/);
    await expect(ensureConsoleAccount(admin.pool, { user: "x'; DROP USER root; --", password: 'p', host: '%' })).rejects.toThrow(/user name/);
  });

  it('running migrate again sets the password again and takes back rights granted by hand', async () => {
    await admin.run(`GRANT DELETE ON \`${dbName}\`.bookings TO ?@'%'`, [consoleUser]);
    await admin.run(`GRANT UPDATE, DELETE ON \`${dbName}\`.applied_ops TO ?@'%' WITH GRANT OPTION`, [consoleUser]);
    await admin.run(`GRANT SELECT, INSERT ON \`${dbName}\`.* TO ?@'%'`, [consoleUser]);
    await admin.run(`GRANT UPDATE (op) ON \`${dbName}\`.change_log TO ?@'%'`, [consoleUser]);
    const newPassword = `n-${randomBytes(8).toString('hex')}`;
    const report = await migrateCentralMysql(admin.pool, { console: { user: consoleUser, password: newPassword, host: '%' } });
    expect(report.schema.applied).toEqual([]);
    expect(report.console?.created).toBe(false);
    expect(report.console?.revoked.sort()).toEqual([
      `INSERT ON ${dbName}.*`, `SELECT ON ${dbName}.*`, 'DELETE ON applied_ops', 'DELETE ON bookings', 'GRANT OPTION ON applied_ops', 'UPDATE (op) ON change_log', 'UPDATE ON applied_ops',
    ].sort());
    expect(await tableRights(admin, dbName, consoleUser)).toEqual(sorted(CONSOLE_GRANTS));
    expect(await admin.all('SELECT PRIVILEGE_TYPE FROM information_schema.COLUMN_PRIVILEGES WHERE GRANTEE = ?', [`'${consoleUser}'@'%'`])).toEqual([]);
    const fresh = await mysql.createConnection({ uri: asAccount(adminUrl, consoleUser, newPassword) });
    await fresh.end();
    await expect(mysql.createConnection({ uri: consoleUrl })).rejects.toSatisfy(isAccessDenied);
  });
});
