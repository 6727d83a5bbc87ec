import { parse } from 'csv-parse/sync';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../../shared/contract';
import { seedCatalog } from '../../../support/fixture';
import { fails, MODES, ok, startTestCore, tickingClock, type CoreMode, type TestCore } from '../../../support/testCore';

const ROOM_TYPE = 211;
const SUITE = 212; // a second room type of hotel 201
const CAR = 301;

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

function describeImportSuite(mode: CoreMode): void {
  let t: TestCore;
  let supervisor: string;

  beforeAll(async () => {
    t = await startTestCore(mode, { now: tickingClock(), log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    await seedCatalog(t.db);
    await t.db.run('INSERT INTO hotel_room_types (id, hotel_id, name, max_guests, base_price_cents) VALUES (?, ?, ?, ?, ?)', [SUITE, 201, 'Suite', 4, 30000]);
    supervisor = t.tokens.supervisor;
  });
  afterAll(async () => { await t?.close(); });

  const nights = async (roomTypeId: number) => (await t.db.all<{ stay_date: string; rooms_total: number; rooms_booked: number; price_cents: number; row_version: number }>(
    'SELECT stay_date, rooms_total, rooms_booked, price_cents, row_version FROM hotel_inventory WHERE room_type_id = ? ORDER BY stay_date', [roomTypeId]))
    .map((r) => ({ date: String(r.stay_date).slice(0, 10), total: Number(r.rooms_total), booked: Number(r.rooms_booked), price: Number(r.price_cents), version: Number(r.row_version) }));

  describe('hotel rates', () => {
    beforeEach(async () => {
      await t.db.run('DELETE FROM hotel_inventory');
      // 1–3 July on sale; 2 July has 6 rooms booked.
      for (const [day, booked] of [['2026-07-01', 0], ['2026-07-02', 6], ['2026-07-03', 0]] as const) {
        await t.db.run('INSERT INTO hotel_inventory (room_type_id, stay_date, rooms_total, rooms_booked, price_cents) VALUES (?, ?, 10, ?, 15000)', [ROOM_TYPE, day, booked]);
      }
    });

    const withTwoBadLines = csv(
      'room_type_id,date,price_usd,rooms_total',
      '211,2026-07-01,189.00,12',
      '211,2026-07-02,189.5,4', //         fewer rooms than the 6 booked
      '211,2026-07-03,199,',
      '211,2026-07-04,twelve,10', //       not a price
      '211,2026-07-05,205.25,10',
    );

    it('a dry run reports each bad line with its field and reason, and changes nothing', async () => {
      const before = await nights(ROOM_TYPE);
      const report = await ok(t, supervisor, 'imports.run', { kind: 'hotelRates', csv: withTwoBadLines, dryRun: true });
      expect(report).toEqual({
        kind: 'hotelRates', dryRun: true, lines: 5, goodLines: 3, applied: false, created: 1, updated: 2, problemCount: 2,
        problems: [
          { line: 3, field: 'rooms_total', reason: '6 rooms are booked on 2026-07-02 for room type 211; 4 is fewer' },
          { line: 5, field: 'price_usd', reason: '"twelve" is not a price in dollars (such as 189.00)' },
        ],
      });
      expect(await nights(ROOM_TYPE)).toEqual(before);
    });

    it('the real run of a file with bad lines commits nothing: all or nothing', async () => {
      const before = await nights(ROOM_TYPE);
      const report = await ok(t, supervisor, 'imports.run', { kind: 'hotelRates', csv: withTwoBadLines, dryRun: false });
      expect(report).toMatchObject({ applied: false, problemCount: 2, goodLines: 3 });
      expect(await nights(ROOM_TYPE)).toEqual(before);
    });

    it('a clean file commits every line: new nights opened, prices and rooms changed, the rest untouched', async () => {
      const file = csv(
        'room_type_id,from,to,price_cents,rooms_total',
        '211,2026-07-01,2026-07-02,18900,', //   price only: rooms kept
        '211,2026-07-03,,15000,10', //           the same as now: not rewritten
        '211,2026-07-04,2026-07-05,20500,8', //  opened
      );
      const dry = await ok(t, supervisor, 'imports.run', { kind: 'hotelRates', csv: file });
      expect(dry).toMatchObject({ dryRun: true, applied: false, problemCount: 0, created: 2, updated: 2 });
      const report = await ok(t, supervisor, 'imports.run', { kind: 'hotelRates', csv: file, dryRun: false });
      expect(report).toEqual({ kind: 'hotelRates', dryRun: false, lines: 3, goodLines: 3, problems: [], problemCount: 0, applied: true, created: 2, updated: 2 });
      expect(await nights(ROOM_TYPE)).toEqual([
        { date: '2026-07-01', total: 10, booked: 0, price: 18900, version: 2 },
        { date: '2026-07-02', total: 10, booked: 6, price: 18900, version: 2 },
        { date: '2026-07-03', total: 10, booked: 0, price: 15000, version: 1 },
        { date: '2026-07-04', total: 8, booked: 0, price: 20500, version: 1 },
        { date: '2026-07-05', total: 8, booked: 0, price: 20500, version: 1 },
      ]);
      // The same file again changes nothing.
      expect(await ok(t, supervisor, 'imports.run', { kind: 'hotelRates', csv: file, dryRun: false })).toMatchObject({ applied: true, created: 0, updated: 0 });
      const audit = await ok(t, supervisor, 'audit.list', { entity: 'import' });
      expect(audit.map((a) => a.summary)).toContain('hotelRates: 3 lines imported; 2 rows created, 2 changed');
      expect(audit.map((a) => a.summary)).toContain('hotelRates: refused, 2 problem(s) on 2 of 5 lines; nothing changed');
    });

    it('a hotel id sets every room type of the hotel; a night opened without rooms, a repeated night and an unknown id are problems', async () => {
      const report = await ok(t, supervisor, 'imports.run', {
        kind: 'hotelRates', dryRun: true,
        csv: csv('hotel_id,date,price_usd,rooms_total', '201,2026-07-03,210.00,', '201,2026-07-03,220.00,5', '999,2026-07-03,1.00,1'),
      });
      expect(report.problems).toEqual([
        { line: 2, field: 'rooms_total', reason: 'room type 212 has nothing on sale on 2026-07-03 yet: give rooms_total to open it' },
        { line: 3, field: 'date', reason: 'room type 211 on 2026-07-03 is also on line 2' },
        { line: 3, field: 'date', reason: 'room type 212 on 2026-07-03 is also on line 2' },
        { line: 4, field: 'hotel_id', reason: 'no hotel 999, or it has no room types' },
      ]);
      const good = await ok(t, supervisor, 'imports.run', { kind: 'hotelRates', dryRun: false, csv: csv('hotel_id,date,price_usd,rooms_total', '201,2026-07-03,210.00,5') });
      expect(good).toMatchObject({ applied: true, created: 1, updated: 1 });
      expect((await nights(SUITE)).map((n) => [n.date, n.total, n.price])).toEqual([['2026-07-03', 5, 21000]]);
    });

    it('a wrong header is reported on line 1 and no line is read', async () => {
      const report = await ok(t, supervisor, 'imports.run', { kind: 'hotelRates', csv: csv('room,date,price_usd,price_cents', '211,2026-07-01,1.00,100') });
      expect(report).toMatchObject({ lines: 0, applied: false });
      expect(report.problems).toEqual([
        { line: 1, field: 'room_type_id or hotel_id', reason: 'the header needs one of room_type_id, hotel_id' },
        { line: 1, field: 'price_usd and price_cents', reason: 'give one of price_usd, price_cents, not both' },
        { line: 1, field: 'room', reason: 'unknown column; the columns are room_type_id, hotel_id, date, from, price_usd, price_cents, to, rooms_total' },
      ]);
    });

    it('a line with the wrong number of fields is a problem of its own; the lines around it are still checked', async () => {
      const report = await ok(t, supervisor, 'imports.run', {
        kind: 'hotelRates', csv: csv('room_type_id,date,price_usd', '211,2026-07-01,1.00', '211,2026-07-02', '211,2026-02-30,1.00'),
      });
      expect(report.problems).toEqual([
        { line: 3, field: '(line)', reason: '2 fields where the header has 3' },
        { line: 4, field: 'date', reason: '"2026-02-30" is not a date as YYYY-MM-DD (such as 2026-07-01)' },
      ]);
      expect(report).toMatchObject({ lines: 3, goodLines: 1 });
    });

    it('the report keeps the first 1,000 problems and counts them all', async () => {
      const lines = ['room_type_id,date,price_usd'];
      for (let i = 0; i < 1500; i++) lines.push(`211,2026-07-01,bad${i}`);
      const report = await ok(t, supervisor, 'imports.run', { kind: 'hotelRates', csv: csv(...lines) });
      expect(report.problems).toHaveLength(1000);
      expect(report).toMatchObject({ problemCount: 1500, lines: 1500, goodLines: 0 });
    });

    it('progress comes as push events for the import\'s opId, ending done', async () => {
      const seen: ImportProgress[] = [];
      const opId = uuidv7();
      const stop = t.core.subscribe((event, payload) => { if (event === 'imports.progress') seen.push(payload as ImportProgress); });
      try {
        await ok(t, supervisor, 'imports.run', { kind: 'hotelRates', dryRun: false, opId, csv: csv('room_type_id,date,price_cents,rooms_total', '211,2026-07-09,100,1') });
      } finally { stop(); }
      const mine = seen.filter((p) => p.opId === opId);
      expect(mine.map((p) => p.phase)).toEqual(['reading', 'checking', 'applying', 'done']);
      expect(mine.at(-1)).toEqual({ opId, phase: 'done', done: 1, total: 1 });
    });

    it('agents may not import', async () => {
      await fails(t, t.tokens.agent, 'imports.run', { kind: 'hotelRates', csv: withTwoBadLines }, 'FORBIDDEN');
    });
  });

  describe('car rates', () => {
    it('prices and units per rental day, all or nothing', async () => {
      await t.db.run('DELETE FROM car_availability');
      await t.db.run('INSERT INTO car_availability (car_id, rental_date, units_total, units_booked, price_cents) VALUES (?, ?, 3, 2, 4500)', [CAR, '2026-08-01']);
      const bad = await ok(t, supervisor, 'imports.run', { kind: 'carRates', dryRun: false, csv: csv('car_id,date,price_usd,units_total', '301,2026-08-01,49.99,1', '302,2026-08-01,49.99,1') });
      expect(bad.problems).toEqual([
        { line: 2, field: 'units_total', reason: '2 cars are booked on 2026-08-01 for car 301; 1 is fewer' },
        { line: 3, field: 'car_id', reason: 'no car 302' },
      ]);
      const good = await ok(t, supervisor, 'imports.run', { kind: 'carRates', dryRun: false, csv: csv('car_id,from,to,price_usd,units_total', '301,2026-08-01,2026-08-02,49.99,3') });
      expect(good).toMatchObject({ applied: true, created: 1, updated: 1 });
      expect(await ok(t, supervisor, 'inventory.cars.days', { carId: CAR, from: '2026-08-01', to: '2026-08-02' })).toEqual([
        { date: '2026-08-01', unitsTotal: 3, unitsBooked: 2, priceCents: 4999 },
        { date: '2026-08-02', unitsTotal: 3, unitsBooked: 0, priceCents: 4999 },
      ]);
    });
  });

  describe('flights', () => {
    const flight = (number: string) => t.db.get<{ id: number; departure_ts_utc: string; arrival_ts_utc: string; seats_total: number; seats_available: number; price_cents: number }>(
      'SELECT id, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents FROM flights WHERE flight_number = ? ORDER BY id', [number]);

    it('local times at each airport become UTC; an existing flight keeps its sold seats; impossible lines are problems', async () => {
      const header = 'flight_number,airline,from,to,departure_local,arrival_local,seats,fare_usd';
      const bad = await ok(t, supervisor, 'imports.run', {
        kind: 'flights', dryRun: true,
        csv: csv(header,
          'TD101,TripDesk Air,JFK,LAX,2026-07-01T10:00,2026-07-01T13:30,5,210.00', //  6 seats taken
          'TD900,TripDesk Air,JFK,XXX,2026-07-05T08:00,2026-07-05T11:00,50,99.00',
          'TD901,TripDesk Air,JFK,BOS,2027-03-14T02:30,2027-03-14T04:00,50,99.00', // clocks skip 02:00-03:00 in New York
          'TD902,TripDesk Air,LAX,JFK,2026-07-05T22:00,2026-07-05T06:00,50,99.00'),
      });
      expect(bad.problems).toEqual([
        { line: 2, field: 'seats', reason: '6 seats of TD101 are sold or held; 5 is fewer' },
        { line: 3, field: 'to', reason: 'no airport XXX' },
        { line: 4, field: 'departure_local', reason: '2027-03-14T02:30 does not exist at JFK (America/New_York): the clocks skip that hour' },
        { line: 5, field: 'arrival_local', reason: 'arrives (2026-07-05T10:00:00.000Z) before it leaves (2026-07-06T05:00:00.000Z), in UTC' },
      ]);

      const good = await ok(t, supervisor, 'imports.run', {
        kind: 'flights', dryRun: false,
        csv: csv(header,
          'TD101,TripDesk Air,JFK,LAX,2026-07-01T10:00,2026-07-01T13:30,8,210.00',
          'td 903,TripDesk Air,LAX,JFK,2026-07-05T22:00,2026-07-06T06:30,150,1099.00'),
      });
      expect(good).toMatchObject({ applied: true, created: 1, updated: 1 });
      expect(await flight('TD101')).toMatchObject({ id: 101, seats_total: 8, seats_available: 2, price_cents: 21000 });
      const redEye = await flight('TD903');
      expect(String(redEye?.departure_ts_utc).slice(0, 19)).toBe('2026-07-06 05:00:00');
      expect(String(redEye?.arrival_ts_utc).slice(0, 19)).toBe('2026-07-06 10:30:00');
      expect(redEye).toMatchObject({ seats_total: 150, seats_available: 150, price_cents: 109900 });
      const offer = await ok(t, t.tokens.agent, 'flights.get', { flightId: Number(redEye?.id) });
      expect(offer).toMatchObject({ departureLocal: '2026-07-05T22:00:00-07:00', arrivalLocal: '2026-07-06T06:30:00-04:00' });
    });

    it('imported flights go through deal detection like flights saved by hand: a new fare far under the route\'s is a deal', async () => {
      const header = 'flight_number,airline,from,to,departure_local,arrival_local,seats,fare_usd';
      // Five days of ORD→BOS around $300, then a sixth at $150, all new in one file.
      const lines = [1, 2, 3, 4, 5].map((d) => `TD60${d},TripDesk Air,ORD,BOS,2026-08-0${d}T07:00,2026-08-0${d}T10:10,120,${300 + d * 5}.00`);
      const imported = await ok(t, supervisor, 'imports.run', {
        kind: 'flights', dryRun: false, csv: csv(header, ...lines, 'TD606,TripDesk Air,ORD,BOS,2026-08-06T07:00,2026-08-06T10:10,120,150.00'),
      });
      expect(imported).toMatchObject({ applied: true, created: 6 });
      const cheap = await flight('TD606');
      const onRoute = (await ok(t, t.tokens.agent, 'deals.list', { kind: 'flight' })).items.filter((d) => d.key === 'route:ORD-BOS');
      expect(onRoute).toEqual([expect.objectContaining({ targetId: Number(cheap?.id), priceCents: 15_000, referenceCents: 31_500, source: 'detector', day: '2026-08-06' })]);

      // A line that changes an imported flight's fare is judged again: TD606 down to $120 is a new deal.
      await ok(t, supervisor, 'imports.run', { kind: 'flights', dryRun: false, csv: csv(header, 'TD606,TripDesk Air,ORD,BOS,2026-08-06T07:00,2026-08-06T10:10,120,120.00') });
      const after = (await ok(t, t.tokens.agent, 'deals.list', { kind: 'flight' })).items.filter((d) => d.key === 'route:ORD-BOS');
      expect(after.map((d) => d.priceCents).sort()).toEqual([12_000, 15_000]);
      expect(after.every((d) => d.targetId === Number(cheap?.id))).toBe(true);
    });
  });

  describe('exports', () => {
    beforeAll(async () => {
      const at = '2026-06-10 12:30:00.000';
      const user = await t.db.run(
        'INSERT INTO users (email, first_name, last_name, phone, state_code, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ['mallory@example.com', '=HYPERLINK("http://evil.example","click")', 'O\'Brien, Jr.', '+1 212 555 0100', 'NY', at, at]);
      await t.db.run('INSERT INTO users (email, first_name, last_name, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, ?)',
        ['later@example.com', 'Grace', 'Hopper', '2026-07-01 00:00:00.000', '2026-07-01 00:00:00.000']);
      const booking = await t.db.run(
        `INSERT INTO bookings (user_id, booking_type, status, total_cents, refunded_cents, currency, created_by_admin_id, created_at_utc, updated_at_utc, locator)
         VALUES (?, 'hotel', 'confirmed', 123456, 5, 'USD', 1, ?, ?, 'K7QM2T')`, [user.insertId, at, at]);
      await t.db.run(
        `INSERT INTO billing (booking_id, user_id, amount_cents, transaction_status, transaction_ts_utc, gateway_ref, note)
         VALUES (?, ?, 123456, 'captured', ?, 'ch_1', '@SUM(A1:A9)'), (?, ?, 5, 'refunded', ?, 'rf_1', '-2+3')`,
        [booking.insertId, user.insertId, at, booking.insertId, user.insertId, '2026-06-30 23:59:59.999']);
    });

    const rowsOf = (text: string) => parse(text, { columns: true }) as Array<Record<string, string>>;

    it('customers: RFC 4180 with CRLF, formulas defused, times UTC, only the dates asked for', async () => {
      const file = await ok(t, supervisor, 'exports.run', { kind: 'customers', from: '2026-06-01', to: '2026-06-30' });
      expect(file).toMatchObject({ fileName: 'tripdesk-customers-2026-06-01-to-2026-06-30.csv', contentType: 'text/csv', rows: 1 });
      expect(file.csv.split('\r\n')[0]).toBe('customer_id,first_name,last_name,email,phone,state,created_at_utc,updated_at_utc');
      expect(file.csv.endsWith('\r\n')).toBe(true);
      expect(file.csv).not.toMatch(/[^\r]\n/);
      const [row] = rowsOf(file.csv);
      expect(row).toMatchObject({
        first_name: '\'=HYPERLINK("http://evil.example","click")', last_name: 'O\'Brien, Jr.', phone: '\'+1 212 555 0100', created_at_utc: '2026-06-10T12:30:00.000Z',
      });
    });

    it('bookings: money as dollars and cents, the locator, the operator', async () => {
      const file = await ok(t, supervisor, 'exports.run', { kind: 'bookings', from: '2026-06-10', to: '2026-06-10' });
      expect(rowsOf(file.csv)).toEqual([expect.objectContaining({
        locator: 'K7QM2T', status: 'confirmed', type: 'hotel', customer_email: 'mallory@example.com',
        customer_name: '\'=HYPERLINK("http://evil.example","click") O\'Brien, Jr.', total_usd: '1234.56', total_cents: '123456',
        refunded_usd: '0.05', refunded_cents: '5', currency: 'USD', created_at_utc: '2026-06-10T12:30:00.000Z', created_by: 'agent@tripdesk.test',
      })]);
    });

    it('billing: every money movement row of the days, notes defused; exports are audited; agents may not export', async () => {
      const file = await ok(t, supervisor, 'exports.run', { kind: 'billing', from: '2026-06-01', to: '2026-06-30' });
      expect(rowsOf(file.csv).map((r) => [r.status, r.amount_usd, r.amount_cents, r.transaction_at_utc, r.note])).toEqual([
        ['captured', '1234.56', '123456', '2026-06-10T12:30:00.000Z', '\'@SUM(A1:A9)'],
        ['refunded', '0.05', '5', '2026-06-30T23:59:59.999Z', '\'-2+3'],
      ]);
      expect((await ok(t, supervisor, 'exports.run', { kind: 'billing', from: '2026-07-01', to: '2026-07-31' })).rows).toBe(0);
      const audit = await ok(t, supervisor, 'audit.list', { entity: 'export' });
      expect(audit.map((a) => a.summary)).toContain('billing 2026-06-01..2026-06-30 (UTC days, inclusive): 2 rows exported');
      await fails(t, t.tokens.agent, 'exports.run', { kind: 'customers', from: '2026-06-01', to: '2026-06-30' }, 'FORBIDDEN');
      await fails(t, supervisor, 'exports.run', { kind: 'customers', from: '2026-06-30', to: '2026-06-01' }, 'VALIDATION');
    });
  });
}

for (const [name, mode] of MODES) {
  describe(`imports and exports on ${name}`, () => describeImportSuite(mode));
}
