/**
 * A standalone world for the browser tests: the renderer built into a private folder, a core on
 * SQLite with the demo data and the three demo operators, the loopback bridge, and Chromium.
 *
 * Helpers only; no vitest hooks here (the test file owns the lifecycle).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../../../main/core/config';
import { seedDemoData } from '../../../tools/seed/seedDemo';
import { startCore, type Core } from '../../../main/core/host/core';
import { startBridge, type Bridge } from '../../../main/bridge/startBridge';
import { hashPassword } from '../../../main/core/ops/auth/passwords';
import { buildRenderer, launchBrowser } from '../support/browser';

export const PASSWORD = 'tripdesk-demo';
export const TOKEN = 'e2e-token-0123456789';

export type Role = 'agent' | 'supervisor' | 'admin';

export interface StandaloneWorld {
  core: Core;
  bridge: Bridge;
  browser: Browser;
  /** A signed-in session on the core itself, to arrange data around what the browser does. */
  session(role: Role): Promise<string>;
  /** A contract call on the core as `token`'s operator; throws on an error result. */
  call<T>(token: string, channel: string, input: unknown): Promise<T>;
  /** Signs `role@tripdesk.test` in through the page, and waits for the banner. */
  signIn(page: Page, role: Role): Promise<void>;
  close(): Promise<void>;
}

/** YYYY-MM-DD, `offset` days from today (UTC): the demo data's dates move with the clock. */
export function utcDay(offset: number): string {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  return new Date(d.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** The demo seed lands in tools/seed/seedDemo.ts; without it, make the operators by hand. */
async function ensureOperators(core: Core): Promise<void> {
  const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
  for (const role of ['agent', 'supervisor', 'admin'] as const) {
    const email = `${role}@tripdesk.test`;
    if (await core.local.sql.get('SELECT id FROM admins WHERE email = ?', [email])) continue;
    await core.local.sql.run(
      'INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, 1, ?, ?)',
      [email, `Demo ${role}`, role, await hashPassword(PASSWORD), at, at]);
  }
}

/** Everything in a fresh temporary folder (`prefix` names it), removed again by `close()`. */
/**
 * `env`: extra TRIPDESK_… settings. Admins' two-factor is optional here unless a test asks for
 * `TRIPDESK_ADMIN_TWO_FACTOR: 'required'` (test/e2e/security.e2e.test.ts), so journeys sign in as admin directly.
 */
export async function startStandaloneWorld(opts: { prefix: string; env?: Record<string, string> }): Promise<StandaloneWorld> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), opts.prefix));
  let core: Core | undefined;
  let bridge: Bridge | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await bridge?.close();
    await core?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const staticDir = await buildRenderer(path.join(tmp, 'renderer'));
    core = await startCore(loadConfig({ TRIPDESK_DATA_DIR: path.join(tmp, 'data'), TRIPDESK_PASSWORD_COST: 'test', TRIPDESK_ADMIN_TWO_FACTOR: 'optional', ...opts.env }), { seedDemo: seedDemoData, jobs: false, log: () => undefined });
    await ensureOperators(core);
    bridge = await startBridge({ core, port: 0, token: TOKEN, staticDir });
    browser = await launchBrowser();
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
  const c = core;
  const url = bridge.url;
  return {
    core: c, bridge, browser,
    async session(role) {
      const res = await c.call('auth.login', { email: `${role}@tripdesk.test`, password: PASSWORD }, null);
      if (!res.ok) throw new Error(res.error.message);
      const value = res.value as { sessionToken?: string };
      if (typeof value.sessionToken !== 'string') throw new Error(`${role} has two-factor on: sign in through the page`);
      return value.sessionToken;
    },
    async call<T>(token: string, channel: string, input: unknown): Promise<T> {
      const res = await c.call(channel, input, token);
      if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`);
      return res.value as T;
    },
    async signIn(page, role) {
      await page.goto(`${url}/#token=${TOKEN}`);
      await page.getByLabel('Email').fill(`${role}@tripdesk.test`);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 15_000 }).toContain('Standalone');
    },
    close,
  };
}
