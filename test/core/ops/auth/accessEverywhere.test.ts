import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MysqlDb } from '../../../../main/core/engine/mysql/mysqlDb';
import { OPERATOR_RECHECK_MS } from '../../../../main/core/ops/auth/sessions';
import { startFaultProxy, type FaultProxy } from '../../../support/faultProxy';
import {
  addServerOperator, fails, freshCentralServer, ok, PASSWORD, startDeviceCore, type DeviceCore, manualClock } from '../../../support/testCore';

let serial = 0;
const customer = () => {
  serial += 1;
  return { email: `walk.in.${serial}.${Date.now()}@example.com`, firstName: 'Walk', lastName: `In ${serial}` };
};

/**
 * Issue "Access that holds on every console": a deactivation or a role change made on one console
 * holds on every other console within OPERATOR_RECHECK_MS (5 s), online against MySQL and offline
 * against the device's pulled copy of admins. Two consoles on one MariaDB + FerretDB, each on a
 * clock the test moves.
 */
describe('a deactivation or a role change holds on every console within 5 s (two consoles, MariaDB + FerretDB)', () => {
  let server: MysqlDb;
  let urls: { mysqlUrl: string; mongoUrl: string };
  let mysqlProxy: FaultProxy;
  let mongoProxy: FaultProxy;
  const clockA = manualClock();
  const clockB = manualClock();
  let a: DeviceCore;
  let b: DeviceCore;
  let admin: string;
  const consoles: DeviceCore[] = [];

  const operator = (role: 'agent' | 'supervisor', who: string) =>
    addServerOperator(server, { role, email: `${who}@tripdesk.test`, name: who, password: PASSWORD });

  beforeAll(async () => {
    const central = await freshCentralServer('access');
    server = central.server;
    urls = { mysqlUrl: central.mysqlUrl, mongoUrl: central.mongoUrl };
    await addServerOperator(server, { role: 'admin', email: 'boss@tripdesk.test', name: 'Boss', password: PASSWORD });
    mysqlProxy = await startFaultProxy(urls.mysqlUrl);
    mongoProxy = await startFaultProxy(urls.mongoUrl);
    a = await startDeviceCore(urls, { now: clockA.now, prefix: 'td-console-a-' });
    // Console B reaches the servers through fault proxies, so one test can take it offline.
    b = await startDeviceCore(urls, { now: clockB.now, prefix: 'td-console-b-', proxies: { mysql: mysqlProxy, mongo: mongoProxy } });
    consoles.push(a, b);
    admin = await a.signIn('boss@tripdesk.test', PASSWORD);
  });
  afterAll(async () => {
    for (const c of consoles) await c.close();
    await mysqlProxy?.close();
    await mongoProxy?.close();
    await server?.close();
  });

  it('an agent deactivated on console A can no longer create customers on console B within 5 s', async () => {
    const agentId = await operator('agent', 'leaver');
    const agent = await b.signIn('leaver@tripdesk.test', PASSWORD);
    await ok(b, agent, 'customers.create', customer());

    await ok(a, admin, 'operators.deactivate', { operatorId: agentId });
    clockB.advance(OPERATOR_RECHECK_MS);
    const refused = customer();
    await fails(b, agent, 'customers.create', refused, 'UNAUTHENTICATED');
    await fails(b, agent, 'auth.me', {}, 'UNAUTHENTICATED');
    expect(await server.get('SELECT id FROM users WHERE email = ?', [refused.email])).toBeUndefined();
    // The session is over, not paused: reactivated on the server, the operator signs in again.
    await server.run('UPDATE admins SET active = 1 WHERE id = ?', [agentId]);
    clockB.advance(OPERATOR_RECHECK_MS);
    await fails(b, agent, 'auth.me', {}, 'UNAUTHENTICATED');
    const again = await b.signIn('leaver@tripdesk.test', PASSWORD);
    await ok(b, again, 'customers.create', customer());
  });

  it('a supervisor demoted on console A loses audit.list on console B within 5 s; an agent promoted there gains it', async () => {
    const supervisorId = await operator('supervisor', 'demoted');
    const agentId = await operator('agent', 'promoted');
    const supervisor = await b.signIn('demoted@tripdesk.test', PASSWORD);
    const agent = await b.signIn('promoted@tripdesk.test', PASSWORD);
    await ok(b, supervisor, 'audit.list', {});
    await fails(b, agent, 'audit.list', {}, 'FORBIDDEN');

    await ok(a, admin, 'operators.setRole', { operatorId: supervisorId, role: 'agent' });
    await ok(a, admin, 'operators.setRole', { operatorId: agentId, role: 'supervisor' });
    clockB.advance(OPERATOR_RECHECK_MS);
    await fails(b, supervisor, 'audit.list', {}, 'FORBIDDEN');
    expect((await ok(b, supervisor, 'auth.me', {})).user).toMatchObject({ id: supervisorId, role: 'agent' });
    // Still an agent: agent work goes on without signing in again.
    await ok(b, supervisor, 'customers.create', customer());
    await ok(b, agent, 'audit.list', {});
    expect((await ok(b, agent, 'auth.me', {})).user).toMatchObject({ id: agentId, role: 'supervisor' });
  });

  it('a busy console reads an operator from the store at most once per 5 s, however many calls and sessions', async () => {
    await operator('agent', 'busy');
    const first = await b.signIn('busy@tripdesk.test', PASSWORD);
    const second = await b.signIn('busy@tripdesk.test', PASSWORD);
    const central = b.core.central;
    expect(central).not.toBeNull();
    const get = vi.spyOn(central!.sql, 'get');
    const reads = () => get.mock.calls.filter(([sql]) => /FROM admins WHERE id/.test(sql)).length;
    try {
      // Just signed in: the sign-in's own read serves the next 5 s.
      for (let i = 0; i < 20; i++) await ok(b, i % 2 ? first : second, 'auth.me', {});
      expect(reads()).toBe(0);
      clockB.advance(OPERATOR_RECHECK_MS);
      // A burst after the 5 s: one read for all of it.
      await Promise.all(Array.from({ length: 30 }, (_, i) => ok(b, i % 2 ? first : second, 'auth.me', {})));
      expect(reads()).toBe(1);
      clockB.advance(OPERATOR_RECHECK_MS - 1);
      await ok(b, first, 'auth.me', {});
      expect(reads()).toBe(1);
      clockB.advance(1);
      await ok(b, first, 'auth.me', {});
      expect(reads()).toBe(2);
    } finally {
      get.mockRestore();
    }
  });

  it('offline, the device\'s pulled copy of admins is the store: a pulled deactivation ends the session there and refuses sign-in', async () => {
    const leaverId = await operator('agent', 'offline-leaver');
    await operator('agent', 'offline-stayer');
    const leaver = await b.signIn('offline-leaver@tripdesk.test', PASSWORD);
    const stayer = await b.signIn('offline-stayer@tripdesk.test', PASSWORD);

    await ok(a, admin, 'operators.deactivate', { operatorId: leaverId });
    await b.core.sync!.sync();
    expect(await b.core.local.sql.get('SELECT active FROM admins WHERE id = ?', [leaverId])).toEqual({ active: 0 });
    await mysqlProxy.cut();
    await mongoProxy.cut();
    try {
      clockB.advance(OPERATOR_RECHECK_MS);
      // The first call finds the servers gone; re-run offline, the device's copy refuses the leaver.
      await fails(b, leaver, 'customers.create', customer(), 'UNAUTHENTICATED');
      expect(b.core.mode()).toBe('offline');
      const queued = await ok(b, stayer, 'customers.create', customer());
      expect(queued.provisional).toBe(true);
      await fails(b, null, 'auth.login', { email: 'offline-leaver@tripdesk.test', password: PASSWORD }, 'UNAUTHENTICATED');
      await ok(b, null, 'auth.login', { email: 'offline-stayer@tripdesk.test', password: PASSWORD });
      expect(await b.core.local.sql.all("SELECT kind FROM outbox WHERE state = 'pending'")).toEqual([{ kind: 'customers.create' }]);
    } finally {
      await mysqlProxy.restore();
      await mongoProxy.restore();
    }
  });
});
