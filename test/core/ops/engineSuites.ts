/**
 * A real core for service tests, on either engine, driven only through the contract
 * (`core.call`): the same suite runs against standalone SQLite and against the central engine
 * (MariaDB + FerretDB from test/support/globalSetup.ts).
 *
 *   for (const [name, makeCore] of ENGINES) describe(name, () => describeSomething(makeCore));
 */
import type { ChannelInput, ChannelName, ChannelOutput, ContractErrorShape, Role } from '../../../shared/contract';
import type { Core } from '../../../main/core/host/core';
import { hashPassword } from '../../../main/core/ops/auth/passwords';
import type { SqlDb } from '../../../main/core/engine/sql';
import { makeCore, type EngineKind } from '../../support/cores';

export interface TestCore {
  core: Core;
  /** The SQL engine that serves calls: fixtures go in here, and checks read from here. */
  db: SqlDb;
  engine: 'standalone' | 'central';
  /** Sign in an operator with this role (made by seedOperators) and return the session token. */
  signIn(role: Role): Promise<string>;
  close(): Promise<void>;
}
export type MakeCore = () => Promise<TestCore>;

const T0 = Date.parse('2026-06-01T09:00:00.000Z');

/** Every reading moves the clock on by 10 ms, so writes made one after another get distinct times. */
function tickingClock(): () => number {
  let t = T0;
  return () => (t += 10);
}

const PASSWORD = 'correct horse battery';
let passwordHash: string | undefined;

export async function seedOperators(db: SqlDb): Promise<void> {
  passwordHash ??= hashPassword(PASSWORD);
  const at = '2026-01-01 00:00:00.000';
  for (const [id, role] of [[1, 'agent'], [2, 'supervisor'], [3, 'admin']] as const) {
    await db.run(
      'INSERT INTO admins (id, email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
      [id, `${role}@tripdesk.test`, `Test ${role}`, role, passwordHash, at, at]);
  }
}

function testCore(core: Core, db: SqlDb, engine: TestCore['engine'], cleanup: () => Promise<void>): TestCore {
  return {
    core, db, engine,
    async signIn(role) {
      const res = await core.call('auth.login', { email: `${role}@tripdesk.test`, password: PASSWORD }, null);
      if (!res.ok) throw new Error(`sign-in as ${role} failed: ${res.error.message}`);
      return (res.value as { sessionToken: string }).sessionToken;
    },
    async close() {
      await core.close();
      await cleanup();
    },
  };
}

/** Both engines come from the shared harness (test/support/cores.ts); this suite adds its own operators. */
async function serviceCore(kind: EngineKind): Promise<TestCore> {
  const t = await makeCore(kind, { now: tickingClock(), log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
  if (kind === 'central' && !t.core.central) throw new Error('the core did not start in central mode');
  await seedOperators(t.engine.sql);
  return testCore(t.core, t.engine.sql, kind === 'sqlite' ? 'standalone' : 'central', t.close);
}

export const standaloneCore: MakeCore = () => serviceCore('sqlite');
export const centralCore: MakeCore = () => serviceCore('central');

export const ENGINES: [string, MakeCore][] = [
  ['standalone (SQLite)', standaloneCore],
  ['central (MariaDB + FerretDB)', centralCore],
];

/** Calls a channel and returns its value; a contract error fails the test with its message. */
export async function ok<C extends ChannelName>(t: TestCore, token: string, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const res = await t.core.call(channel, input, token);
  if (!res.ok) throw new Error(`${channel} failed: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.details ?? null)}`);
  return res.value as ChannelOutput<C>;
}

/** Calls a channel that must fail and returns the contract error. */
export async function fails<C extends ChannelName>(t: TestCore, token: string, channel: C, input: ChannelInput<C>): Promise<ContractErrorShape> {
  const res = await t.core.call(channel, input, token);
  if (res.ok) throw new Error(`${channel} succeeded but should have failed: ${JSON.stringify(res.value)}`);
  return res.error;
}

/** States, airports, two flights, a hotel with a room type, and a rental car; inventory days are left to each test. */
export async function seedCatalog(db: SqlDb): Promise<void> {
  const at = '2026-01-01 00:00:00.000';
  for (const [code, name] of [['NY', 'New York'], ['CA', 'California'], ['MA', 'Massachusetts'], ['IL', 'Illinois']] as const) {
    await db.run('INSERT INTO us_states (code, name) VALUES (?, ?)', [code, name]);
  }
  for (const [iata, name, city, state] of [
    ['LAX', 'Los Angeles International', 'Los Angeles', 'CA'],
    ['JFK', 'John F. Kennedy International', 'New York', 'NY'],
    ['ORD', "O'Hare International", 'Chicago', 'IL'],
    ['BOS', 'Logan International', 'Boston', 'MA'],
  ] as const) {
    await db.run('INSERT INTO airports (iata, name, city, state_code) VALUES (?, ?, ?, ?)', [iata, name, city, state]);
  }
  await db.run(
    `INSERT INTO flights (id, flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [101, 'TD101', 'TripDesk Air', 'JFK', 'LAX', '2026-07-01 14:00:00.000', '2026-07-01 20:30:00.000', 10, 4, 20000, at,
      102, 'TD102', 'TripDesk Air', 'BOS', 'ORD', '2026-07-02 08:00:00.000', '2026-07-02 10:15:00.000', 100, 100, 9900, at]);
  await db.run('INSERT INTO hotels (id, name, address, city, state_code, star_rating, updated_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [201, 'Harbor View', '1 Pier St', 'New York', 'NY', 4, at]);
  await db.run('INSERT INTO hotel_room_types (id, hotel_id, name, max_guests, base_price_cents) VALUES (?, ?, ?, ?, ?)',
    [211, 201, 'Double', 2, 15000]);
  await db.run('INSERT INTO cars (id, company, model, car_class, city, state_code, seats) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [301, 'Roadway', 'Corolla', 'compact', 'Los Angeles', 'CA', 5]);
}
