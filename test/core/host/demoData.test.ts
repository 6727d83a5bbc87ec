import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/contract';
import { loadConfig } from '../../../main/core/config';
import { startCore, type Core } from '../../../main/core/host/core';
import { demoSeeder } from '../../../tools/seed/seedDemo';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-first-start-'));
  dirs.push(d);
  return d;
}
const config = (dir: string) => loadConfig({ TRIPDESK_DATA_DIR: dir, TRIPDESK_PASSWORD_COST: 'test' });
const count = async (core: Core, table: string) => (await core.local.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0;

describe('first standalone start: the demo data loads while the console already answers', () => {
  it('tells its progress per phase, ends with "Demo data ready in N s", and a sign-in sent meanwhile waits and succeeds', async () => {
    const lines: string[] = [];
    const statuses: SyncStatus[] = [];
    const core = await startCore(config(dataDir()), {
      seedDemo: demoSeeder(0.05), demoInBackground: true, jobs: false,
      log: (_level, msg) => lines.push(msg),
    });
    try {
      core.subscribe((event, payload) => { if (event === 'sync.status') statuses.push(payload as SyncStatus); });
      // Sent at once: without waiting for the load, the demo agent would not exist yet.
      const signIn = await core.call('auth.login', { email: 'agent@tripdesk.test', password: 'tripdesk-demo' }, null);
      expect(signIn.ok).toBe(true);
      expect(lines).toContain('first standalone start: loading demo data');
      const ready = lines.findIndex((l) => /^Demo data ready in \d+(\.\d)? s$/.test(l));
      expect(ready).toBeGreaterThan(0);
      const flights = await count(core, 'flights');
      expect(flights).toBeGreaterThan(0);
      // One line per phase at this size, each with its count, all before "ready".
      const phaseLines = lines.filter((l) => l.startsWith('Loading demo data: '));
      expect(phaseLines.filter((l) => l.startsWith('Loading demo data: flights '))).toEqual([`Loading demo data: flights ${flights}/${flights}`]);
      expect(phaseLines).toContain(`Loading demo data: admins ${await count(core, 'admins')}/${await count(core, 'admins')}`);
      expect(lines.lastIndexOf(phaseLines.at(-1) ?? '')).toBeLessThan(ready);
      // The window heard it: standalone statuses with progress, then one without (ready).
      const loading = statuses.filter((s) => s.progress !== null);
      expect(loading.length).toBeGreaterThan(5);
      expect(loading.every((s) => s.mode === 'standalone')).toBe(true);
      expect(loading.map((s) => s.progress?.phase)).toContain('flights');
      expect(statuses.at(-1)).toEqual({ mode: 'standalone', pending: 0, conflicts: 0, lastSyncUtc: null, progress: null, offlineCopy: { state: 'complete', percent: 100 } });
    } finally {
      await core.close();
    }
  });

  it('stopped half-way, it leaves no half-loaded demo behind: the next start loads it whole', async () => {
    const dir = dataDir();
    const first = await startCore(config(dir), { seedDemo: demoSeeder(0.1), demoInBackground: true, jobs: false, log: () => undefined });
    let closing: Promise<void> | null = null;
    first.subscribe((event, payload) => {
      const p = (payload as SyncStatus).progress;
      if (event === 'sync.status' && p?.phase === 'hotel_inventory' && p.done > 0) closing ??= first.close();
    });
    await expect.poll(() => closing, { timeout: 20_000 }).not.toBeNull();
    await closing;
    // All or nothing: the tables loaded before the stop went back with it.
    const look = await startCore(config(dir), { jobs: false, log: () => undefined });
    expect(await count(look, 'admins')).toBe(0);
    expect(await count(look, 'hotels')).toBe(0);
    await look.close();

    const second = await startCore(config(dir), { seedDemo: demoSeeder(0.1), jobs: false, log: () => undefined });
    try {
      expect(await count(second, 'admins')).toBeGreaterThan(3);
      const inventory = await count(second, 'hotel_inventory');
      // 200 hotels × 3 room types × 365 days, scaled by a tenth: nothing lost, nothing twice.
      expect(inventory).toBe(20 * 3 * 365);
      expect(await count(second, 'flights')).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });
});
