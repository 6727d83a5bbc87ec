import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSeed, DEMO_OPERATORS, DEMO_PASSWORD, SEED_COLUMNS, SEED_TABLES, type SeedDataset, type SeedTableName,
} from '../../../tools/seed/generate';
import { loadIntoSqlite, type LoadResult } from '../../../tools/seed/loadSqlite';
import { AIRLINES, AIRPORTS, US_STATES } from '../../../tools/seed/referenceData';
import { migrateSqlite } from '../../../main/core/engine/sqlite/migrate';
import { openSqliteFile, type RawSqlite } from '../../../main/core/engine/sqlite/sqliteDb';
import { dateOfBirthProblem, TravellerDetails } from '../../../shared/contract/travellers';

const TODAY = '2026-03-02';
// Deterministic and cheap: the real scrypt hasher would make every admins row differ.
const fakeHash = (pw: string) => `test$${pw}`;

function fingerprint(seed: SeedDataset, name: SeedTableName, firstN = 300): string {
  const hash = createHash('sha256');
  let n = 0;
  for (const row of seed.table(name).rows()) {
    hash.update(JSON.stringify(row));
    if (++n >= firstN) break;
  }
  return hash.digest('hex');
}

function newDatabase(): RawSqlite {
  const db = openSqliteFile(':memory:');
  migrateSqlite(db);
  return db;
}

describe('seed generator: determinism', () => {
  it('the same seed and day give identical rows in every table', () => {
    const a = createSeed({ scale: 'demo', seed: 7, today: TODAY, hashPassword: fakeHash });
    const b = createSeed({ scale: 'demo', seed: 7, today: TODAY, hashPassword: fakeHash });
    expect(b.counts).toEqual(a.counts);
    for (const name of SEED_TABLES) expect(fingerprint(b, name), name).toBe(fingerprint(a, name));
    // And the tail of the biggest streams too, not just their first rows.
    expect(fingerprint(b, 'flights', 1e9)).toBe(fingerprint(a, 'flights', 1e9));
    expect(fingerprint(b, 'hotel_inventory', 1e9)).toBe(fingerprint(a, 'hotel_inventory', 1e9));
  });

  it('a different seed gives different data (reference tables aside)', () => {
    const a = createSeed({ scale: 'demo', seed: 1, today: TODAY, hashPassword: fakeHash });
    const b = createSeed({ scale: 'demo', seed: 2, today: TODAY, hashPassword: fakeHash });
    const fixed: SeedTableName[] = ['us_states', 'airports', 'admins'];
    for (const name of SEED_TABLES.filter((t) => !fixed.includes(t))) {
      expect(fingerprint(b, name), name).not.toBe(fingerprint(a, name));
    }
    expect(fingerprint(b, 'us_states')).toBe(fingerprint(a, 'us_states'));
  });

  it('the day moves the calendar: flights start on `today` and stock covers 365 days', () => {
    const seed = createSeed({ scale: 0.05, seed: 3, today: TODAY });
    const flights = [...seed.table('flights').rows()];
    const departures = flights.map((f) => f[5] as string).sort();
    expect(departures[0]! >= `${TODAY} 00:00:00.000`).toBe(true);
    expect(departures.at(-1)! < '2026-06-02').toBe(true); // today + 90 days, plus the UTC offset at most
    const nights = new Set([...seed.table('hotel_inventory').rows()].map((r) => r[1]));
    expect(nights.size).toBe(365);
    expect([...nights].sort()[0]).toBe(TODAY);
    expect([...nights].sort().at(-1)).toBe('2027-03-01');
  });

  it('rows match their column lists and the table counts', () => {
    const seed = createSeed({ scale: 0.05, seed: 11, today: TODAY, hashPassword: fakeHash });
    for (const t of seed.tables) {
      let n = 0;
      for (const row of t.rows()) {
        expect(row.length, t.name).toBe(SEED_COLUMNS[t.name].length);
        n++;
      }
      expect(n, t.name).toBe(t.count);
      const batched = [...t.batches(7)];
      expect(batched.every((b) => b.length <= 7)).toBe(true);
      expect(batched.reduce((sum, b) => sum + b.length, 0)).toBe(t.count);
    }
  });
});

describe('seed generator: scales', () => {
  it('bench plans at least a million flights over 90 days and 10 000 hotels × 365 nights', () => {
    const { plan, counts } = createSeed({ scale: 'bench', seed: 42, today: TODAY });
    expect(plan.flightDays).toBe(90);
    expect(counts.flights).toBeGreaterThanOrEqual(1_000_000);
    expect(counts.hotels).toBe(10_000);
    expect(counts.hotel_room_types).toBe(10_000);
    expect(counts.hotel_inventory).toBe(10_000 * 365);
    expect(counts.cars).toBe(2_000);
    expect(counts.car_availability).toBe(2_000 * 365);
    expect(counts.users).toBe(20_000);
    expect(counts.bookings).toBeLessThan(counts.users);
  });

  it('demo is ~103k flights, 200 hotels × 3 room types × 365 days, 300 cars, 500 customers, 300 bookings', () => {
    const { counts } = createSeed({ scale: 'demo', seed: 42, today: TODAY });
    expect(counts.flights).toBeGreaterThanOrEqual(103_000);
    expect(counts.flights).toBeLessThan(103_100);
    expect(counts.hotel_room_types).toBe(600);
    expect(counts.hotel_inventory).toBe(600 * 365);
    expect(counts.car_availability).toBe(300 * 365);
    expect(counts.users).toBe(500);
    expect(counts.bookings).toBe(300);
    expect(counts.reviews).toBe(1_000);
  });

  it('a number scales every demo count', () => {
    const { counts } = createSeed({ scale: 2, seed: 42, today: TODAY });
    expect(counts.hotels).toBe(400);
    expect(counts.users).toBe(1_000);
    expect(counts.bookings).toBe(600);
    expect(() => createSeed({ scale: -1 })).toThrow(/scale/);
  });
});

describe('reference data', () => {
  it('has all 50 states and DC, each with a name', () => {
    expect(US_STATES).toHaveLength(51);
    expect(new Set(US_STATES.map((s) => s.code)).size).toBe(51);
    for (const s of US_STATES) {
      expect(s.code).toMatch(/^[A-Z]{2}$/);
      expect(s.name.trim().length, s.code).toBeGreaterThan(2);
    }
    expect(US_STATES.map((s) => s.code)).toContain('DC');
  });

  it('has at least 60 airports with unique three-letter IATA codes in known states', () => {
    expect(AIRPORTS.length).toBeGreaterThanOrEqual(60);
    const codes = AIRPORTS.map((a) => a.iata);
    for (const c of codes) expect(c).toMatch(/^[A-Z]{3}$/);
    expect(new Set(codes).size).toBe(codes.length);
    const states = new Set(US_STATES.map((s) => s.code));
    for (const a of AIRPORTS) {
      expect(states.has(a.state), a.iata).toBe(true);
      expect(Math.abs(a.lat) <= 90 && Math.abs(a.lon) <= 180).toBe(true);
    }
    for (const must of ['ATL', 'LAX', 'ORD', 'DFW', 'DEN', 'JFK', 'SFO', 'SEA', 'LAS', 'MCO', 'EWR', 'CLT', 'PHX', 'IAH', 'MIA', 'BOS', 'MSP', 'FLL', 'DTW', 'PHL', 'LGA', 'BWI', 'SLC', 'SAN', 'IAD', 'DCA', 'MDW', 'TPA', 'PDX', 'HNL', 'AUS', 'BNA', 'MSY', 'ANC']) {
      expect(codes, must).toContain(must);
    }
  });

  it('airlines have unique two-character IATA designators', () => {
    const codes = AIRLINES.map((a) => a.code);
    for (const c of codes) expect(c).toMatch(/^[A-Z0-9]{2}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('demo seed loaded into SQLite (foreign keys on)', () => {
  let db: RawSqlite;
  let result: LoadResult;
  const hashed: string[] = [];
  beforeAll(() => {
    db = newDatabase();
    db.pragma('foreign_keys = ON');
    result = loadIntoSqlite(db, {
      scale: 'demo', seed: 42, today: TODAY,
      hashPassword: (pw) => { hashed.push(pw); return fakeHash(pw); },
    });
  });
  afterAll(() => db.close());

  const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

  it('loads every row the plan promised', () => {
    for (const name of SEED_TABLES) expect(count(`SELECT COUNT(*) AS n FROM ${name}`), name).toBe(result.counts[name]);
  });

  it('has referential integrity: foreign_key_check finds nothing, item ids point at real stock', () => {
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(count(`SELECT COUNT(*) AS n FROM booking_items i WHERE
      (item_type = 'flight' AND NOT EXISTS (SELECT 1 FROM flights f WHERE f.id = i.item_id)) OR
      (item_type = 'hotel' AND NOT EXISTS (SELECT 1 FROM hotel_room_types r WHERE r.id = i.item_id)) OR
      (item_type = 'car' AND NOT EXISTS (SELECT 1 FROM cars c WHERE c.id = i.item_id))`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM reviews v WHERE
      (entity_type = 'hotel' AND NOT EXISTS (SELECT 1 FROM hotels h WHERE h.id = v.entity_id)) OR
      (entity_type = 'flight' AND NOT EXISTS (SELECT 1 FROM flights f WHERE f.id = v.entity_id)) OR
      (entity_type = 'car' AND NOT EXISTS (SELECT 1 FROM cars c WHERE c.id = v.entity_id)) OR
      NOT EXISTS (SELECT 1 FROM users u WHERE u.id = v.user_id)`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM images WHERE url NOT LIKE 'https://%'`)).toBe(0);
  });

  it('keeps capacity within bounds', () => {
    expect(count('SELECT COUNT(*) AS n FROM flights WHERE seats_available < 0 OR seats_available > seats_total')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM flights WHERE seats_total NOT BETWEEN 50 AND 220')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM hotel_inventory WHERE rooms_booked < 0 OR rooms_booked > rooms_total')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM car_availability WHERE units_booked < 0 OR units_booked > units_total OR units_total NOT BETWEEN 1 AND 5')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM flights WHERE arrival_ts_utc <= departure_ts_utc OR departure_airport = arrival_airport')).toBe(0);
  });

  it('stock is net of exactly what the active booking items consume', () => {
    // Seats: total − available = seats on active flight items.
    expect(count(`SELECT COUNT(*) AS n FROM flights f WHERE f.seats_total - f.seats_available !=
      (SELECT COALESCE(SUM(quantity), 0) FROM booking_items i WHERE i.item_type = 'flight' AND i.item_id = f.id AND i.status = 'active')`)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM flights WHERE seats_available < seats_total')).toBeGreaterThan(0);
    // Rooms: each active hotel item books `quantity` rooms on each night in [start day, end day).
    expect(count(`SELECT COUNT(*) AS n FROM hotel_inventory v WHERE v.rooms_booked !=
      (SELECT COALESCE(SUM(quantity), 0) FROM booking_items i WHERE i.item_type = 'hotel' AND i.item_id = v.room_type_id
         AND i.status = 'active' AND substr(i.start_utc, 1, 10) <= v.stay_date AND v.stay_date < substr(i.end_utc, 1, 10))`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM car_availability v WHERE v.units_booked !=
      (SELECT COALESCE(SUM(quantity), 0) FROM booking_items i WHERE i.item_type = 'car' AND i.item_id = v.car_id
         AND i.status = 'active' AND substr(i.start_utc, 1, 10) <= v.rental_date AND v.rental_date < substr(i.end_utc, 1, 10))`)).toBe(0);
  });

  it('bookings add up: item totals, captured payments, refunds for cancellations', () => {
    expect(count(`SELECT COUNT(*) AS n FROM bookings b WHERE b.total_cents !=
      (SELECT SUM(total_cents) FROM booking_items i WHERE i.booking_id = b.id)`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM booking_items WHERE total_cents != unit_price_cents * quantity`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM bookings b WHERE NOT EXISTS
      (SELECT 1 FROM billing p WHERE p.booking_id = b.id AND p.transaction_status = 'captured' AND p.amount_cents = b.total_cents)`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM bookings b WHERE b.refunded_cents !=
      COALESCE((SELECT amount_cents FROM billing p WHERE p.booking_id = b.id AND p.transaction_status = 'refunded'), 0)`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM bookings b WHERE b.status = 'cancelled' AND EXISTS
      (SELECT 1 FROM booking_items i WHERE i.booking_id = b.id AND i.status != 'cancelled')`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM bookings WHERE status = 'cancelled'`)).toBeGreaterThan(0);
    expect(count(`SELECT COUNT(*) AS n FROM billing WHERE transaction_status = 'refunded'`)).toBeGreaterThan(0);
    expect(count(`SELECT COUNT(*) AS n FROM bookings WHERE booking_type = 'package'`)).toBeGreaterThan(0);
    expect(count(`SELECT COUNT(*) AS n FROM billing p JOIN bookings b ON b.id = p.booking_id WHERE p.user_id != b.user_id`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM billing p JOIN payment_methods m ON m.id = p.payment_method_id WHERE m.user_id != p.user_id OR m.removed = 1`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM bookings WHERE created_at_utc >= '${TODAY}'`)).toBe(0);
    // Every charge and refund is its own money movement, under the billing row it adds to.
    expect(count(`SELECT COUNT(*) AS n FROM billing p WHERE p.transaction_status IN ('captured', 'refunded') AND p.amount_cents !=
      (SELECT COALESCE(SUM(m.amount_cents), 0) FROM money_movements m WHERE m.billing_id = p.id
        AND m.kind = CASE p.transaction_status WHEN 'captured' THEN 'charge' ELSE 'refund' END)`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM money_movements m JOIN billing p ON p.id = m.billing_id WHERE m.booking_id != p.booking_id`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM money_movements WHERE payment_method_id IS NOT NULL AND payment_label NOT LIKE '% ending ____'`)).toBe(0);
  });

  it('every seeded booking names its travellers as bookings.create would: a passenger per seat, a lead guest, an adult driver', () => {
    expect(count(`SELECT COUNT(*) AS n FROM booking_items i WHERE i.item_type = 'flight' AND i.quantity !=
      (SELECT COUNT(*) FROM booking_travellers t WHERE t.booking_item_id = i.id AND t.traveller_role = 'passenger')`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM booking_items i WHERE i.item_type = 'hotel' AND 1 !=
      (SELECT COUNT(*) FROM booking_travellers t JOIN hotel_room_types r ON r.id = i.item_id
        WHERE t.booking_item_id = i.id AND t.traveller_role = 'lead_guest' AND t.guest_count BETWEEN 1 AND r.max_guests * i.quantity)`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM booking_items i WHERE i.item_type = 'car' AND 1 !=
      (SELECT COUNT(*) FROM booking_travellers t WHERE t.booking_item_id = i.id AND t.traveller_role = 'driver'
        AND t.date_of_birth <= date(substr(i.start_utc, 1, 10), '-21 years'))`)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM booking_travellers t JOIN booking_items i ON i.id = t.booking_item_id WHERE i.booking_id != t.booking_id')).toBe(0);
    // The names and dates pass the contract's own rules for a traveller.
    const rows = db.prepare('SELECT given_names AS givenNames, family_name AS familyName, date_of_birth AS dateOfBirth FROM booking_travellers').all() as Array<{ givenNames: string; familyName: string; dateOfBirth: string }>;
    expect(rows.length).toBeGreaterThan(300);
    for (const r of rows) {
      expect(TravellerDetails.safeParse(r).success, JSON.stringify(r)).toBe(true);
      expect(dateOfBirthProblem(r.dateOfBirth, TODAY), JSON.stringify(r)).toBeNull();
    }
  });

  it('payment methods hold tokens and last4, never card numbers', () => {
    const rows = db.prepare('SELECT gateway_token, last4, exp_month, exp_year FROM payment_methods').all() as
      Array<{ gateway_token: string; last4: string; exp_month: number; exp_year: number }>;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.gateway_token).toMatch(/^tok_[A-Za-z0-9]+$/);
      expect(r.last4).toMatch(/^\d{4}$/);
      expect(r.exp_month).toBeGreaterThanOrEqual(1);
      expect(r.exp_month).toBeLessThanOrEqual(12);
    }
  });

  it('customers have unique first.last.N@example.com emails', () => {
    const emails = (db.prepare('SELECT email FROM users').all() as Array<{ email: string }>).map((r) => r.email);
    for (const e of emails) expect(e).toMatch(/^[a-z]+\.[a-z]+\.\d+@example\.com$/);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('hotels and cars are in airport cities', () => {
    expect(count(`SELECT COUNT(*) AS n FROM hotels h WHERE NOT EXISTS
      (SELECT 1 FROM airports a WHERE a.city = h.city AND a.state_code = h.state_code)`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM cars c WHERE NOT EXISTS
      (SELECT 1 FROM airports a WHERE a.city = c.city AND a.state_code = c.state_code)`)).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM hotels WHERE star_rating NOT BETWEEN 1 AND 5')).toBe(0);
  });

  it('has the three demo operators with their roles, hashed by the function it was given', () => {
    for (const op of DEMO_OPERATORS) {
      const row = db.prepare('SELECT role, active, password_hash FROM admins WHERE email = ?').get(op.email) as
        { role: string; active: number; password_hash: string } | undefined;
      expect(row, op.email).toEqual({ role: op.role, active: 1, password_hash: fakeHash(DEMO_PASSWORD) });
    }
    expect(count(`SELECT COUNT(*) AS n FROM admins WHERE role = 'agent'`)).toBeGreaterThan(1);
    expect(hashed.length).toBe(count('SELECT COUNT(*) AS n FROM admins'));
    expect(new Set(hashed)).toEqual(new Set([DEMO_PASSWORD]));
  });
});

describe('loadIntoSqlite on a database that already has data', () => {
  it('refuses without replace, and with replace reloads the same rows', () => {
    const db = newDatabase();
    try {
      const opts = { scale: 0.05, seed: 5, today: TODAY, hashPassword: fakeHash } as const;
      const progress: string[] = [];
      loadIntoSqlite(db, opts, (p) => progress.push(p.phase));
      expect(new Set(progress)).toEqual(new Set(SEED_TABLES));
      const before = db.prepare('SELECT * FROM flights ORDER BY id').all();
      expect(() => loadIntoSqlite(db, opts)).toThrow(/already holds seed data/);
      const again = loadIntoSqlite(db, { ...opts, replace: true });
      expect(db.prepare('SELECT * FROM flights ORDER BY id').all()).toEqual(before);
      expect((db.prepare('SELECT COUNT(*) AS n FROM hotel_inventory').get() as { n: number }).n).toBe(again.counts.hotel_inventory);
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    } finally {
      db.close();
    }
  });
});
