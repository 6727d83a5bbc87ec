/**
 * End to end, standalone with demo data: the deals feed, a supervisor's price watch for a customer
 * that fires by push into Needs attention when a fare drops, and the audit entry of that fare
 * change in the log viewer. The built renderer in Debian's Chromium (playwright-core), the real
 * core behind the loopback web bridge — as in standalone.e2e.test.ts.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, openPage, saveShot } from './support/browser';
import { startStandaloneWorld, utcDay, type StandaloneWorld } from './standalone/world';

let w: StandaloneWorld;

interface Flight { id: number; from: string; to: string; priceCents: number; departUtc: string }
interface HotelOffer { roomTypeId: number; hotelName: string; nights: { priceCents: number }[] }

/** Drops one night of a room type far under its usual price: the detector calls that a deal. */
async function dropRoomPrice(sup: string, day: string, pick: number): Promise<HotelOffer> {
  const { items } = await w.call<{ items: HotelOffer[] }>(sup, 'hotels.search', { checkIn: day, checkOut: utcDay(41), sort: 'price', limit: 50 });
  const offer = items[items.length - 1 - pick]!;
  await w.call(sup, 'inventory.hotels.setDays', { roomTypeId: offer.roomTypeId, from: day, to: day, priceCents: Math.max(100, Math.round(offer.nights[0]!.priceCents / 4)) });
  return offer;
}

beforeAll(async () => {
  w = await startStandaloneWorld({ prefix: 'tripdesk-e2e-deals-' });
}, 180_000);

afterAll(async () => {
  await w?.close();
});

describe('deals, price watches and the log viewer, standalone', () => {
  it('the deals page lists deals and takes a new one live; "Book this" opens the stay in the hotel search', async () => {
    const sup = await w.session('supervisor');
    const first = await dropRoomPrice(sup, utcDay(40), 0);
    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'agent');
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
      await saveShot(page, 'deals');
      expect(await axeProblems(page)).toEqual([]);

      await row.getByRole('button', { name: /^Book this/ }).click();
      await expect.poll(() => page.url()).toContain('#/search/hotels');
      const results = page.getByRole('table', { name: 'Hotel results' });
      await expect.poll(() => results.locator(`tbody tr[data-row-id="${first.roomTypeId}"]`).count()).toBe(1);
      expect(await page.getByLabel('Check-in').inputValue()).toBe(utcDay(40));
      expect(await page.getByLabel('Check-out').inputValue()).toBe(utcDay(41));
      // The demo photos' host does not resolve: a same-size placeholder with the alt text stands in.
      await expect.poll(() => results.locator('.thumb-missing').count()).toBeGreaterThan(0);
      await saveShot(page, 'deals-book-hotel');
      expect(await axeProblems(page)).toEqual([]);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('a supervisor watches a route for a customer; a fare drop shows up in Needs attention by push, and the log viewer has its audit entry', async () => {
    const sup = await w.session('supervisor');
    const day = utcDay(12);
    const [cheapest] = (await w.call<{ items: Flight[] }>(sup, 'flights.search', { date: day, sort: 'price', limit: 1 })).items;
    const { items: onRoute } = await w.call<{ items: Flight[] }>(sup, 'flights.search', { from: cheapest!.from, to: cheapest!.to, date: day, sort: 'price', limit: 50 });
    const lowest = onRoute[0]!.priceCents;
    expect(lowest).toBeGreaterThan(2_000);
    const lineCents = Math.floor((lowest - 1_000) / 100) * 100; // whole dollars, under every fare that day
    const target = onRoute[onRoute.length - 1]!;
    const newPrice = lineCents - 500;

    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'supervisor');
      await page.goto(`${w.bridge.url}/#/search/flights`);
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
      await w.call(sup, 'inventory.flights.update', { flightId: target.id, priceCents: newPrice });

      const dollars = `$${(newPrice / 100).toFixed(2)}`;
      await expect.poll(() => alerts.getByTestId('alert-title').first().textContent(), { timeout: 15_000 })
        .toMatch(new RegExp(`^Price alert: .*${cheapest!.from} → ${cheapest!.to} on .* now \\${dollars} — .+ \\(customer #\\d+\\)$`));
      await expect.poll(() => page.locator('.toast').count()).toBe(1);
      expect(await nav.getByRole('link', { name: /Needs attention/ }).locator('.nav-count').textContent()).toBe('1');
      await saveShot(page, 'watch-alert');
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
      await saveShot(page, 'logs');
      expect(await axeProblems(page)).toEqual([]);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('a supervisor reads the analytics by kind, as a chart and a table, and exports the same figures as CSV', async () => {
    const sup = await w.session('supervisor');
    const to = utcDay(0);
    const from = utcDay(-29);
    const direct = await w.call<{ rows: Array<{ label: string; bookings: number }>; totals: { bookings: number; revenueCents: number } }>(
      sup, 'analytics.summary', { from, to, groupBy: 'kind' });
    expect(direct.totals.bookings).toBeGreaterThan(0);
    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'supervisor');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Analytics' }).count()).toBe(1);
      await page.getByLabel('Group by').selectOption('kind');
      await page.getByRole('button', { name: 'Refresh' }).click();
      const table = page.getByRole('table', { name: /by kind$/ });
      await expect.poll(() => table.locator('tbody tr').count()).toBe(direct.rows.length);
      expect(await table.locator('tfoot td').first().textContent()).toBe(String(direct.totals.bookings));
      // The chart is drawn on a canvas (ECharts' canvas renderer, allowed by the CSP).
      const chart = page.getByRole('img', { name: /./ }).filter({ has: page.locator('canvas') });
      await expect.poll(() => chart.count()).toBe(1);
      await saveShot(page, 'analytics');
      expect(await axeProblems(page)).toEqual([]);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      expect(download.suggestedFilename()).toBe(`tripdesk-analytics-kind-${from}-to-${to}.csv`);
      const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(csv[0]).toBe('Kind,Key,Bookings,Revenue (USD),Cancellations,Refunds (USD)');
      expect(csv).toHaveLength(direct.rows.length + 2);
      const total = csv.at(-1)?.split(',') ?? [];
      expect(total.slice(0, 4)).toEqual(['Total', '', String(direct.totals.bookings), (direct.totals.revenueCents / 100).toFixed(2)]);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
