import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput, Envelope } from '../../../../shared/contract';
import { startBridge } from '../../../../main/bridge/startBridge';
import type { MysqlDb } from '../../../../main/core/engine/mysql/mysqlDb';
import { AUDIT_AFTER_ATTEMPTS, AUDIT_EVERY_MS, FREE_ATTEMPTS, MAX_DELAY_MS } from '../../../../main/core/ops/auth/signInThrottle';
import { startFaultProxy, type FaultProxy } from '../../../support/faultProxy';
import {
  addServerOperator, fails, freshCentralServer, MODES, ok, OPERATORS, PASSWORD, send, startDeviceCore, startTestCore,
  type Callable, type DeviceCore, type TestCore, manualClock, signedInAs } from '../../../support/testCore';

const WRONG = 'not the password';
const login = (c: Callable, email: string, password: string) => send(c, null, 'auth.login', { email, password });
const codeOf = (res: Envelope<unknown>) => (res.ok ? 'OK' : res.error.code);
const retryAfterOf = (res: Envelope<unknown>) => (res.ok ? null : (res.error.details as { retryAfterS?: number } | undefined)?.retryAfterS ?? null);

/**
 * Issue "Access that holds on every console", sign-in half: no lockout anyone can cause, no
 * parallel guesses that slip past the count. Wrong guesses are throttled per (email, console) with
 * growing delays (RATE_LIMITED, details.retryAfterS ≤ 60 s), counted before the password is checked.
 */
describe.each(MODES)('sign-in throttling on %s', (_name, mode) => {
  let t: TestCore;
  const clock = manualClock();
  const email = OPERATORS.agent.email;

  beforeAll(async () => {
    t = await startTestCore(mode, { now: clock.now });
  });
  afterAll(async () => {
    await t?.close();
  });
  // Each test starts on a quiet account: the streak before it is forgotten.
  afterEach(() => clock.advance(60 * 60_000));

  it('wrong passwords slow the account down with growing delays up to 60 s, never a lock; the right password works after the wait', async () => {
    for (let i = 0; i < FREE_ATTEMPTS; i++) await fails(t, null, 'auth.login', { email, password: WRONG }, 'UNAUTHENTICATED');
    // Waiting: even the right password is turned away, told how long to wait.
    const early = await fails(t, null, 'auth.login', { email, password: PASSWORD }, 'RATE_LIMITED');
    expect(early.details).toEqual({ retryAfterS: 1 });
    clock.advance(999);
    expect(retryAfterOf(await login(t, email, PASSWORD))).toBe(1);

    // Keep guessing, each time as soon as allowed: the wait doubles and stops at 60 s.
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const refused = await login(t, email, WRONG);
      expect(codeOf(refused)).toBe('RATE_LIMITED');
      const wait = retryAfterOf(refused)!;
      waits.push(wait);
      clock.advance(wait * 1000);
      await fails(t, null, 'auth.login', { email, password: WRONG }, 'UNAUTHENTICATED');
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60]);
    expect(Math.max(...waits)).toBeLessThanOrEqual(MAX_DELAY_MS / 1000);

    // 15 wrong passwords in a row, and still no lock: after the wait the right one signs in…
    clock.advance(MAX_DELAY_MS - 1);
    await fails(t, null, 'auth.login', { email, password: PASSWORD }, 'RATE_LIMITED');
    clock.advance(1);
    const signedIn = signedInAs(await ok(t, null, 'auth.login', { email, password: PASSWORD }));
    expect((await ok(t, signedIn.sessionToken, 'auth.me', {})).user.email).toBe(email);
    // …and ends the streak: the next slip is checked at once.
    await fails(t, null, 'auth.login', { email, password: WRONG }, 'UNAUTHENTICATED');
    await ok(t, null, 'auth.login', { email, password: PASSWORD });
  });

  it('40 wrong guesses sent in parallel: only the first few are checked, the rest are RATE_LIMITED', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(t, email, `${WRONG} ${i}`)));
    const codes = answers.map(codeOf);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(FREE_ATTEMPTS);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(40 - FREE_ATTEMPTS);
    for (const a of answers.filter((x) => !x.ok)) if (codeOf(a) === 'RATE_LIMITED') expect(retryAfterOf(a)).toBe(1);
    // The right password in the same burst waits too; after the wait it signs in.
    await fails(t, null, 'auth.login', { email, password: PASSWORD }, 'RATE_LIMITED');
    clock.advance(1000);
    await ok(t, null, 'auth.login', { email, password: PASSWORD });
  });

  it('the throttle is per account: guesses at one email do not slow another operator down', async () => {
    await Promise.all(Array.from({ length: 20 }, () => login(t, email, WRONG)));
    await fails(t, null, 'auth.login', { email, password: PASSWORD }, 'RATE_LIMITED');
    await ok(t, null, 'auth.login', { email: OPERATORS.supervisor.email, password: PASSWORD });
  });

  it('repeated throttling of an account is in the audit trail for supervisors (entity operator), a few entries, not one per guess', async () => {
    const id = String(OPERATORS.agent.id);
    const trail = async () => (await ok(t, t.tokens.supervisor, 'audit.list', { entity: 'operator', entityId: id }))
      .filter((e) => e.summary.includes('sign-in throttled'));
    const before = (await trail()).length;
    const guesses = await Promise.all(Array.from({ length: AUDIT_AFTER_ATTEMPTS + 50 }, () => login(t, email, WRONG)));
    expect(guesses.map(codeOf)).toContain('RATE_LIMITED');
    const entries = await trail();
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({ entity: 'operator', entityId: id, channel: 'auth.login', operatorId: null });
    expect(entries[0]!.summary).toContain(email);
    expect(entries[0]!.summary).toMatch(/\d+ failed attempts in a row/);
    // The streak goes on: one more entry after AUDIT_EVERY_MS, however many guesses meanwhile.
    for (let i = 0; i < 100; i++) await login(t, email, WRONG);
    expect(await trail()).toHaveLength(before + 1);
    clock.advance(AUDIT_EVERY_MS);
    await login(t, email, WRONG);
    await login(t, email, WRONG);
    expect(await trail()).toHaveLength(before + 2);
    // Guesses at an email no operator has leave no entry.
    await Promise.all(Array.from({ length: 40 }, () => login(t, 'nobody@tripdesk.test', WRONG)));
    const all = await ok(t, t.tokens.supervisor, 'audit.list', { entity: 'operator' });
    expect(all.filter((e) => e.summary.includes('nobody@tripdesk.test'))).toEqual([]);
  });

  it('the web bridge answers RATE_LIMITED with HTTP 429 and retryAfterS', async () => {
    const bridge = await startBridge({ core: t.core, port: 0, token: 'throttle-token' });
    try {
      const rpc = async (password: string) => {
        const res = await fetch(`${bridge.url}/rpc/auth.login`, {
          method: 'POST', headers: { authorization: 'Bearer throttle-token', 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
        return { status: res.status, body: (await res.json()) as Envelope<ChannelOutput<'auth.login'>> };
      };
      for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await rpc(WRONG)).status).toBe(401);
      const limited = await rpc(PASSWORD);
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retryAfterS: 1 } } });
      clock.advance(1000);
      expect((await rpc(PASSWORD)).status).toBe(200);
    } finally {
      await bridge.close();
    }
  });
});

describe('sign-in throttling is per console (two consoles, MariaDB + FerretDB)', () => {
  let server: MysqlDb;
  let urls: { mysqlUrl: string; mongoUrl: string };
  let mysqlProxy: FaultProxy;
  let mongoProxy: FaultProxy;
  const clockA = manualClock();
  const clockB = manualClock();
  let a: DeviceCore;
  let b: DeviceCore;
  const consoles: DeviceCore[] = [];
  const email = 'desk@tripdesk.test';

  beforeAll(async () => {
    const central = await freshCentralServer('throttle');
    server = central.server;
    urls = { mysqlUrl: central.mysqlUrl, mongoUrl: central.mongoUrl };
    await addServerOperator(server, { role: 'agent', email, name: 'Desk', password: PASSWORD });
    mysqlProxy = await startFaultProxy(urls.mysqlUrl);
    mongoProxy = await startFaultProxy(urls.mongoUrl);
    a = await startDeviceCore(urls, { now: clockA.now, prefix: 'td-console-a-' });
    b = await startDeviceCore(urls, { now: clockB.now, prefix: 'td-console-b-', proxies: { mysql: mysqlProxy, mongo: mongoProxy } });
    consoles.push(a, b);
  });
  afterAll(async () => {
    for (const c of consoles) await c.close();
    await mysqlProxy?.close();
    await mongoProxy?.close();
    await server?.close();
  });

  it('guesses on console A, one after another and in parallel, never stop the right password on console B', async () => {
    for (let i = 0; i < 20; i++) {
      await login(a, email, WRONG);
      clockA.advance(MAX_DELAY_MS);
    }
    await ok(b, null, 'auth.login', { email, password: PASSWORD });
    const burst = await Promise.all(Array.from({ length: 40 }, () => login(a, email, WRONG)));
    expect(burst.map(codeOf).filter((c) => c !== 'RATE_LIMITED')).toHaveLength(1);
    await fails(a, null, 'auth.login', { email, password: PASSWORD }, 'RATE_LIMITED');
    const onB = signedInAs(await ok(b, null, 'auth.login', { email, password: PASSWORD }));
    await ok(b, onB.sessionToken, 'customers.create', { email: `walk.in.${Date.now()}@example.com`, firstName: 'Walk', lastName: 'In' });
  });

  it('an attempt that finds the servers gone counts once: re-run offline it is judged, not turned away', async () => {
    await fails(b, null, 'auth.login', { email, password: WRONG }, 'UNAUTHENTICATED');
    await fails(b, null, 'auth.login', { email, password: WRONG }, 'UNAUTHENTICATED');
    await mysqlProxy.cut();
    await mongoProxy.cut();
    try {
      // Online this attempt reaches no server; the re-run on the device's copy is its one count.
      for (let i = 2; i < FREE_ATTEMPTS; i++) await fails(b, null, 'auth.login', { email, password: WRONG }, 'UNAUTHENTICATED');
      expect(b.core.mode()).toBe('offline');
      await fails(b, null, 'auth.login', { email, password: PASSWORD }, 'RATE_LIMITED');
      clockB.advance(1000);
      await ok(b, null, 'auth.login', { email, password: PASSWORD });
    } finally {
      await mysqlProxy.restore();
      await mongoProxy.restore();
    }
  });
});
