// The seeded timetable as a traveller would check it: the busy routes fly every day, local
// departure times survive the daylight-saving changes, fares follow distance and booking horizon,
// and a newcomer's first search (JFK → LAX tomorrow) on the demo console lists flights.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput, SignedIn } from '../../../shared/contract';
import { loadConfig } from '../../../main/core/config';
import { startCore } from '../../../main/core/host/core';
import { migrateSqlite } from '../../../main/core/engine/sqlite/migrate';
import { openSqliteFile } from '../../../main/core/engine/sqlite/sqliteDb';
import { createSeed, type SeedRow } from '../../../tools/seed/generate';
import { loadIntoSqlite } from '../../../tools/seed/loadSqlite';
import { AIRLINES, AIRPORTS, BUSY_ROUTES } from '../../../tools/seed/referenceData';
import { demoSeeder } from '../../../tools/seed/seedDemo';

const ZONE = new Map(AIRPORTS.map((a) => [a.iata, a.timeZone]));
const AIRLINE_NAME = new Map(AIRLINES.map((a) => [a.code, a.name]));

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock date and time at `zone` of a stored UTC instant, straight from Intl. */
function local(zone: string, utc: string): { date: string; time: string } {
  const at = new Date(`${utc.replace(' ', 'T')}Z`);
  let days = dayFormats.get(zone);
  if (!days) dayFormats.set(zone, (days = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  let clock = clockFormats.get(zone);
  if (!clock) clockFormats.set(zone, (clock = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return { date: days.format(at), time: clock.format(at) };
}

interface Flight { number: string; airline: string; from: string; to: string; departUtc: string; arriveUtc: string; priceCents: number }
const asFlight = (r: SeedRow): Flight => ({
  number: r[1] as string, airline: r[2] as string, from: r[3] as string, to: r[4] as string,
  departUtc: r[5] as string, arriveUtc: r[6] as string, priceCents: r[9] as number,
});
const flightsOf = (today: string) => [...createSeed({ scale: 'demo', seed: 42, today }).table('flights').rows()].map(asFlight);

const utcOffsetHours = (zone: string, iso: string) => {
  const at = new Date(iso);
  const wall = new Date(at.toLocaleString('en-US', { timeZone: zone }) + ' UTC');
  return Math.round((wall.getTime() - at.getTime()) / 60_000) / 60;
};

describe('airports carry their real IANA time zone', () => {
  it('every zone is one Intl knows, fits the longitude, and keeps DST except in Arizona and Hawaii', () => {
    for (const a of AIRPORTS) {
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: a.timeZone }), a.iata).not.toThrow();
      const winter = utcOffsetHours(a.timeZone, '2026-01-15T12:00:00Z');
      const summer = utcOffsetHours(a.timeZone, '2026-07-15T12:00:00Z');
      // Solar time: the zone's standard offset is within ~1.3 h of longitude / 15.
      expect(Math.abs(winter - a.lon / 15), `${a.iata} ${a.timeZone}`).toBeLessThan(1.3);
      const noDst = a.state === 'AZ' || a.state === 'HI';
      expect(summer - winter, `${a.iata} ${a.timeZone}`).toBe(noDst ? 0 : 1);
    }
    const zone = (iata: string) => ZONE.get(iata);
    expect(zone('JFK')).toBe('America/New_York');
    expect(zone('PHX')).toBe('America/Phoenix');
    expect(zone('TUS')).toBe('America/Phoenix');
    expect(zone('HNL')).toBe('Pacific/Honolulu');
    expect(zone('OGG')).toBe('Pacific/Honolulu');
    expect(zone('ANC')).toBe('America/Anchorage');
    expect(zone('IND')).toBe('America/Indiana/Indianapolis');
    expect(zone('DTW')).toBe('America/Detroit');
    expect(zone('BOI')).toBe('America/Boise');
    expect(zone('SDF')).toBe('America/Kentucky/Louisville');
    expect(zone('ELP')).toBe('America/Denver');
  });

  it('the SQLite loader stores each airport\'s zone in airports.time_zone', () => {
    const db = openSqliteFile(':memory:');
    try {
      migrateSqlite(db);
      loadIntoSqlite(db, { scale: 0.05, seed: 1, today: '2026-03-02', hashPassword: (pw) => `test$${pw}` });
      const rows = db.prepare('SELECT iata, time_zone FROM airports').all() as Array<{ iata: string; time_zone: string }>;
      expect(new Map(rows.map((r) => [r.iata, r.time_zone]))).toEqual(ZONE);
      expect(ZONE.get('PHX')).toBe('America/Phoenix');
    } finally {
      db.close();
    }
  });
});

describe('demo timetable: the busiest routes', () => {
  const TODAY = '2026-03-02';
  const flights = flightsOf(TODAY);
  const days = Array.from({ length: 90 }, (_, d) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10));

  /** 'FROM-TO' → local departure date → flights. */
  const byRouteDay = new Map<string, Map<string, number>>();
  for (const f of flights) {
    const key = `${f.from}-${f.to}`;
    const perDay = byRouteDay.get(key) ?? new Map<string, number>();
    const date = local(ZONE.get(f.from) as string, f.departUtc).date;
    perDay.set(date, (perDay.get(date) ?? 0) + 1);
    byRouteDay.set(key, perDay);
  }
  const fliesDaily = (from: string, to: string, atLeast: number) => days.every((d) => (byRouteDay.get(`${from}-${to}`)?.get(d) ?? 0) >= atLeast);

  it('JFK → LAX and back fly several times on every one of the 90 days', () => {
    expect(fliesDaily('JFK', 'LAX', 6)).toBe(true);
    expect(fliesDaily('LAX', 'JFK', 6)).toBe(true);
  });

  it('at least 50 of the busy routes fly at least 6 times a day in both directions, every day', () => {
    const daily = BUSY_ROUTES.filter((r) => fliesDaily(r.a, r.b, 6) && fliesDaily(r.b, r.a, 6));
    expect(daily.length).toBeGreaterThanOrEqual(50);
    for (const pair of ['LAX-SFO', 'LAS-LAX', 'ATL-MCO', 'LGA-ORD', 'HNL-OGG', 'DEN-PHX', 'BOS-LGA', 'DCA-LGA']) {
      expect(daily.map((r) => `${r.a}-${r.b}`), pair).toContain(pair);
    }
    // And the long tail is still there: far more routes than the busy ones.
    expect(byRouteDay.size).toBeGreaterThan(2 * BUSY_ROUTES.length + 100);
  });

  it('busy routes are flown by the carriers listed for them (JFK–LAX: Delta, American, JetBlue)', () => {
    const jfkLax = new Set(flights.filter((f) => f.from === 'JFK' && f.to === 'LAX').map((f) => f.airline));
    expect([...jfkLax].sort()).toEqual(['American Airlines', 'Delta Air Lines', 'JetBlue Airways']);
    const inter = new Set(flights.filter((f) => f.from === 'HNL' && f.to === 'OGG').map((f) => f.airline));
    for (const name of inter) expect(['Hawaiian Airlines', 'Southwest Airlines']).toContain(name);
    for (const route of BUSY_ROUTES) {
      for (const code of route.airlines) expect(AIRLINE_NAME.has(code), `${route.a}-${route.b} ${code}`).toBe(true);
    }
  });

  it('block times follow great-circle distance, westbound slower; fares grow with distance and fall with days to departure', () => {
    const minutes = (f: Flight) => (Date.parse(`${f.arriveUtc.replace(' ', 'T')}Z`) - Date.parse(`${f.departUtc.replace(' ', 'T')}Z`)) / 60_000;
    const west = flights.find((f) => f.from === 'JFK' && f.to === 'LAX') as Flight;
    const east = flights.find((f) => f.from === 'LAX' && f.to === 'JFK') as Flight;
    const shuttle = flights.find((f) => f.from === 'LGA' && f.to === 'BOS') as Flight;
    expect(minutes(west)).toBeGreaterThan(330);
    expect(minutes(west)).toBeLessThan(420);
    expect(minutes(west)).toBeGreaterThan(minutes(east));
    expect(minutes(shuttle)).toBeLessThan(100);

    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const fares = (from: string, to: string) => flights.filter((f) => f.from === from && f.to === to).map((f) => f.priceCents);
    expect(mean(fares('JFK', 'LAX'))).toBeGreaterThan(2 * mean(fares('LGA', 'BOS')));
    const early = new Set(days.slice(0, 7));
    const late = new Set(days.slice(60));
    const jfkLax = flights.filter((f) => f.from === 'JFK' && f.to === 'LAX');
    const soon = mean(jfkLax.filter((f) => early.has(local('America/New_York', f.departUtc).date)).map((f) => f.priceCents));
    const ahead = mean(jfkLax.filter((f) => late.has(local('America/New_York', f.departUtc).date)).map((f) => f.priceCents));
    expect(soon).toBeGreaterThan(ahead * 1.2);
  });
});

describe('demo timetable across the daylight-saving changes', () => {
  /** Flight number → the set of local departure times (and of UTC hours) over the 90 days. */
  function clockOf(today: string, from: string, to: string) {
    const localTimes = new Map<string, Set<string>>();
    const utcHours = new Map<string, Set<string>>();
    for (const f of flightsOf(today)) {
      if (f.from !== from || f.to !== to) continue;
      const zone = ZONE.get(from) as string;
      (localTimes.get(f.number) ?? localTimes.set(f.number, new Set()).get(f.number)!).add(local(zone, f.departUtc).time);
      (utcHours.get(f.number) ?? utcHours.set(f.number, new Set()).get(f.number)!).add(f.departUtc.slice(11, 16));
    }
    return { localTimes, utcHours };
  }

  for (const [today, change] of [['2026-02-20', '2026-03-08'], ['2026-10-10', '2026-11-01']] as const) {
    it(`a departure keeps its local time across ${change} (the UTC time moves instead); Phoenix keeps both`, () => {
      const jfk = clockOf(today, 'JFK', 'LAX');
      expect(jfk.localTimes.size).toBeGreaterThanOrEqual(6);
      for (const [number, times] of jfk.localTimes) {
        expect([...times], number).toHaveLength(1);
        expect(jfk.utcHours.get(number)?.size, number).toBe(2);
      }
      // Arizona stays on MST: its flights leave at the same UTC time on both sides of the change.
      const phx = clockOf(today, 'PHX', 'DEN');
      expect(phx.localTimes.size).toBeGreaterThanOrEqual(6);
      for (const [number, times] of phx.localTimes) {
        expect([...times], number).toHaveLength(1);
        expect(phx.utcHours.get(number)?.size, number).toBe(1);
      }
    });
  }
});

describe('demo hotels and cars in the airports’ cities', () => {
  it('every airport city has a hotel and a rental car, and none is elsewhere', () => {
    const seed = createSeed({ scale: 'demo', seed: 42, today: '2026-03-02' });
    const cities = new Set(AIRPORTS.map((a) => `${a.city}|${a.state}`));
    const hotelCities = new Set([...seed.table('hotels').rows()].map((r) => `${r[3]}|${r[4]}`));
    const carCities = new Set([...seed.table('cars').rows()].map((r) => `${r[4]}|${r[5]}`));
    expect(hotelCities).toEqual(cities);
    expect(carCities).toEqual(cities);
  });
});

describe('the demo console: a newcomer’s first search', () => {
  it('flights.search JFK → LAX tomorrow lists flights', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-first-search-'));
    const core = await startCore(loadConfig({ TRIPDESK_DATA_DIR: dir, TRIPDESK_PASSWORD_COST: 'test' }), {
      seedDemo: demoSeeder('demo'), jobs: false, log: () => undefined,
    });
    try {
      const login = await core.call('auth.login', { email: 'agent@tripdesk.test', password: 'tripdesk-demo' }, null);
      if (!login.ok) throw new Error(login.error.message);
      const token = (login.value as SignedIn).sessionToken;
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const res = await core.call('flights.search', { from: 'JFK', to: 'LAX', date: tomorrow }, token);
      if (!res.ok) throw new Error(res.error.message);
      const page = res.value as ChannelOutput<'flights.search'>;
      expect(page.items.length).toBeGreaterThanOrEqual(6);
      for (const f of page.items) {
        expect(f).toMatchObject({ from: 'JFK', to: 'LAX' });
      }
    } finally {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
