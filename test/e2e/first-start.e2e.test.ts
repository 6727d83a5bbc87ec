/**
 * The first standalone start as a person sees it: the window is up while the demo data loads,
 * the sign-in screen says "Loading demo data: <phase> n/total" over a progress bar and will not
 * sign in yet; once the data is in, the same screen signs the demo agent in. And the renderer's
 * entry script, which that screen waits for, holds no charts library.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/core/config';
import { startCore, type Core, type CoreOptions } from '../../main/core/host/core';
import { startBridge, type Bridge } from '../../main/bridge/startBridge';
import { demoSeeder } from '../../tools/seed/seedDemo';
import { launchBrowser, openPage, root, saveShot } from './support/browser';

const TOKEN = 'e2e-first-start-token-0123';
let tmp: string;
type OutputChunk = Rolldown.OutputChunk;
let chunks: OutputChunk[];
let core: Core;
let bridge: Bridge;
let browser: Browser;
let release: () => void = () => undefined;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tripdesk-e2e-first-start-'));
  const outDir = path.join(tmp, 'renderer');
  const out = await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  chunks = (Array.isArray(out) ? out : [out as Rolldown.RolldownOutput]).flatMap((o) => o.output.filter((c): c is OutputChunk => c.type === 'chunk'));

  // The real demo seeder (a twentieth of demo), held at its first phase until the test lets it
  // go, so the screen can be looked at while the load is on.
  const gate = new Promise<void>((resolve) => { release = resolve; });
  const real = demoSeeder(0.05);
  const seedDemo: CoreOptions['seedDemo'] = async (db, report, config, signal) => {
    report({ phase: 'operator passwords', done: 0, total: 8 });
    await gate;
    await real(db, report, config, signal);
  };
  core = await startCore(loadConfig({ TRIPDESK_DATA_DIR: path.join(tmp, 'data'), TRIPDESK_PASSWORD_COST: 'test' }),
    { seedDemo, demoInBackground: true, jobs: false, log: () => undefined });
  bridge = await startBridge({ core, port: 0, token: TOKEN, staticDir: outDir });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  release();
  await browser?.close();
  await bridge?.close();
  await core?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('first standalone start in the browser', () => {
  it('the entry script the sign-in screen waits for holds no charts library; Analytics has it in its own chunk', () => {
    const entry = chunks.find((c) => c.isEntry);
    expect(entry).toBeDefined();
    const charts = (c: OutputChunk) => c.moduleIds.some((id: string) => /node_modules[\\/](echarts|zrender)[\\/]/.test(id));
    expect(charts(entry!)).toBe(false);
    const withCharts = chunks.filter(charts);
    expect(withCharts.map((c) => c.isDynamicEntry)).toEqual([true]);
    expect(withCharts[0]!.moduleIds.some((id: string) => id.endsWith('AnalyticsPage.tsx'))).toBe(true);
    // Before the split the one script was 1.1 MB.
    expect(entry!.code.length).toBeLessThan(600_000);
  });

  it('shows "Loading demo data" with a bar and will not sign in until the data is in; then signs in', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`${bridge.url}/#token=${TOKEN}`);
      const status = page.getByTestId('demo-loading');
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('Loading demo data: operator passwords 0/8');
      await expect.poll(() => page.getByRole('progressbar', { name: 'Demo data loading progress' }).count()).toBe(1);
      const button = page.getByRole('button', { name: /Sign in/ });
      await page.getByLabel('Email').fill('agent@tripdesk.test');
      await page.getByLabel('Password').fill('tripdesk-demo');
      expect(await button.isDisabled()).toBe(true);
      expect(await button.textContent()).toBe('Sign in (once the demo data is loaded)');
      await saveShot(page, 'first-start-demo-loading');

      release();
      await expect.poll(() => status.count(), { timeout: 15_000 }).toBe(0);
      await expect.poll(() => button.isDisabled()).toBe(false);
      await page.getByLabel('Password').fill('tripdesk-demo');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 15_000 }).toContain('Standalone');
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
