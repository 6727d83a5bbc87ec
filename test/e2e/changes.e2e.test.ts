/**
 * End to end: a whole trip booked from the Trips tab with a stay, then its return flight changed
 * to a later one with the fare difference — the built renderer in Debian's Chromium against a real
 * standalone core with the demo data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/contract';
import { localDate } from '../../shared/localTime';
import { nameTraveller, openPage, saveShot } from './support/browser';
import { startStandaloneWorld, type StandaloneWorld } from './standalone/world';

let w: StandaloneWorld;

beforeAll(async () => {
  w = await startStandaloneWorld({ prefix: 'tripdesk-changes-' });
}, 180_000);

afterAll(async () => {
  await w?.close();
});

const dollars = (cents: number) => `$${(Math.abs(cents) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

async function fillCard(scope: { getByLabel(name: string): { fill(v: string): Promise<void> } }): Promise<void> {
  await scope.getByLabel('Card number').fill('4242 4242 4242 4242');
  await scope.getByLabel('Expiry (MM/YY)').fill('12/34');
  await scope.getByLabel('CVC').fill('123');
}

describe('a whole trip, then a change to it', () => {
  it('books a round trip for two with a stay, then moves the return to a later flight paying the difference', async () => {
    const out = localDate(Date.now() + 12 * 86_400_000, 'America/New_York');
    const back = localDate(Date.now() + 16 * 86_400_000, 'America/Los_Angeles');
    const token = await w.session('agent');
    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'agent');
      // The round trip, nonstop, for two.
      await page.goto(`${w.bridge.url}/#/search/trips`);
      const form = page.getByRole('form', { name: 'Search trips' });
      await form.getByRole('combobox', { name: 'From' }).fill('JFK');
      await form.getByRole('combobox', { name: 'To' }).fill('LAX');
      await form.getByLabel('Date', { exact: true }).fill(out);
      await form.getByLabel('Return (optional)').fill(back);
      await form.getByLabel('Passengers').fill('2');
      const nonstop = form.getByLabel('Nonstop only');
      if (!(await nonstop.isChecked())) await nonstop.check();
      await form.getByRole('button', { name: 'Search trips' }).click();
      const list = page.getByRole('listbox', { name: 'Trip options' });
      await expect.poll(() => list.getByRole('option').count(), { timeout: 20_000 }).toBeGreaterThan(1);
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Trip options');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('status').filter({ hasText: /^Held 2 seats on / }).count(), { timeout: 10_000 }).toBe(1);

      // A stay in Los Angeles for the nights between.
      await page.getByRole('button', { name: 'Go to New booking' }).click();
      await page.getByRole('button', { name: 'Add a stay' }).click();
      const hotels = page.getByRole('form', { name: 'Search hotels' });
      await hotels.getByLabel('City').fill('Los Angeles');
      await hotels.getByLabel('Check-in').fill(out);
      await hotels.getByLabel('Check-out').fill(back);
      await hotels.getByRole('button', { name: 'Search hotels' }).click();
      const results = page.getByRole('table', { name: 'Hotel results' });
      await expect.poll(() => results.getByRole('button', { name: /^Add .* to the booking$/ }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await results.getByRole('button', { name: /^Add .* to the booking$/ }).first().click();
      await page.getByRole('button', { name: 'Continue to booking' }).click();

      // Two travellers, named once: the return flight carries the outbound's passengers.
      await expect.poll(() => page.getByRole('heading', { name: 'New booking' }).count()).toBe(1);
      await page.getByRole('button', { name: /^Select / }).first().click();
      await nameTraveller(page, /^Passenger 1, /, { givenNames: 'Grace', familyName: 'Hopper', dateOfBirth: '1986-12-09' });
      await nameTraveller(page, /^Passenger 2, /, { givenNames: 'Alan', familyName: 'Turing', dateOfBirth: '1992-06-23' });
      expect(await page.getByRole('group', { name: /^Passenger 1, / }).count()).toBe(1);
      await nameTraveller(page, /^Lead guest, /, { givenNames: 'Grace', familyName: 'Hopper', dateOfBirth: '1986-12-09' });
      await page.getByLabel('Guests in all').fill('2');
      await fillCard(page);
      await page.getByRole('button', { name: /^Confirm booking for / }).click();
      const heading = page.getByRole('heading', { name: /^Booking [A-HJ-NP-Z2-9]{6}$/ });
      await expect.poll(() => heading.count(), { timeout: 20_000 }).toBe(1);
      const locator = ((await heading.textContent()) ?? '').replace('Booking ', '');
      const bookingId = Number(/#\/bookings\/(\d+)/.exec(page.url())?.[1]);
      const booked = await w.call<Booking>(token, 'bookings.get', { bookingId });
      expect(booked.locator).toBe(locator);
      expect(booked.items.map((i) => i.kind)).toEqual(['flight', 'flight', 'hotel']);
      for (const f of booked.items.filter((i) => i.kind === 'flight')) expect(f.travellers.map((t) => t.givenNames)).toEqual(['Grace', 'Alan']);
      await saveShot(page, 'changes-01-round-trip-booked', { fullPage: true });

      // The customer stays longer: the return moves to a later flight that day.
      const ret = booked.items[1]!;
      await page.getByRole('button', { name: `Change… ${ret.label}` }).click();
      const dialog = page.getByRole('dialog');
      // A later LAX → JFK flight that day (or the next, when the return was the day's last).
      type Offer = { id: number; airline: string; flightNumber: string; departUtc: string; departureLocal: string; seatsAvailable: number };
      let laterFlight: Offer | undefined;
      for (const day of [back, localDate(Date.parse(`${back}T12:00:00Z`) + 86_400_000, 'America/Los_Angeles')]) {
        const { items } = await w.call<{ items: Offer[] }>(token, 'flights.search', { from: 'LAX', to: 'JFK', date: day, passengers: 2, limit: 500 });
        laterFlight = items.find((f) => f.departUtc > ret.startUtc && f.seatsAvailable >= 2);
        if (laterFlight) break;
      }
      expect(laterFlight).toBeDefined();
      await dialog.getByLabel('Date (any if empty)').fill(laterFlight!.departureLocal.slice(0, 10));
      await dialog.getByRole('button', { name: /^Search flights/ }).click();
      const later = dialog.getByRole('button', { name: new RegExp(`^Preview ${laterFlight!.airline} ${laterFlight!.flightNumber} LAX→JFK`) });
      await expect.poll(() => later.count(), { timeout: 15_000 }).toBe(1);
      await later.click();
      const preview = dialog.getByTestId('change-preview');
      await expect.poll(() => preview.count(), { timeout: 15_000 }).toBe(1);
      const quoted = await preview.textContent();
      expect(quoted).toContain('Change fee');
      if (await dialog.getByLabel('Card number').count()) await fillCard(dialog);
      await saveShot(page, 'changes-02-change-dialog');
      await dialog.getByRole('button', { name: 'Make the change' }).click();
      await expect.poll(() => page.getByRole('dialog').count(), { timeout: 15_000 }).toBe(0);

      // The record and the store of record agree: the locator stays, the later flight is active
      // for the same two travellers, and the difference is its own money movement.
      const changed = await w.call<Booking>(token, 'bookings.get', { bookingId });
      expect(changed.locator).toBe(locator);
      const replacement = changed.items.find((i) => i.kind === 'flight' && i.status === 'active' && i.id !== booked.items[0]!.id);
      expect(replacement?.label).toContain(laterFlight!.flightNumber);
      expect(Date.parse(replacement?.startUtc ?? '')).toBeGreaterThan(Date.parse(ret.startUtc));
      expect(replacement?.travellers.map((t) => t.givenNames)).toEqual(['Grace', 'Alan']);
      expect(changed.items.find((i) => i.id === ret.id)?.status).toBe('cancelled');
      const moved = changed.movements?.find((m) => m.itemId === replacement?.id);
      expect(moved).toBeDefined();
      // The difference the dialog quoted is what moved.
      const quotedCents = Math.round(Number((/Difference\s*-?\$([\d,]+\.\d\d)/.exec(quoted ?? '')?.[1] ?? 'NaN').replace(/,/g, '')) * 100);
      expect(moved?.amountCents).toBe(quotedCents);
      const charged = (changed.movements ?? []).reduce((n, m) => n + (m.kind === 'charge' ? m.amountCents : -m.amountCents), 0);
      expect(charged).toBe(changed.totalCents - changed.refundedCents);
      await expect.poll(() => page.getByRole('region', { name: /^Money movements/ }).getByText(dollars(moved?.amountCents ?? 0)).count()).toBeGreaterThan(0);
      await saveShot(page, 'changes-03-changed', { fullPage: true });
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);
});
