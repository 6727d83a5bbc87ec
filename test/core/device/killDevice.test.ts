import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDeviceDatabase } from '../../../main/core/engine/sqlite/deviceDatabase';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../main/core/ops/auth/passwords';
import { loadIntoCentral } from '../../../tools/seed/loadCentral';
import { migrateMongo } from '../../../main/core/engine/mongo/migrate';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { addServerAgent, freshCentralServer, ok, startDeviceCore } from '../../support/testCore';
import { startFaultProxy } from '../../support/faultProxy';

const CHILD = path.join(path.dirname(new URL(import.meta.url).pathname), 'deviceProcess.ts');
const OPS = 60;

function startDevice(dataDir: string, mysqlUrl: string, mongoUrl: string): { child: ChildProcess; done: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, mysqlUrl, mongoUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const done = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(`${code ?? signal}: ${out}`)));
  return { child, done };
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

describe('a device killed mid-sync (SIGKILL) loses nothing and applies nothing twice', () => {
  let server: MysqlDb;
  let mysqlUrl: string;
  let mongoUrl: string;
  let mongo: MongoClient;
  const dirs: string[] = [];

  beforeAll(async () => {
    ({ server, mysqlUrl, mongoUrl } = await freshCentralServer('kill'));
    mongo = new MongoClient(mongoUrl);
    await mongo.connect();
    await migrateMongo(mongo.db(), { retentionDays: 30 });
    const hash = await hashPassword('field staff password');
    await loadIntoCentral(server.pool, mongo.db(), { scale: 0.05, seed: 7, hashPassword: () => hash });
  }, 180_000);
  afterAll(async () => {
    await mongo?.close();
    await server?.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('mid-hydration: the restarted device finishes the copy, with an intact database equal to the server', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-kill-h-'));
    dirs.push(dir);
    const file = path.join(dir, 'tripdesk.sqlite');
    const first = startDevice(dir, mysqlUrl, mongoUrl);
    const started = await waitFor(async () => {
      if (!fs.existsSync(file)) return false;
      try {
        const db = openDeviceDatabase(dir, undefined, { readonly: true });
        const row = db.prepare("SELECT value FROM sync_state WHERE key = 'hydrate.state'").get() as { value: string } | undefined;
        db.close();
        return row !== undefined && row.value.includes('flights');
      } catch {
        return false;
      }
    }, 60_000);
    first.child.kill('SIGKILL');
    const firstExit = await first.done;
    expect(started, firstExit).toBe(true);
    expect(firstExit.startsWith('SIGKILL'), firstExit).toBe(true);

    const second = await startDevice(dir, mysqlUrl, mongoUrl).done;
    expect(second).toContain('synced online');
    const db = openDeviceDatabase(dir, undefined, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const local = db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number };
    const bookings = db.prepare('SELECT COUNT(*) AS n FROM bookings').get() as { n: number };
    db.close();
    expect(local.n).toBe(Number((await server.get<{ n: number }>('SELECT COUNT(*) AS n FROM users'))?.n));
    expect(bookings.n).toBe(Number((await server.get<{ n: number }>('SELECT COUNT(*) AS n FROM bookings'))?.n));
  });

  it('mid-replay: after the restart every offline change is on the server exactly once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-kill-r-'));
    dirs.push(dir);
    await addServerAgent(server, 'killer@tripdesk.test', 'Kill Test', 'field staff password');
    // Work offline: the device hydrates through a proxy, the line is cut, OPS customers are entered.
    const mysqlProxy = await startFaultProxy(mysqlUrl);
    const mongoProxy = await startFaultProxy(mongoUrl);
    // The data dir outlives this core: the device process restarts on it below.
    const dev = await startDeviceCore({ mysqlUrl, mongoUrl }, { dir, proxies: { mysql: mysqlProxy, mongo: mongoProxy } });
    const device = dev.core;
    await mysqlProxy.cut();
    await mongoProxy.cut();
    const token = await dev.signIn('killer@tripdesk.test', 'field staff password');
    for (let i = 0; i < OPS; i++) await ok(device, token, 'customers.create', { email: `offline.${i}@kill.test`, firstName: 'Offline', lastName: `Customer ${i}` });
    expect(device.mode()).toBe('offline');
    await device.close();
    await mysqlProxy.close();
    await mongoProxy.close();

    const first = startDevice(dir, mysqlUrl, mongoUrl);
    const midway = await waitFor(async () => Number((await server.get<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE email LIKE '%@kill.test'"))?.n) >= 5, 60_000);
    first.child.kill('SIGKILL');
    const firstExit = await first.done;
    expect(midway, firstExit).toBe(true);
    const sentBeforeKill = Number((await server.get<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE email LIKE '%@kill.test'"))?.n);
    expect(sentBeforeKill).toBeLessThan(OPS);

    expect(await startDevice(dir, mysqlUrl, mongoUrl).done).toContain('synced online');
    const db = openDeviceDatabase(dir, undefined, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const states = db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all();
    const provisional = db.prepare('SELECT COUNT(*) AS n FROM users WHERE provisional = 1').get() as { n: number };
    db.close();
    expect(states).toEqual([{ state: 'applied', n: OPS }]);
    expect(provisional.n).toBe(0);
    const onServer = await server.all<{ email: string; n: number }>("SELECT email, COUNT(*) AS n FROM users WHERE email LIKE '%@kill.test' GROUP BY email");
    expect(onServer).toHaveLength(OPS);
    expect(onServer.every((r) => Number(r.n) === 1)).toBe(true);
    expect(Number((await server.get<{ n: number }>("SELECT COUNT(*) AS n FROM applied_ops WHERE channel = 'customers.create'"))?.n)).toBe(OPS);
  });
});
