/**
 * End to end, standalone with demo data: the deals feed, a supervisor's price watch for a customer
 * that fires by push into Needs attention when a fare drops, and the audit entry of that fare
 * change in the log viewer. The built renderer in Debian's Chromium (playwright-core), the real
 * core behind the loopback web bridge — as in standalone.e2e.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/core/config';
import { seedDemoData } from '../../main/core/seed/seedDemo';
import { startCore, type Core } from '../../main/core/core';
import { startBridge, type Bridge } from '../../main/bridge/startBridge';
import { hashPassword } from '../../main/core/services/auth/passwords';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Saved under test-results/ on every run; the best are copied to docs/screenshots for the README.
const SHOTS = process.env.TRIPDESK_SCREENSHOTS_DIR ?? path.join(root, 'test-results', 'screenshots');
const PASSWORD = 'tripdesk-demo';
const TOKEN = 'e2e-token-deals-0123456789';

let tmp: string;
let core: Core;
let bridge: Bridge;
let browser: Browser;

async function ensureOperators(): Promise<void> {
  const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
  for (const role of ['agent', 'supervisor', 'admin'] as const) {
    const email = `${role}@tripdesk.test`;
    if (await core.local.sql.get('SELECT id FROM admins WHERE email = ?', [email])) continue;
    await core.local.sql.run(
      'INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, 1, ?, ?)',
      [email, `Demo ${role}`, role, hashPassword(PASSWORD), at, at]);
  }
}

type TrackedPage = Page & { jsErrors: string[] };

async function openPage(): Promise<{ context: BrowserContext; page: TrackedPage }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  const page = (await context.newPage()) as TrackedPage;
  page.setDefaultTimeout(15_000);
  page.jsErrors = [];
  page.on('pageerror', (e) => page.jsErrors.push(e.message));
  return { context, page };
}

async function signIn(page: Page, role: 'agent' | 'supervisor'): Promise<void> {
  await page.goto(`${bridge.url}/#token=${TOKEN}`);
  await page.getByLabel('Email').fill(`${role}@tripdesk.test`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('mode').textContent(), { timeout: 15_000 }).toContain('Standalone');
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

async function session(role: 'agent' | 'supervisor'): Promise<string> {
  const res = await core.call('auth.login', { email: `${role}@tripdesk.test`, password: PASSWORD }, null);
  if (!res.ok) throw new Error(res.error.message);
  return (res.value as { sessionToken: string }).sessionToken;
}

async function coreCall<T>(token: string, channel: string, input: unknown): Promise<T> {
  const res = await core.call(channel, input, token);
  if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`);
  return res.value as T;
}

const utcDay = (offset: number) => {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  return new Date(d.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
};

const axeSource = fs.readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(`${axeSource}\n;0`);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  }) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

interface Flight { id: number; from: string; to: string; priceCents: number; departUtc: string }
interface HotelOffer { roomTypeId: number; hotelName: string; nights: { priceCents: number }[] }

/** Drops one night of a room type far under its usual price: the detector calls that a deal. */
async function dropRoomPrice(sup: string, day: string, pick: number): Promise<HotelOffer> {
  const { items } = await coreCall<{ items: HotelOffer[] }>(sup, 'hotels.search', { checkIn: day, checkOut: utcDay(41), sort: 'price', limit: 50 });
  const offer = items[items.length - 1 - pick]!;
  await coreCall(sup, 'inventory.hotels.setDays', { roomTypeId: offer.roomTypeId, from: day, to: day, priceCents: Math.max(100, Math.round(offer.nights[0]!.priceCents / 4)) });
  return offer;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tripdesk-e2e-deals-'));
  const staticDir = path.join(tmp, 'renderer');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true } });
  core = await startCore(loadConfig({ TRIPDESK_DATA_DIR: path.join(tmp, 'data') }), { seedDemo: seedDemoData, jobs: false, log: () => undefined });
  await ensureOperators();
  bridge = await startBridge({ core, port: 0, token: TOKEN, staticDir });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await core?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('deals, price watches and the log viewer, standalone', () => {
  it('the deals page lists deals and takes a new one live; "Book this" opens the stay in the hotel search', async () => {
    const sup = await session('supervisor');
    const first = await dropRoomPrice(sup, utcDay(40), 0);
    const { context, page } = await openPage();
    try {
      await signIn(page, 'agent');
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Logs' }).count()).toBe(0); // supervisors only
      await nav.getByRole('link', { name: 'Deals' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Deals' }).count()).toBe(1);
      const table = page.getByRole('table', { name: 'Deals' });
      await expect.poll(() => table.getByRole('rowheader', { name: new RegExp(`^${first.hotelName}`) }).count()).toBeGreaterThan(0);
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${first.hotelName}`) }) }).first();
      expect(await row.locator('s').textContent()).toMatch(/^\$[\d,]+\.\d\d$/);
      expect(await row.getByText(/^−\d+%$/).count()).toBe(1);

      // A deal found while the page is open arrives by push ('deals.new').
      const second = await dropRoomPrice(sup, utcDay(40), 1);
      await expect.poll(() => page.getByRole('status').filter({ hasText: /new deals? just arrived/ }).count()).toBe(1);
      await expect.poll(() => table.getByRole('rowheader', { name: new RegExp(`^${second.hotelName}`) }).count()).toBeGreaterThan(0);
      await shot(page, 'deals');
      expect(await axeProblems(page)).toEqual([]);

      await row.getByRole('button', { name: /^Book this/ }).click();
      await expect.poll(() => page.url()).toContain('#/search/hotels');
      const results = page.getByRole('table', { name: 'Hotel results' });
      await expect.poll(() => results.locator(`tbody tr[data-row-id="${first.roomTypeId}"]`).count()).toBe(1);
      expect(await page.getByLabel('Check-in').inputValue()).toBe(utcDay(40));
      expect(await page.getByLabel('Check-out').inputValue()).toBe(utcDay(41));
      // The demo photos' host does not resolve: a same-size placeholder with the alt text stands in.
      await expect.poll(() => results.locator('.thumb-missing').count()).toBeGreaterThan(0);
      await shot(page, 'deals-book-hotel');
      expect(await axeProblems(page)).toEqual([]);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('a supervisor watches a route for a customer; a fare drop shows up in Needs attention by push, and the log viewer has its audit entry', async () => {
    const sup = await session('supervisor');
    const day = utcDay(12);
    const [cheapest] = (await coreCall<{ items: Flight[] }>(sup, 'flights.search', { date: day, sort: 'price', limit: 1 })).items;
    const { items: onRoute } = await coreCall<{ items: Flight[] }>(sup, 'flights.search', { from: cheapest!.from, to: cheapest!.to, date: day, sort: 'price', limit: 50 });
    const lowest = onRoute[0]!.priceCents;
    expect(lowest).toBeGreaterThan(2_000);
    const lineCents = Math.floor((lowest - 1_000) / 100) * 100; // whole dollars, under every fare that day
    const target = onRoute[onRoute.length - 1]!;
    const newPrice = lineCents - 500;

    const { context, page } = await openPage();
    try {
      await signIn(page, 'supervisor');
      await page.goto(`${bridge.url}/#/search/flights`);
      await page.getByLabel('From', { exact: true }).fill(cheapest!.from);
      await page.getByLabel('To', { exact: true }).fill(cheapest!.to);
      await page.getByLabel('Date').fill(day);
      await page.getByRole('button', { name: 'Search flights' }).click();
      await expect.poll(() => page.getByRole('table', { name: 'Flight results' }).locator('tbody tr[data-index]').count()).toBeGreaterThan(0);

      await page.getByRole('button', { name: 'Watch price…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Watch a route' });
      expect(await dialog.getByLabel('From (airport code)').inputValue()).toBe(cheapest!.from);
      expect(await dialog.getByLabel('Departing from').inputValue()).toBe(day);
      await dialog.getByRole('button', { name: /^Select / }).first().click();
      await dialog.getByLabel(/^Price in dollars/).fill(String(lineCents / 100));
      await dialog.getByRole('button', { name: 'Set watch' }).click();
      await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/^Watch set for .+: .+ → .+, price at or under \$/);
      await dialog.getByRole('button', { name: 'Done' }).click();

      // Needs attention is open (no reload from here on) when the fare drops.
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Needs attention' }).click();
      const alerts = page.getByRole('region', { name: /^Price alerts/ });
      await expect.poll(() => alerts.getByText('No price watch has fired.').count()).toBe(1);
      await coreCall(sup, 'inventory.flights.update', { flightId: target.id, priceCents: newPrice });

      const dollars = `$${(newPrice / 100).toFixed(2)}`;
      await expect.poll(() => alerts.getByTestId('alert-title').first().textContent(), { timeout: 15_000 })
        .toMatch(new RegExp(`^Price alert: .*${cheapest!.from} → ${cheapest!.to} on .* now \\${dollars} — .+ \\(customer #\\d+\\)$`));
      await expect.poll(() => page.locator('.toast').count()).toBe(1);
      expect(await nav.getByRole('link', { name: /Needs attention/ }).locator('.nav-count').textContent()).toBe('1');
      await shot(page, 'watch-alert');
      expect(await axeProblems(page)).toEqual([]);

      // "Book this" opens the route on that day, cheapest first: the dropped fare leads.
      await alerts.getByRole('button', { name: /^Book this/ }).click();
      const results = page.getByRole('table', { name: 'Flight results' });
      await expect.poll(() => results.locator('tbody tr[data-index="0"]').getAttribute('data-row-id')).toBe(String(target.id));

      // The notice stays over every screen until closed.
      await page.getByRole('button', { name: 'Close price alert notice' }).click();
      expect(await page.locator('.toast').count()).toBe(0);

      // The log viewer: the audit entry of the fare change.
      await nav.getByRole('link', { name: 'Logs' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Logs' }).count()).toBe(1);
      await page.getByLabel('Level').selectOption('audit');
      await page.getByLabel('Text').fill(`price ${target.priceCents}→${newPrice}`);
      await page.getByRole('button', { name: 'Show logs' }).click();
      const logs = page.getByRole('table', { name: 'Log entries' });
      const entry = logs.getByRole('row').filter({ hasText: `price ${target.priceCents}→${newPrice}` });
      await expect.poll(() => entry.count()).toBe(1);
      expect(await entry.getByText('audit', { exact: true }).count()).toBe(1);
      expect(await entry.getByText('inventory.flights.update').count()).toBe(1);
      expect(await entry.locator('time').getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
      await page.getByLabel('Text').fill('');
      await page.getByRole('button', { name: 'Show logs' }).click();
      await expect.poll(() => logs.getByRole('row').count()).toBeGreaterThan(2);
      await shot(page, 'logs');
      expect(await axeProblems(page)).toEqual([]);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
