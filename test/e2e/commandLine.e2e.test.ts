/**
 * End to end: the command line (Ctrl+K) in Debian's Chromium against a real standalone core with
 * the demo data. An agent books without the mouse, and the keys it takes are counted: what the agent
 * types as data (a name, an availability entry, a passenger) apart from the keys that move and take
 * (Ctrl+K, Enter, arrows, Tab, Escape).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, TripOption } from '../../shared/contract';
import { localDate } from '../../shared/localTime';
import { GOOD_CARD } from '../support/fixture';
import { openPage, saveShot } from './support/browser';
import { startStandaloneWorld, type StandaloneWorld } from './standalone/world';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** 2026-12-12 → 12DEC, as a GDS entry takes it. */
const ddmmm = (day: string) => `${Number(day.slice(8, 10))}${MONTHS[Number(day.slice(5, 7)) - 1]}`;

/** Every key the test gives the page, through one of two doors. */
function keyboard(page: Page) {
  const navigation: string[] = [];
  const typed: string[] = [];
  return {
    navigation,
    typed,
    /** Ctrl+K, Enter, arrows, Tab, Escape: the keys the budget counts. */
    async press(key: string) {
      navigation.push(key);
      await page.keyboard.press(key);
    },
    /** Data: what the agent would read off the customer or the screen. */
    async type(text: string) {
      typed.push(text);
      await page.keyboard.type(text);
    },
  };
}

let w: StandaloneWorld;

beforeAll(async () => {
  w = await startStandaloneWorld({ prefix: 'tripdesk-cmdline-' });
}, 180_000);

afterAll(async () => {
  await w?.close();
});

describe('the command line, without the mouse', () => {
  it('finds an existing customer, searches JFK→LAX on a date, holds 2 seats and books them on the saved card in at most 15 navigation keys', async () => {
    const token = await w.session('agent');
    // An existing customer with one saved traveller and a saved card.
    const customer = await w.call<{ id: number }>(token, 'customers.create', {
      email: 'wilhelmina.keys@example.com', firstName: 'Wilhelmina', lastName: 'Keyes', phone: '+1 212 555 0142',
    });
    const saved = await w.call<{ id: number }>(token, 'customers.travellers.save', {
      customerId: customer.id, givenNames: 'Wilhelmina', familyName: 'Keyes', dateOfBirth: '1984-05-17',
    });
    const card = await w.call<{ id: number; last4: string }>(token, 'paymentMethods.add', { customerId: customer.id, card: GOOD_CARD });
    // Ten days out on the New York clock: the local departure date at the origin.
    const day = localDate(Date.now() + 10 * 86_400_000, 'America/New_York');

    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'agent');
      const keys = keyboard(page);
      const palette = page.getByRole('dialog', { name: 'Commands' });

      // 1. Find the customer: a name typed in the palette, Enter books for them and opens the profile.
      await keys.press('Control+K');
      await expect.poll(() => palette.getByRole('combobox', { name: 'Type a command' }).count()).toBe(1);
      await keys.type('Wilhelmina Keyes');
      const match = palette.getByRole('option', { name: /^Customer Wilhelmina Keyes · wilhelmina\.keys@example\.com/ });
      await expect.poll(() => match.getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
      await keys.press('Enter');
      await expect.poll(() => page.getByRole('heading', { name: /Wilhelmina Keyes/ }).count(), { timeout: 10_000 }).toBeGreaterThan(0);

      // 2. Availability for two on that date; Enter holds the cheapest option for the customer.
      await keys.press('Control+K');
      await expect.poll(() => palette.getByRole('combobox', { name: 'Type a command' }).count()).toBe(1);
      await keys.type(`JFKLAX ${ddmmm(day)} 2`);
      const first = palette.getByRole('option').first();
      await expect.poll(() => first.textContent(), { timeout: 20_000 }).toMatch(/JFK \d\d:\d\d E[SD]T → LAX .*\$/);
      expect(await first.getAttribute('aria-selected')).toBe('true');
      // The cheapest option first, as trips.search answers it.
      const { options } = await w.call<{ options: TripOption[] }>(token, 'trips.search', { legs: [{ from: 'JFK', to: 'LAX', date: day }], passengers: 2, maxStops: 1, limit: 20 });
      const cheapest = options[0]!;
      expect(await first.textContent()).toContain(cheapest.legs[0]!.segments[0]!.flightNumber);
      await saveShot(page, '40-command-line-availability');
      await keys.press('Enter');

      // 3. The booking's steps in the palette: a saved traveller, a passenger typed as a GDS name, the saved card.
      const passenger1 = palette.getByRole('combobox', { name: /^Passenger 1 of 2/ });
      await expect.poll(() => passenger1.count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => palette.getByRole('option', { name: /^Saved traveller Wilhelmina Keyes, born 1984-05-17/ }).getAttribute('aria-selected')).toBe('true');
      await keys.press('Enter');
      await expect.poll(() => palette.getByRole('combobox', { name: /^Passenger 2 of 2/ }).count()).toBe(1);
      await keys.type('TURING/ALAN 23JUN1912');
      await expect.poll(() => palette.getByRole('option', { name: 'New traveller: Alan Turing, born 1912-06-23' }).getAttribute('aria-selected')).toBe('true');
      await keys.press('Enter');
      const savedCard = palette.getByRole('option', { name: `Saved Visa ending ${card.last4}` });
      await expect.poll(() => savedCard.getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
      await keys.press('Enter');
      const book = palette.getByRole('option', { name: /^Book 2 seats for \$/ });
      await expect.poll(() => book.getAttribute('aria-selected')).toBe('true');
      await saveShot(page, '41-command-line-book');
      await keys.press('Enter');

      const heading = page.getByRole('heading', { name: /^Booking [A-HJ-NP-Z2-9]{6}$/ });
      await expect.poll(() => heading.count(), { timeout: 20_000 }).toBe(1);
      const locator = ((await heading.textContent()) ?? '').replace('Booking ', '');

      // The budget: the keys other than the typed data.
      expect(keys.navigation).toEqual(['Control+K', 'Enter', 'Control+K', 'Enter', 'Enter', 'Enter', 'Enter', 'Enter']);
      expect(keys.navigation.length).toBeLessThanOrEqual(15);
      expect(keys.typed).toEqual(['Wilhelmina Keyes', `JFKLAX ${ddmmm(day)} 2`, 'TURING/ALAN 23JUN1912']);

      // The booking is on the core: every segment of the option, both travellers on each, paid with the saved card.
      const found = await w.call<{ items: Booking[] }>(token, 'bookings.search', { customerId: customer.id });
      expect(found.items.map((b) => b.locator)).toEqual([locator]);
      const booking = await w.call<Booking>(token, 'bookings.get', { bookingId: found.items[0]!.id });
      expect(booking.status).toBe('confirmed');
      expect(booking.totalCents).toBe(cheapest.totalCents);
      expect(booking.items.map((i) => [i.kind, i.refId, i.quantity])).toEqual(cheapest.legs[0]!.segments.map((s) => ['flight', s.id, 2]));
      for (const item of booking.items) {
        expect(item.travellers.map((t) => `${t.givenNames} ${t.familyName} ${t.dateOfBirth}`)).toEqual(['Wilhelmina Keyes 1984-05-17', 'Alan Turing 1912-06-23']);
        expect(item.travellers[0]?.savedTravellerId).toBe(saved.id);
      }
      expect(booking.billing.filter((b) => b.status === 'captured').map((b) => [b.amountCents, b.paymentMethodId])).toEqual([[cheapest.totalCents, card.id]]);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('the Trips tab pairs a round trip cheapest first, shows connections at local times, and Enter holds every segment', async () => {
    const token = await w.session('agent');
    const out = localDate(Date.now() + 12 * 86_400_000, 'America/New_York');
    const back = localDate(Date.now() + 19 * 86_400_000, 'America/Los_Angeles');
    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'agent');
      await page.goto(`${w.bridge.url}/#/search/trips`);
      const form = page.getByRole('form', { name: 'Search trips' });
      await form.getByRole('combobox', { name: 'From' }).fill('JFK');
      await form.getByRole('combobox', { name: 'To' }).fill('LAX');
      await form.getByLabel('Date', { exact: true }).fill(out);
      await form.getByLabel('Return (optional)').fill(back);
      await form.getByLabel('Passengers').fill('2');
      await form.getByRole('button', { name: 'Search trips' }).click();
      const list = page.getByRole('listbox', { name: 'Trip options' });
      await expect.poll(() => list.getByRole('option').count(), { timeout: 20_000 }).toBeGreaterThan(1);
      const { options } = await w.call<{ options: TripOption[] }>(token, 'trips.search', {
        legs: [{ from: 'JFK', to: 'LAX', date: out }, { from: 'LAX', to: 'JFK', date: back }], passengers: 2, maxStops: 1,
      });
      const shown = await list.getByRole('option').allTextContents();
      expect(shown).toHaveLength(options.length);
      // Cheapest total first, each option both legs at each airport's clock.
      const totals = options.map((o) => o.totalCents);
      expect([...totals].sort((a, b) => a - b)).toEqual(totals);
      for (const text of shown) {
        expect(text).toMatch(/Leg 1 .*Leg 2 /);
        expect(text).toMatch(/E[SD]T/);
        expect(text).toMatch(/P[SD]T/);
        expect(text).not.toContain('UTC');
      }
      const withStop = options.findIndex((o) => o.legs.some((l) => l.connections.length > 0));
      if (withStop >= 0) expect(shown[withStop]).toMatch(/Connection at [A-Z]{3}: \d+ h \d\d on the ground/);
      await saveShot(page, '42-trip-search-round-trip');

      // The list has the focus after a search: Enter holds the first option, every segment.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Trip options');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('status').filter({ hasText: /^Held 2 seats on / }).count(), { timeout: 10_000 }).toBe(1);
      const holds = await w.call<Array<{ flightId: number; seats: number }>>(token, 'holds.list', {});
      const segments = options[0]!.legs.flatMap((l) => l.segments.map((f) => f.id));
      expect(holds.filter((h) => segments.includes(h.flightId)).map((h) => [h.flightId, h.seats]).sort())
        .toEqual(segments.map((id) => [id, 2]).sort());
      await page.getByRole('button', { name: 'Go to New booking' }).click();
      const lines = page.getByRole('list', { name: 'Items in this booking' });
      await expect.poll(() => lines.getByRole('listitem').count()).toBe(segments.length);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
