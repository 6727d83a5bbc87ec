/**
 * End to end in Chromium (issue 18, part 3): a supervisor sets a minimum stay and closes a day to
 * arrival on the inventory calendar, which marks them; gives a hotel its own cancellation policy;
 * an agent's hotel search then shows a stay the rule refuses, and will not add it to the booking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HotelOffer } from '../../shared/contract';
import { axeProblems, openPage, saveShot } from './support/browser';
import { startStandaloneWorld, type StandaloneWorld } from './standalone/world';

let w: StandaloneWorld;

beforeAll(async () => {
  w = await startStandaloneWorld({ prefix: 'tripdesk-e2e-rates-' });
}, 180_000);

afterAll(async () => {
  await w?.close();
});

/** The 1st of next month (UTC, as the calendar counts), and a day of that month. */
function nextMonthDay(day: number): string {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return `${first.toISOString().slice(0, 8)}${String(day).padStart(2, '0')}`;
}

describe('rate rules in the browser', () => {
  it('a supervisor sets a minimum stay and a day closed to arrival on the calendar and a hotel policy; an agent sees the rule in search', async () => {
    const arrive = nextMonthDay(10);
    const closed = nextMonthDay(15);
    const token = await w.session('supervisor');
    const { items } = await w.call<{ items: HotelOffer[] }>(token, 'hotels.search', { checkIn: arrive, checkOut: nextMonthDay(13), limit: 1 });
    const offer = items[0]!;

    const sup = await openPage(w.browser);
    try {
      const page = sup.page;
      await w.signIn(page, 'supervisor');
      await page.goto(`${w.bridge.url}/#/inventory`);
      await page.getByRole('textbox', { name: 'City' }).fill(offer.city);
      await page.getByRole('button', { name: 'Find room types' }).click();
      const roomType = page.getByRole('combobox', { name: /^Room type/ });
      const label = `${offer.hotelName} — ${offer.roomTypeName} (${offer.city})`;
      await expect.poll(() => roomType.locator('option', { hasText: label }).count()).toBe(1);
      await roomType.selectOption({ label });
      await page.getByRole('button', { name: /Next month/ }).click();
      const day = (d: string) => page.locator(`button[data-date="${d}"]`);
      await expect.poll(() => day(arrive).textContent()).toContain('left');

      // 10th to 12th: stays arriving then need three nights.
      await day(arrive).click();
      await day(nextMonthDay(12)).click();
      const rules = page.getByRole('form', { name: 'Rate rules for the selected nights' });
      await rules.getByLabel('Minimum stay (nights)').fill('3');
      await rules.getByRole('button', { name: 'Set rules' }).click();
      await expect.poll(() => rules.getByRole('status').textContent()).toBe('Rate rules set on 3 nights.');
      // The 15th: no check-ins.
      await page.getByRole('button', { name: 'Clear selection' }).click();
      await day(closed).click();
      await rules.getByLabel('Arrival').selectOption('closed');
      await rules.getByRole('button', { name: 'Set rules' }).click();
      await expect.poll(() => day(closed).textContent()).toContain('CTA');
      // The form starts again from "unchanged": the 15th got no minimum stay.
      expect(await day(closed).textContent()).not.toContain('Min');
      for (const d of [arrive, nextMonthDay(11), nextMonthDay(12)]) expect(await day(d).textContent(), d).toContain('Min 3');
      expect(await day(nextMonthDay(13)).textContent()).not.toContain('Min');
      expect(await page.getByLabel('Rate rule markers').textContent()).toContain('closed to arrival');
      // The calendar from its title down, below the sticky banner.
      await page.getByRole('heading', { name: /: [A-Z][a-z]+ \d{4}$/ }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
      await page.mouse.move(700, 500);
      await page.mouse.wheel(0, -70);
      await saveShot(page, 'rates-01-calendar-rules');
      expect(await axeProblems(page)).toEqual([]);

      // The hotel's own cancellation policy, in the Catalogue.
      await page.goto(`${w.bridge.url}/#/catalog/hotels`);
      await page.getByRole('textbox', { name: 'Name or city' }).fill(offer.hotelName);
      await page.getByRole('button', { name: 'Find', exact: true }).click();
      await page.getByRole('button', { name: `Edit ${offer.hotelName}` }).click();
      const form = page.getByRole('form', { name: `Edit ${offer.hotelName}` });
      await form.getByLabel(/This hotel has its own policy/).check();
      await form.getByLabel('Free cancellation until (hours before check-in)').fill('72');
      await form.getByLabel('Then a fee of (%)').fill('50');
      await saveShot(page, 'rates-02-hotel-policy');
      expect(await axeProblems(page)).toEqual([]);
      await form.getByRole('button', { name: 'Save hotel' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: `Saved ${offer.hotelName}.` }).count()).toBe(1);
      await page.goto(`${w.bridge.url}/#/hotels/${offer.hotelId}`);
      await expect.poll(() => page.getByText("free until 72 h before check-in, then a 50% fee (this hotel's policy)").count()).toBe(1);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await sup.context.close();
    }

    const agent = await openPage(w.browser);
    try {
      const page = agent.page;
      await w.signIn(page, 'agent');
      await page.goto(`${w.bridge.url}/#/search/hotels`);
      await page.getByRole('textbox', { name: 'City', exact: true }).fill(offer.city);
      await page.getByLabel('Check-in').fill(arrive);
      await page.getByLabel('Check-out').fill(nextMonthDay(12));
      await page.getByRole('button', { name: 'Search hotels' }).click();
      const results = page.getByRole('table', { name: 'Hotel results' });
      const row = results.locator('tbody tr[data-index]', { hasText: offer.roomTypeName }).filter({ hasText: offer.hotelName });
      await expect.poll(() => row.count()).toBeGreaterThan(0);
      await expect.poll(() => row.first().textContent()).toContain(`Minimum stay 3 nights from ${arrive}`);
      expect(await row.first().getByRole('button', { name: `Add ${offer.hotelName}, ${offer.roomTypeName} to the booking` }).isDisabled()).toBe(true);
      await saveShot(page, 'rates-03-search-restriction');
      expect(await axeProblems(page)).toEqual([]);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await agent.context.close();
    }
  }, 150_000);
});
