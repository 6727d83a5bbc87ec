import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/host/core';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { addServerAgent, freshCentralServer, startDeviceCore } from '../../support/cores';
import { startFaultProxy, type FaultProxy } from '../../support/faultProxy';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';

const DEVICES = 5;
const PASSWORD = 'model password';

type Action =
  | { d: number; a: 'cut' | 'restore' | 'sync' | 'restart' | 'jump' | 'customer' | 'review' }
  | { d: number; a: 'hold' | 'book'; seats: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ d: fc.nat(DEVICES - 1), a: fc.constantFrom('cut' as const, 'restore' as const, 'sync' as const, 'restart' as const, 'jump' as const, 'customer' as const, 'review' as const) }),
  fc.record({ d: fc.nat(DEVICES - 1), a: fc.constantFrom('hold' as const, 'book' as const), seats: fc.integer({ min: 1, max: 3 }) }),
);

interface Device { dir: string; core: Core; token: string; mysql: FaultProxy; mongo: FaultProxy; skew: number; cut: boolean }

/**
 * The model test: five devices on one server, each doing random work online and offline with
 * random cuts, restarts and clock jumps. At the end every op is applied exactly once or held as
 * a conflict with a reason, no flight is oversold, and every cache equals the server.
 */
describe('five devices, random work, cuts, restarts and clock jumps (fast-check model)', () => {
  let server: MysqlDb;
  let mysqlUrl: string;
  let mongoUrl: string;
  let fx: Fixture;
  let run = 0;

  beforeAll(async () => {
    ({ server, mysqlUrl, mongoUrl } = await freshCentralServer('model'));
    fx = await loadFixture({ kind: 'central', sql: server, docs: null as never, provisional: false }, { seats: 6 });
    await addServerAgent(server, 'model@tripdesk.test', 'Model Agent', PASSWORD);
  });
  afterAll(async () => server?.close());

  async function open(dev: Omit<Device, 'core' | 'token'>): Promise<Device> {
    const { core } = await startDeviceCore({ mysqlUrl, mongoUrl }, {
      dir: dev.dir, proxies: { mysql: dev.mysql, mongo: dev.mongo }, env: { TRIPDESK_SESSION_HOURS: '1000' }, now: () => Date.now() + dev.skew,
    });
    const login = await core.call('auth.login', { email: 'model@tripdesk.test', password: PASSWORD }, null);
    if (!login.ok) throw new Error(login.error.message);
    return { ...dev, core, token: (login.value as { sessionToken: string }).sessionToken };
  }

  it('every op applied once or kept as a conflict with a reason; no oversell; caches equal the server', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 10, maxLength: Number(process.env.TRIPDESK_MODEL_STEPS ?? 30) }), async (actions) => {
        run++;
        const devices: Device[] = [];
        for (let i = 0; i < DEVICES; i++) {
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), `td-model-${i}-`));
          devices.push(await open({ dir, mysql: await startFaultProxy(mysqlUrl), mongo: await startFaultProxy(mongoUrl), skew: 0, cut: false }));
        }
        try {
          let n = 0;
          for (const act of actions) {
            const dev = devices[act.d]!;
            const call = (channel: string, input: unknown) => dev.core.call(channel, input, dev.token);
            n++;
            switch (act.a) {
              case 'cut': await dev.mysql.cut(); await dev.mongo.cut(); dev.cut = true; break;
              case 'restore': await dev.mysql.restore(); await dev.mongo.restore(); dev.cut = false; break;
              case 'sync': await dev.core.sync!.sync(); break;
              case 'jump': dev.skew += 20 * 60_000; break;
              case 'restart': {
                await dev.core.close();
                devices[act.d] = await open(dev);
                break;
              }
              case 'customer': {
                const res = await call('customers.create', { email: `r${run}.s${n}.d${act.d}@model.test`, firstName: 'Model', lastName: `Customer ${n}` });
                expect(res.ok, JSON.stringify(res)).toBe(true);
                break;
              }
              case 'review': {
                const res = await call('reviews.create', { targetKind: 'flight', targetId: fx.cheapFlightId, customerId: fx.customerId, rating: 1 + (n % 5), text: `Model review ${n}` });
                expect(res.ok, JSON.stringify(res)).toBe(true);
                break;
              }
              case 'hold': {
                const res = await call('holds.create', { flightId: fx.flightId, seats: act.seats });
                if (!res.ok) expect(res.error.code).toBe('SOLD_OUT');
                break;
              }
              case 'book': {
                const res = await call('bookings.create', { customerId: fx.customerId, expectedTotalCents: act.seats * fx.flightPriceCents, items: [{ kind: 'flight', flightId: fx.flightId, seats: act.seats }], payment: { kind: 'card', card: GOOD_CARD } });
                if (!res.ok) expect(['SOLD_OUT', 'PRICE_CHANGED']).toContain(res.error.code);
                break;
              }
            }
          }
          for (const dev of devices) { await dev.mysql.restore(); await dev.mongo.restore(); }
          for (const dev of devices) await dev.core.sync!.sync();
          for (const dev of devices) await dev.core.sync!.sync();

          const applied = new Set((await server.all<{ op_id: string }>('SELECT op_id FROM applied_ops')).map((r) => r.op_id));
          for (const dev of devices) {
            const outbox = await dev.core.local.sql.all<{ op_id: string; kind: string; state: string; last_error: string | null }>('SELECT op_id, kind, state, last_error FROM outbox');
            for (const op of outbox) {
              expect(['applied', 'conflict', 'failed'], `${op.kind} ${op.op_id} left ${op.state}`).toContain(op.state);
              if (op.state !== 'applied') expect(op.last_error, `${op.kind} ${op.op_id} has no reason`).toBeTruthy();
              if (op.state === 'applied' && op.kind !== 'reviews.create') expect(applied.has(op.op_id)).toBe(true);
            }
          }
          const flight = await server.get<{ total: number; available: number }>('SELECT seats_total AS total, seats_available AS available FROM flights WHERE id = ?', [fx.flightId]);
          const held = await server.get<{ n: number }>("SELECT COALESCE(SUM(seats), 0) AS n FROM flight_seat_holds WHERE flight_id = ? AND status = 'active'", [fx.flightId]);
          const booked = await server.get<{ n: number }>("SELECT COALESCE(SUM(quantity), 0) AS n FROM booking_items WHERE item_type = 'flight' AND item_id = ? AND status = 'active'", [fx.flightId]);
          expect(Number(flight?.available)).toBeGreaterThanOrEqual(0);
          expect(Number(flight?.available) + Number(held?.n) + Number(booked?.n)).toBe(Number(flight?.total));
          const users = await server.all('SELECT id, email, row_version FROM users ORDER BY id');
          const flights = await server.all('SELECT id, seats_available, row_version FROM flights ORDER BY id');
          for (const dev of devices) {
            expect(await dev.core.local.sql.all('SELECT id, email, row_version FROM users ORDER BY id')).toEqual(users);
            expect(await dev.core.local.sql.all('SELECT id, seats_available, row_version FROM flights ORDER BY id')).toEqual(flights);
          }
        } finally {
          for (const dev of devices) {
            await dev.core.close();
            await dev.mysql.close();
            await dev.mongo.close();
            fs.rmSync(dev.dir, { recursive: true, force: true });
          }
        }
      }),
      { numRuns: Number(process.env.TRIPDESK_MODEL_RUNS ?? 3), seed: 5150, endOnFailure: true },
    );
  }, 240_000);
});
