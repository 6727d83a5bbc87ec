import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');

describe('npm run serve on a first start (what npm start falls back to)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-first-start-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the link first, then a line per demo phase, then "Demo data ready in N s"', async () => {
    // Only this run's settings: no central servers, a fresh data dir, any free port.
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TRIPDESK_')));
    Object.assign(env, { TRIPDESK_DATA_DIR: dir, TRIPDESK_PORT: '0', TRIPDESK_TOKEN: 'serve-test-token', TRIPDESK_PASSWORD_COST: 'test' });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'main', 'bridge', 'serve.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => out, { timeout: 60_000, interval: 100 }).toMatch(/Demo data ready in \d+(\.\d)? s/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const lines = out.split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const link = at(/TripDesk is running: open http:\/\/127\.0\.0\.1:\d+\/#token=serve-test-token/);
    const flights = at(/Loading demo data: flights \d+\/\d+$/);
    const ready = at(/Demo data ready in/);
    expect(link, out + err).toBeGreaterThanOrEqual(0);
    // The window can be opened while the demo loads: the link comes before the load's lines.
    expect(link).toBeLessThan(flights);
    expect(flights).toBeLessThan(ready);
    expect(lines.filter((l) => l.includes('Loading demo data: ')).length).toBeLessThan(40);
  });
});
