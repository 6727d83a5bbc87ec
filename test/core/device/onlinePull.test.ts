import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import type { PullTiming } from '../../../main/core/device/syncRunner';
import { startFaultProxy, type FaultProxy } from '../../support/faultProxy';
import { addServerOperator, freshCentralServer, ok, OPERATORS, PASSWORD, startDeviceCore, type DeviceCore } from '../../support/testCore';

async function until<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Issue 19, part 6: an online console pulls others' changes every 5 s by itself (the pull is also
 * its check that the servers are there), so its copy is current when the line goes.
 */
describe('an idle online console keeps its copy current (MariaDB + FerretDB)', () => {
  let server: MysqlDb;
  let front: DeviceCore;
  let back: DeviceCore;
  let proxies: { mysql: FaultProxy; mongo: FaultProxy };
  const pulls: Array<PullTiming & { at: number }> = [];

  beforeAll(async () => {
    const central = await freshCentralServer('onlinepull');
    server = central.server;
    await addServerOperator(server, { role: 'agent', email: OPERATORS.agent.email, name: 'Alex Agent', password: PASSWORD });
    proxies = { mysql: await startFaultProxy(central.mysqlUrl), mongo: await startFaultProxy(central.mongoUrl) };
    // The back-office console sits idle with its background work on, as the app runs it.
    back = await startDeviceCore(central, { prefix: 'td-idle-', proxies, jobs: true, onPull: (p) => pulls.push({ ...p, at: performance.now() }) });
    front = await startDeviceCore(central, { prefix: 'td-front-' });
    // A new console goes online while its first download runs; the ticks under test come after it.
    await back.core.sync?.sync();
  });
  afterAll(async () => {
    await proxies?.mysql.restore();
    await proxies?.mongo.restore();
    await back?.close();
    await front?.close();
    await proxies?.mysql.close();
    await proxies?.mongo.close();
    await server?.close();
  });

  it("a customer added at the front desk is in the idle console's copy within one tick, with no call of its own", async () => {
    expect(back.core.mode()).toBe('online');
    const token = await front.signIn(OPERATORS.agent.email, PASSWORD);
    const added = performance.now();
    const grace = await ok(front.core, token, 'customers.create', { email: 'grace.hopper@example.com', firstName: 'Grace', lastName: 'Hopper' });
    const copied = await until('the idle console has Grace', () =>
      back.core.local.sql.get<{ email: string }>('SELECT email FROM users WHERE id = ?', [grace.id]), 12_000);
    expect(copied.email).toBe('grace.hopper@example.com');
    expect(performance.now() - added).toBeLessThan(11_000);
    // The pull reports itself once its reviews are in too, a moment after the row is in the copy.
    const brought = await until('the pull that brought Grace has reported', async () => {
      const done = pulls.filter((p) => p.at >= added && p.changes > 0);
      return done.length > 0 ? done : null;
    }, 5_000);
    expect(brought.length).toBeGreaterThan(0);
    expect(brought.every((p) => p.reached)).toBe(true);
  });

  it('when its MySQL line is cut, the idle console notices at its next tick and goes offline', async () => {
    await proxies.mysql.cut();
    await until('the idle console is offline', async () => (back.core.mode() === 'offline' ? true : null), 25_000);
    await proxies.mysql.restore();
    await until('the idle console is back online', async () => (back.core.mode() === 'online' ? true : null), 40_000);
  });
});
