/**
 * End to end, central mode: the built renderer in Debian's Chromium, driven by playwright-core,
 * talking through the loopback web bridge to a real core whose store of record is MariaDB +
 * FerretDB, reached through fault proxies so the test can pull the cable.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { banner, buildRenderer, launchBrowser, openPage, shot, signIn, type TrackedPage } from './central/browser';
import { nameTraveller } from './support/browser';
import { GOOD_CARD, startCentralWorld, type CentralWorld } from './central/world';
import { passengers } from '../support/travellers';

let tmp: string;
let staticDir: string;
let browser: Browser;
const worlds: CentralWorld[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tripdesk-e2e-central-'));
  staticDir = await buildRenderer(path.join(tmp, 'renderer'));
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const w of worlds) await w.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A fresh central world for one test (called inside the test). */
async function world(opts: { seats?: number; prefix: string }): Promise<CentralWorld> {
  const w = await startCentralWorld({ staticDir, ...opts });
  worlds.push(w);
  // On a failure, the core's warnings tell what the servers did.
  onTestFailed(() => { if (w.logs.length > 0) console.log(w.logs.slice(-40).join('\n')); });
  return w;
}

type Banner = ReturnType<typeof banner>;

/** A page signed in as the agent, with the banner saying Online. The page's context is closed if sign-in fails. */
async function signedInPage(w: CentralWorld): Promise<{ context: BrowserContext; page: TrackedPage; b: Banner }> {
  const { context, page } = await openPage(browser);
  const b = banner(page);
  try {
    await signIn(page, w.bridge.url);
    await expect.poll(b.mode).toContain('Online');
  } catch (err) {
    await context.close();
    throw err;
  }
  return { context, page, b };
}

/**
 * Cuts the line and searches flights: the search finds the servers gone, is answered from this
 * device's copy, and the banner says Offline. Returns the results table.
 */
async function searchFlightsOffline(w: CentralWorld, page: Page, b: Banner): Promise<Locator> {
  await w.cutLine();
  await page.goto(`${w.bridge.url}/#/search/flights`);
  await page.getByRole('button', { name: 'Search flights' }).click();
  await expect.poll(b.mode, { timeout: 20_000 }).toContain('Offline');
  return page.getByRole('table', { name: 'Flight results' });
}

/** Holds 1 seat on DL 401 from the results and waits for the "Held 1 seat" status. */
async function holdSeatOnDl401(page: Page, results: Locator): Promise<void> {
  await results.getByRole('button', { name: /^Hold 1 seat on DL 401 / }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Held 1 seat' }).count()).toBe(1);
}

describe('TripDesk in the browser, central mode (MariaDB + FerretDB behind fault proxies)', () => {
  it('books and cancels online; with the line cut books a provisional booking that syncs exactly once', async () => {
    const w = await world({ prefix: 'e2eon' });
    // --- Online -----------------------------------------------------------------------------
    const { context, page, b } = await signedInPage(w);
    try {
      await expect.poll(b.counts).toMatch(/^0 pending sync/);
      await shot(page, 'central-01-online');

      await page.goto(`${w.bridge.url}/#/search/flights`);
      await page.getByRole('button', { name: 'Search flights' }).click();
      const results = page.getByRole('table', { name: 'Flight results' });
      await expect.poll(() => results.locator('tbody tr[data-index]').count()).toBe(2);
      await holdSeatOnDl401(page, results);
      await page.getByRole('button', { name: 'Continue to booking' }).click();

      await expect.poll(() => page.getByRole('heading', { name: 'New booking' }).count()).toBe(1);
      await expect.poll(() => page.getByRole('timer').count()).toBe(1);
      await page.getByRole('button', { name: /^Select Ada Lovelace/ }).click();
      await nameTraveller(page, /^Passenger 1, /);
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry (MM/YY)').fill('12/34');
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: /^Confirm booking for / }).click();

      // The record is headed by its record locator; its id is in the address.
      const recordHeading = page.getByRole('heading', { level: 1, name: /^Booking [A-HJ-NP-Z2-9]{6}$/ });
      const shownId = () => Number(/#\/bookings\/(-?\d+)/.exec(page.url())?.[1] ?? NaN);
      await expect.poll(() => recordHeading.count(), { timeout: 20_000 }).toBe(1);
      const onlineId = shownId();
      expect(onlineId).toBeGreaterThan(0); // a server id: online bookings are final at once
      await expect.poll(() => page.getByText('captured').count()).toBeGreaterThan(0);
      expect(await page.getByText('provisional', { exact: true }).count()).toBe(0);

      await page.getByRole('button', { name: 'Cancel booking…' }).click();
      await page.getByLabel('Reason').fill('Customer changed plans');
      await page.getByRole('button', { name: 'Preview refund' }).click();
      await expect.poll(() => page.getByTestId('refund-preview').count()).toBe(1);
      expect((await page.getByTestId('refund-preview').textContent()) ?? '').toMatch(/Refund \$[\d,]+\.\d\d/);
      await page.getByRole('button', { name: /^Confirm cancellation/ }).click();
      await expect.poll(() => page.getByTestId('booking-status').textContent()).toContain('cancelled');
      await expect.poll(() => page.getByTestId('refunded-total').textContent()).toBe('$250.00');
      const onServer = await w.server.get<{ status: string; refunded_cents: number }>('SELECT status, refunded_cents FROM bookings WHERE id = ?', [onlineId]);
      expect(onServer && [onServer.status, Number(onServer.refunded_cents)]).toEqual(['cancelled', w.fx.flightPriceCents]);
      const refund = await w.server.all<{ amount_cents: number }>('SELECT amount_cents FROM billing WHERE booking_id = ? AND transaction_status = \'refunded\'', [onlineId]);
      expect(refund.map((r) => Number(r.amount_cents))).toEqual([w.fx.flightPriceCents]);

      // --- The line is cut ------------------------------------------------------------------
      // The search finds the servers gone, is answered from this device's copy, and the banner says so.
      await searchFlightsOffline(w, page, b);
      await expect.poll(() => results.locator('tbody tr[data-index]').count()).toBe(2);
      expect(w.agent.mode()).toBe('offline');
      await shot(page, 'central-02-offline-banner');

      await holdSeatOnDl401(page, results);
      await page.getByRole('button', { name: 'Continue to booking' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'New booking' }).count()).toBe(1);
      const lines = page.getByRole('list', { name: 'Items in this booking' });
      await expect.poll(() => lines.getByText('provisional', { exact: true }).count()).toBe(1);
      await page.getByRole('button', { name: /^Select Ada Lovelace/ }).click();
      await nameTraveller(page, /^Passenger 1, /);
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry (MM/YY)').fill('12/34');
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: /^Confirm booking for / }).click();

      await expect.poll(() => recordHeading.count(), { timeout: 20_000 }).toBe(1);
      const localId = shownId();
      // The locator the agent reads out offline is the one the booking keeps on the server.
      const offlineLocator = ((await recordHeading.textContent()) ?? '').replace(/^Booking /, '');
      expect(localId).toBeLessThan(0); // a device-local id until the server gives one
      await expect.poll(() => page.locator('.booking-record').getByText('provisional', { exact: true }).count()).toBe(1);
      // Nothing is charged before the servers take it: no billing row reads captured or authorized.
      const billing = page.getByRole('region', { name: 'Billing' });
      expect(await billing.getByText(/^(captured|authorized)$/).count()).toBe(0);
      const billingRows = await billing.locator('tbody tr').count();
      const pendingRows = await billing.getByText('pending — charged when synced', { exact: true }).count();
      expect(pendingRows === billingRows || (billingRows === 1 && pendingRows === 0 && (await billing.getByText('No payments recorded.').count()) === 1)).toBe(true);
      // Two changes wait for the servers: the seat hold and the booking made from it.
      const queued = await w.agent.local.sql.all<{ kind: string; state: string; op_id: string }>('SELECT kind, state, op_id FROM outbox ORDER BY seq');
      expect(queued.map((q) => [q.kind, q.state])).toEqual([['holds.create', 'pending'], ['bookings.create', 'pending']]);
      await expect.poll(b.counts).toMatch(/^2 pending sync/);
      await shot(page, 'central-03-provisional-booking');

      // --- The line comes back; the agent syncs -----------------------------------------------
      await w.restoreLine();
      await b.syncNow().click();
      await expect.poll(b.mode, { timeout: 30_000 }).toContain('Online');
      await expect.poll(b.counts).toMatch(/^0 pending sync$/);
      expect((await w.agent.local.sql.all<{ state: string }>('SELECT state FROM outbox')).map((r) => r.state)).toEqual(['applied', 'applied']);

      // On the server: the offline booking exactly once, under the op id it was made with.
      const bookingOp = queued[1]!.op_id;
      const serverRows = await w.server.all<{ id: number; status: string; total_cents: number }>('SELECT id, status, total_cents FROM bookings WHERE op_id = ?', [bookingOp]);
      expect(serverRows).toHaveLength(1);
      const serverId = Number(serverRows[0]!.id);
      const locator = await w.server.get<{ locator: string }>('SELECT locator FROM bookings WHERE id = ?', [serverId]);
      expect(locator?.locator).toBe(offlineLocator);
      expect(serverRows[0]!.status).toBe('confirmed');
      expect(Number(serverRows[0]!.total_cents)).toBe(w.fx.flightPriceCents);
      const all = await w.server.all<{ id: number; status: string }>('SELECT id, status FROM bookings ORDER BY id');
      expect(all.map((r) => [Number(r.id), r.status])).toEqual([[onlineId, 'cancelled'], [serverId, 'confirmed']]);
      const items = await w.server.all<{ item_id: number; quantity: number }>('SELECT item_id, quantity FROM booking_items WHERE booking_id = ?', [serverId]);
      expect(items.map((i) => [Number(i.item_id), Number(i.quantity)])).toEqual([[w.fx.flightId, 1]]);
      const captured = await w.server.all('SELECT id FROM billing WHERE booking_id = ? AND transaction_status = \'captured\'', [serverId]);
      expect(captured).toHaveLength(1);
      const hold = await w.server.get<{ status: string; booking_id: number }>('SELECT status, booking_id FROM flight_seat_holds WHERE hold_token = ?', [queued[0]!.op_id]);
      expect(hold && [hold.status, Number(hold.booking_id)]).toEqual(['converted', serverId]);
      // One seat sold online and given back, one sold offline: one fewer on sale.
      const seats = await w.server.get<{ n: number }>('SELECT seats_available AS n FROM flights WHERE id = ?', [w.fx.flightId]);
      expect(Number(seats?.n)).toBe(w.fx.seats - 1);

      // The device shows the server's record, no longer provisional. (The record screen reloads a
      // provisional booking when a sync finishes and moves to the server's id once the core answers
      // bookings.get for the old local id with it — a core change in progress; until then the agent
      // finds the booking through the Bookings list, as here.)
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bookings' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Bookings' }).count()).toBe(1);
      const table = page.getByRole('table', { name: 'Bookings' });
      // One row for it, the server's (the device's provisional row made way), under the same locator.
      await expect.poll(() => table.getByRole('link', { name: offlineLocator, exact: true }).count()).toBe(1);
      expect(await table.locator(`a[href="#/bookings/${localId}"]`).count()).toBe(0);
      expect(await table.getByText('provisional', { exact: true }).count()).toBe(0);
      await table.getByRole('link', { name: offlineLocator, exact: true }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: `Booking ${offlineLocator}` }).count()).toBe(1);
      expect(shownId()).toBe(serverId);
      await expect.poll(() => page.getByTestId('booking-status').textContent()).toContain('confirmed');
      expect(await page.locator('.booking-record').getByText('provisional', { exact: true }).count()).toBe(0);
      await shot(page, 'central-04-synced-booking');

      // Syncing again sends nothing twice.
      await b.syncNow().click();
      await expect.poll(() => b.syncNow().isEnabled()).toBe(true);
      await expect.poll(b.counts).toMatch(/^0 pending sync$/);
      expect(await w.server.all('SELECT id FROM bookings WHERE op_id = ?', [bookingOp])).toHaveLength(1);
      expect(await w.server.all('SELECT id FROM bookings')).toHaveLength(2);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('a seat sold elsewhere while offline comes back as SOLD_OUT in Needs attention; picking another flight clears it', async () => {
    const w = await world({ prefix: 'e2ecf', seats: 1 });
    const desk = await w.desk();
    const { context, page, b } = await signedInPage(w);
    try {
      const results = await searchFlightsOffline(w, page, b);
      await expect.poll(() => results.locator('tbody tr[data-index]').count()).toBe(2);
      // The last seat on DL 401, held on this device.
      await holdSeatOnDl401(page, results);
      await expect.poll(b.counts).toMatch(/^1 pending sync/);

      // Meanwhile the desk, online, sells that last seat.
      await desk.call('bookings.create', {
        customerId: w.fx.customerId, expectedTotalCents: w.fx.flightPriceCents,
        items: [{ kind: 'flight', flightId: w.fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
      });

      await w.restoreLine();
      await b.syncNow().click();
      await expect.poll(b.mode, { timeout: 30_000 }).toContain('Online');
      await expect.poll(b.counts).toMatch(/^0 pending sync · 1 need attention/);
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: /^Needs attention/ }).getByLabel('1 items').count()).toBe(1);
      await b.region.getByRole('button', { name: '1 need attention' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Needs attention' }).count()).toBe(1);
      const inbox = page.getByRole('region', { name: /^Sync conflicts/ });
      const items = inbox.getByRole('list', { name: 'Changes waiting' }).locator(':scope > li');
      await expect.poll(() => items.count()).toBe(1);
      const item = items.first();
      await expect.poll(() => item.textContent()).toContain('Sold out while offline: Only 0 seat(s) left on DL 401.');
      // Said in words, not as a channel name.
      await expect.poll(() => item.getByTestId('inbox-title').textContent()).toMatch(/^Hold: 1 seat on DL 401 JFK→LAX, [A-Z][a-z]{2} \d{1,2}$/);
      expect(await item.getByText('conflict', { exact: true }).count()).toBe(1);
      const [queued] = await w.agent.local.sql.all<{ seq: number; op_id: string; state: string; error_code: string }>('SELECT seq, op_id, state, error_code FROM outbox');
      expect(queued).toMatchObject({ state: 'conflict', error_code: 'SOLD_OUT' });
      await shot(page, 'central-05-inbox-conflict');

      // The agent picks the other flight on the route from the same-route list.
      await item.getByRole('button', { name: /^Pick another flight/ }).click();
      const others = item.getByRole('region', { name: 'Other flights JFK→LAX' });
      await expect.poll(() => others.getByRole('button', { name: /^Choose / }).count()).toBe(1);
      expect(await others.getByRole('button', { name: /^Choose .*DL 401 / }).count()).toBe(0); // not the sold-out one
      await shot(page, 'central-06-inbox-edit-alternative');
      await others.getByRole('button', { name: /^Choose JetBlue B6 23 JFK→LAX/ }).click();

      // Resolving sends it at once; when the sync is done the inbox is empty.
      await expect.poll(() => inbox.getByText(/^Nothing waiting/).count(), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => items.count()).toBe(0);
      await expect.poll(b.counts).toMatch(/^0 pending sync$/);
      // The new hold is the agent's, on B6 23, and no longer provisional.
      expect(await nav.getByLabel(/^\d+ items$/).count()).toBe(0);
      // "Holds expiring soon" follows the sync without leaving the page: the new hold, on B6 23.
      const holds = page.getByRole('region', { name: 'Holds expiring soon' });
      await expect.poll(() => holds.getByRole('cell', { name: /^B6 23 JFK→LAX, / }).count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => holds.getByText('provisional', { exact: true }).count()).toBe(0);
      expect(await holds.getByText('provisional', { exact: true }).count()).toBe(0);
      await shot(page, 'central-07-inbox-resolved');

      // On the server: the alternative is held, the sold-out flight stays sold to the desk.
      const [resolved] = await w.agent.local.sql.all<{ op_id: string; state: string }>('SELECT op_id, state FROM outbox');
      expect(resolved!.state).toBe('applied');
      const serverHolds = await w.server.all<{ hold_token: string; flight_id: number; status: string; seats: number }>('SELECT hold_token, flight_id, status, seats FROM flight_seat_holds ORDER BY id');
      expect(serverHolds.map((h) => [h.hold_token, Number(h.flight_id), h.status, Number(h.seats)])).toEqual([[resolved!.op_id, w.fx.cheapFlightId, 'active', 1]]);
      const seats = await w.server.all<{ id: number; n: number }>('SELECT id, seats_available AS n FROM flights ORDER BY id');
      expect(seats.map((f) => [Number(f.id), Number(f.n)])).toEqual([[w.fx.flightId, 0], [w.fx.cheapFlightId, 149]]);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('an offline booking of the last seat, sold meanwhile at the desk: the agent moves it to another flight from the inbox', async () => {
    const w = await world({ prefix: 'e2ebk', seats: 1 });
    const desk = await w.desk();
    const { context, page, b } = await signedInPage(w);
    try {
      // Offline, the agent holds and books the last seat on DL 401.
      const results = await searchFlightsOffline(w, page, b);
      await holdSeatOnDl401(page, results);
      await page.getByRole('button', { name: 'Continue to booking' }).click();
      await page.getByRole('button', { name: /^Select Ada Lovelace/ }).click();
      await nameTraveller(page, /^Passenger 1, /);
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry (MM/YY)').fill('12/34');
      await page.getByLabel('CVC').fill('123');
      await page.getByRole('button', { name: /^Confirm booking for \$250\.00$/ }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: /^Booking [A-HJ-NP-Z2-9]{6}$/ }).count(), { timeout: 20_000 }).toBe(1);
      expect(page.url()).toMatch(/#\/bookings\/-\d+/);
      await expect.poll(() => page.locator('.booking-record').getByText('provisional', { exact: true }).count()).toBe(1);
      await expect.poll(b.counts).toMatch(/^2 pending sync/);

      // The desk sells that seat; the line comes back; the agent syncs.
      const sold = await desk.call<{ id: number }>('bookings.create', {
        customerId: w.fx.customerId, expectedTotalCents: w.fx.flightPriceCents,
        items: [{ kind: 'flight', flightId: w.fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
      });
      await w.restoreLine();
      await b.syncNow().click();
      await expect.poll(b.mode, { timeout: 30_000 }).toContain('Online');
      await expect.poll(b.counts).toMatch(/^0 pending sync · 2 need attention/);

      // Needs attention: the hold is SOLD_OUT, and the booking that used it could not be made.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Needs attention/ }).click();
      const inbox = page.getByRole('region', { name: /^Sync conflicts/ });
      const items = inbox.getByRole('list', { name: 'Changes waiting' }).locator(':scope > li');
      await expect.poll(() => items.count()).toBe(2);
      const ops = await w.agent.local.sql.all<{ seq: number; kind: string; error_code: string }>('SELECT seq, kind, error_code FROM outbox ORDER BY seq');
      expect(ops.map((o) => [o.kind, o.error_code])).toEqual([['holds.create', 'SOLD_OUT'], ['bookings.create', 'NOT_FOUND']]);
      const [holdOp, bookingOp] = ops as [typeof ops[0], typeof ops[0]];
      const holdItem = items.filter({ hasText: `change #${holdOp.seq}` });
      const bookingItem = items.filter({ hasText: `change #${bookingOp.seq}` });
      await expect.poll(() => holdItem.getByTestId('inbox-title').textContent()).toMatch(/^Hold: 1 seat on DL 401 JFK→LAX, /);
      await expect.poll(() => bookingItem.getByTestId('inbox-title').textContent()).toMatch(/^Booking for Ada Lovelace: 1 seat on DL 401 JFK→LAX, /);
      await expect.poll(() => holdItem.textContent()).toContain('Sold out while offline: Only 0 seat(s) left on DL 401.');
      await expect.poll(() => bookingItem.textContent()).toMatch(/No hold [0-9a-f-]{36}\./);
      // The booking only failed because its hold did: the inbox says to send that one first.
      expect(await bookingItem.getByText('Depends on the change above — retry once that one is sent.').count()).toBe(1);
      // What was entered shows the card as brand and last four, never its number or CVC.
      await bookingItem.getByText('What was entered').click();
      await expect.poll(() => bookingItem.getByText('Payment: Visa •••• 4242').count()).toBe(1);
      const html = await page.content();
      expect(html).not.toMatch(/4242 ?4242 ?4242 ?4242/);
      expect(html).not.toMatch(/"cvc"/);
      expect((await page.locator('main').textContent()) ?? '').not.toMatch(/4242 ?4242 ?4242 ?4242/);
      await shot(page, 'central-08-inbox-offline-booking-conflict');

      // 1. The hold goes to the other flight on the route, picked from the list.
      await holdItem.getByRole('button', { name: /^Pick another flight/ }).click();
      await holdItem.getByRole('button', { name: /^Choose JetBlue B6 23 JFK→LAX/ }).click();
      await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(1);
      // The booking now names the new hold; the agent sends it again.
      await bookingItem.getByRole('button', { name: /^Retry/ }).click();
      // 2. B6 23 is cheaper: the quoted total no longer holds.
      await expect.poll(() => bookingItem.textContent(), { timeout: 30_000 }).toContain('Quoted $250.00, now $199.00.');
      await shot(page, 'central-09-inbox-price-changed');
      expect(await page.content()).not.toMatch(/4242 ?4242 ?4242 ?4242/);
      // 3. The agent accepts the new price.
      await bookingItem.getByRole('button', { name: /^Accept new price \(\$199\.00\)/ }).click();
      await expect.poll(() => inbox.getByText(/^Nothing waiting/).count(), { timeout: 30_000 }).toBe(1);
      await expect.poll(b.counts).toMatch(/^0 pending sync$/);

      // On the server: the desk's sale on DL 401, and the agent's booking exactly once, on B6 23.
      const applied = await w.agent.local.sql.all<{ kind: string; state: string; op_id: string }>('SELECT kind, state, op_id FROM outbox ORDER BY seq');
      expect(applied.map((o) => o.state)).toEqual(['applied', 'applied']);
      const bookings = await w.server.all<{ id: number; op_id: string; total_cents: number; status: string }>('SELECT id, op_id, total_cents, status FROM bookings ORDER BY id');
      expect(bookings.map((r) => [Number(r.id), r.status, Number(r.total_cents)])).toEqual([[sold.id, 'confirmed', w.fx.flightPriceCents], [expect.any(Number), 'confirmed', 19_900]]);
      expect(bookings[1]!.op_id).toBe(applied[1]!.op_id);
      const agentBookingId = Number(bookings[1]!.id);
      const items2 = await w.server.all<{ item_id: number }>('SELECT item_id FROM booking_items WHERE booking_id = ?', [agentBookingId]);
      expect(items2.map((i) => Number(i.item_id))).toEqual([w.fx.cheapFlightId]);
      const holds = await w.server.all<{ hold_token: string; flight_id: number; status: string; booking_id: number }>('SELECT hold_token, flight_id, status, booking_id FROM flight_seat_holds');
      expect(holds.map((h) => [h.hold_token, Number(h.flight_id), h.status, Number(h.booking_id)])).toEqual([[applied[0]!.op_id, w.fx.cheapFlightId, 'converted', agentBookingId]]);

      // The agent sees it as a final booking.
      await page.goto(`${w.bridge.url}/#/bookings/${agentBookingId}`);
      const agentLocator = (await w.server.get<{ locator: string }>('SELECT locator FROM bookings WHERE id = ?', [agentBookingId]))?.locator;
      await expect.poll(() => page.getByRole('heading', { level: 1, name: `Booking ${agentLocator}` }).count()).toBe(1);
      await expect.poll(() => page.getByTestId('booking-status').textContent()).toContain('confirmed');
      expect(await page.locator('.booking-record').getByText('provisional', { exact: true }).count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Itinerary' }).getByRole('cell', { name: 'JetBlue B6 23 JFK→LAX', exact: true }).count()).toBe(1);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('a flight change made offline is queued on the device and syncs once: the booking moves to the other flight', async () => {
    const w = await world({ prefix: 'e2ech' });
    const desk = await w.desk();
    const { context, page, b } = await signedInPage(w);
    try {
      // Booked at the desk, online, on DL 401; the field agent's console pulls it.
      const booked = await desk.call<{ id: number; locator: string; items: Array<{ id: number; label: string }> }>('bookings.create', {
        customerId: w.fx.customerId, expectedTotalCents: w.fx.flightPriceCents,
        items: [{ kind: 'flight', flightId: w.fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
      });
      await w.agent.sync!.sync();
      await expect.poll(async () => (await w.agent.local.sql.all('SELECT id FROM bookings WHERE id = ?', [booked.id])).length, { timeout: 20_000 }).toBe(1);

      // The line drops; the customer wants the JetBlue flight instead. The agent changes it offline.
      await searchFlightsOffline(w, page, b);
      await page.goto(`${w.bridge.url}/#/bookings/${booked.id}`);
      await expect.poll(() => page.getByRole('heading', { level: 1, name: `Booking ${booked.locator}` }).count(), { timeout: 15_000 }).toBe(1);
      await page.getByRole('button', { name: `Change… ${booked.items[0]!.label}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Date (any if empty)').fill(w.fx.departDay);
      await dialog.getByRole('button', { name: /^Search flights/ }).click();
      const b6 = dialog.getByRole('button', { name: /^Preview JetBlue B6 23 JFK→LAX/ });
      await expect.poll(() => b6.count(), { timeout: 15_000 }).toBe(1);
      await b6.click();
      await expect.poll(() => dialog.getByTestId('change-preview').count(), { timeout: 15_000 }).toBe(1);
      await dialog.getByRole('button', { name: 'Make the change' }).click();
      await expect.poll(() => page.getByRole('dialog').count(), { timeout: 15_000 }).toBe(0);
      await expect.poll(b.counts).toMatch(/^1 pending sync/);
      // Nothing reached the server yet.
      expect((await w.server.all('SELECT id FROM booking_items WHERE booking_id = ? AND item_id = ?', [booked.id, w.fx.cheapFlightId]))).toHaveLength(0);

      await w.restoreLine();
      await b.syncNow().click();
      await expect.poll(b.mode, { timeout: 30_000 }).toContain('Online');
      await expect.poll(b.counts, { timeout: 30_000 }).toMatch(/^0 pending sync$/);

      // On the server, once: B6 23 active, DL 401 exchanged, its seat back, one movement for the change.
      const items = await w.server.all<{ id: number; item_id: number; status: string }>('SELECT id, item_id, status FROM booking_items WHERE booking_id = ? ORDER BY id', [booked.id]);
      expect(items.map((i) => [Number(i.item_id), i.status])).toEqual([[w.fx.flightId, 'cancelled'], [w.fx.cheapFlightId, 'active']]);
      // The fare difference (a cheaper fare, less the change fee) moved at most once, and the
      // booking's movements add up to its billing totals.
      const forChange = await w.server.all('SELECT id FROM money_movements WHERE booking_item_id = ?', [Number(items[1]!.id)]);
      expect(forChange.length).toBeLessThanOrEqual(1);
      const money = await w.server.get<{ moved: number; billed: number }>(
        `SELECT (SELECT COALESCE(SUM(CASE kind WHEN 'charge' THEN amount_cents ELSE -amount_cents END), 0) FROM money_movements WHERE booking_id = ?) AS moved,
                (SELECT COALESCE(SUM(CASE transaction_status WHEN 'captured' THEN amount_cents WHEN 'refunded' THEN -amount_cents ELSE 0 END), 0) FROM billing WHERE booking_id = ?) AS billed`,
        [booked.id, booked.id]);
      expect(Number(money?.moved)).toBe(Number(money?.billed));
      expect((await w.server.all('SELECT op_id FROM applied_ops WHERE channel = ?', ['bookings.change']))).toHaveLength(1);
      const seats = await w.server.get<{ a: number; t: number }>('SELECT seats_available AS a, seats_total AS t FROM flights WHERE id = ?', [w.fx.flightId]);
      expect(Number(seats?.a)).toBe(Number(seats?.t));
      await expect.poll(() => page.locator('.booking-record').getByText('provisional', { exact: true }).count(), { timeout: 15_000 }).toBe(0);
      await shot(page, 'central-10-offline-change-synced');
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
