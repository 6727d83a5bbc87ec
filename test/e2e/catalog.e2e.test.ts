/**
 * End to end in Chromium (issue 18, parts 1 and 2): a supervisor adds a hotel with a room type in
 * the Catalogue and a photo to its gallery; an agent finds the new hotel, sees the photo and books it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, nameTraveller, openPage, saveShot } from './support/browser';
import { startStandaloneWorld, utcDay, type StandaloneWorld } from './standalone/world';

let w: StandaloneWorld;

beforeAll(async () => {
  w = await startStandaloneWorld({ prefix: 'tripdesk-e2e-catalog-' });
}, 180_000);

afterAll(async () => {
  await w?.close();
});

const PHOTO = 'https://photos.example.com/desert-rose-courtyard.jpg';

describe('the catalogue in the browser', () => {
  it('a supervisor adds a hotel, a room type and a photo; an agent finds the hotel and books it', async () => {
    const sup = await openPage(w.browser);
    try {
      const page = sup.page;
      await w.signIn(page, 'supervisor');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Catalogue' }).count()).toBe(1);
      await expect.poll(() => page.getByRole('table', { name: 'Hotels in the catalogue' }).locator('tbody tr').count()).toBeGreaterThan(0);

      await page.getByRole('button', { name: 'New hotel' }).click();
      const form = page.getByRole('form', { name: 'New hotel' });
      await form.getByLabel('Hotel name').fill('Desert Rose Inn');
      await form.getByLabel('Address').fill('7 Highland Ave');
      await form.getByLabel('City').fill('Marfa');
      await form.getByLabel('State').selectOption('TX');
      await form.getByLabel('Stars').selectOption('4');
      await form.getByLabel('Amenities (comma-separated)').fill('pool, free wifi, parking');
      await form.getByLabel('Check-in from').fill('16:00');
      await saveShot(page, 'catalog-01-new-hotel');
      expect(await axeProblems(page)).toEqual([]);
      await form.getByRole('button', { name: 'Add hotel' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Added Desert Rose Inn.' }).count()).toBe(1);

      const room = page.getByRole('form', { name: 'New room type at Desert Rose Inn' });
      await room.getByLabel('Room name').fill('Courtyard King');
      await room.getByLabel('Beds').fill('1 king');
      await room.getByLabel('Max guests').fill('2');
      await room.getByLabel('Base price a night ($)').fill('164.00');
      await room.getByLabel('Rooms a night (next 365 nights)').fill('4');
      await room.getByRole('button', { name: 'Add room type' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Added Courtyard King at Desert Rose Inn: on sale for the next 365 nights.' }).count()).toBe(1);
      await page.getByRole('textbox', { name: 'Name or city' }).fill('Marfa');
      await page.getByRole('button', { name: 'Find', exact: true }).click();
      const listed = page.getByRole('table', { name: 'Hotels in the catalogue' });
      await expect.poll(() => listed.getByRole('button', { name: /^Courtyard King.*edit this room type of Desert Rose Inn/ }).count()).toBe(1);
      await saveShot(page, 'catalog-02-hotels');
      expect(await axeProblems(page)).toEqual([]);

      // The hotel's own page: a gallery the supervisor fills.
      await listed.getByRole('link', { name: 'Desert Rose Inn' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Desert Rose Inn' }).count()).toBe(1);
      await page.getByLabel('Photo link').fill(PHOTO);
      await page.getByLabel('Caption').fill('The courtyard at dusk');
      await page.getByRole('button', { name: 'Add photo' }).click();
      const gallery = page.getByRole('list', { name: 'Photos of Desert Rose Inn' });
      await expect.poll(() => gallery.locator('p', { hasText: 'The courtyard at dusk' }).count()).toBe(1);
      await page.getByLabel('Photo link').fill('https://photos.example.com/desert-rose-pool.jpg');
      await page.getByLabel('Caption').fill('Pool');
      await page.getByRole('button', { name: 'Add photo' }).click();
      await expect.poll(() => gallery.locator('li').count()).toBe(2);
      // The pool first: it becomes the thumbnail agents see in search results.
      await page.getByRole('button', { name: 'Move photo 2 earlier' }).click();
      await expect.poll(() => gallery.locator('li').first().textContent()).toContain('Pool');
      await page.getByRole('button', { name: 'Remove photo 1' }).click();
      await expect.poll(() => gallery.locator('li').count()).toBe(1);
      expect(await gallery.locator('li').first().textContent()).toContain('The courtyard at dusk');
      await saveShot(page, 'catalog-03-hotel-gallery', { fullPage: true });
      expect(await axeProblems(page)).toEqual([]);

      // A flight taken off sale: searches skip it, the Catalogue finds it with "Show off-sale" and puts it back.
      const day = utcDay(30);
      const token = await w.session('supervisor');
      const { flight } = await w.call<{ flight: { id: number } }>(token, 'catalog.flights.save', {
        flightNumber: 'TD 950', airline: 'TripDesk Air', from: 'JFK', to: 'LAX', departureLocal: `${day}T07:05`, arrivalLocal: `${day}T10:30`, seatsTotal: 40, priceCents: 19_900, active: false,
      });
      await page.goto(`${w.bridge.url}/#/catalog/flights`);
      const find = page.getByRole('search', { name: 'Find flights to edit' });
      await find.getByLabel('From').selectOption('JFK');
      await find.getByLabel('Date (local at origin)').fill(day);
      await find.getByRole('button', { name: 'Find flights' }).click();
      const flights = page.getByRole('table', { name: 'Flights to edit' });
      await expect.poll(() => flights.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await flights.locator('tbody tr', { hasText: 'TD 950' }).count()).toBe(0);
      await find.getByLabel('Show off-sale').check();
      await find.getByRole('button', { name: 'Find flights' }).click();
      const td950 = flights.locator('tbody tr', { hasText: 'TD 950' });
      await expect.poll(() => td950.count()).toBe(1);
      expect(await td950.textContent()).toContain('Off sale');
      await td950.scrollIntoViewIfNeeded();
      await saveShot(page, 'catalog-05-flight-off-sale');
      expect(await axeProblems(page)).toEqual([]);
      await td950.getByRole('button', { name: `Put back on sale TD 950 on ${day}` }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: `Saved TripDesk Air TD 950 JFK→LAX, departs ${day} 07:05, 40 seats at $199.00.` }).count()).toBe(1);
      await expect.poll(() => td950.textContent()).toContain('On sale');
      const onSale = await w.call<{ items: Array<{ id: number }> }>(token, 'flights.search', { from: 'JFK', to: 'LAX', date: day, limit: 200 });
      expect(onSale.items.map((f) => f.id)).toContain(flight.id);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await sup.context.close();
    }

    const agent = await openPage(w.browser);
    try {
      const page = agent.page;
      await w.signIn(page, 'agent');
      // Agents have no Catalogue, but the hotel's page with its photos is theirs too.
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).count()).toBe(0);
      await page.goto(`${w.bridge.url}/#/search/hotels`);
      await page.getByRole('textbox', { name: 'City', exact: true }).fill('Marfa');
      await page.getByRole('button', { name: 'Search hotels' }).click();
      const results = page.getByRole('table', { name: 'Hotel results' });
      await expect.poll(() => results.locator('tbody tr[data-index]').count()).toBe(1);
      expect(await results.getByRole('img', { name: 'Photo of Desert Rose Inn' }).count()).toBe(1);
      await results.getByRole('link', { name: 'Desert Rose Inn' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Desert Rose Inn' }).count()).toBe(1);
      await expect.poll(() => page.getByRole('list', { name: 'Photos of Desert Rose Inn' }).locator('p', { hasText: 'The courtyard at dusk' }).count()).toBe(1);
      expect(await page.getByRole('table', { name: 'Rooms of Desert Rose Inn' }).getByText('Courtyard King').count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Add photo' }).count()).toBe(0);
      await saveShot(page, 'catalog-04-hotel-page-agent');
      await page.goBack();

      await page.getByRole('button', { name: 'Search hotels' }).click();
      await expect.poll(() => results.locator('tbody tr[data-index]').count()).toBe(1);
      await results.getByRole('button', { name: 'Add Desert Rose Inn, Courtyard King to the booking' }).click();
      await page.getByRole('button', { name: 'Continue to booking' }).click();
      await page.getByRole('button', { name: 'New customer' }).click();
      await page.getByLabel('First name').fill('Georgia');
      await page.getByLabel('Last name').fill('Okeeffe');
      await page.getByLabel('Customer email').fill(`georgia.${Date.now()}@example.com`);
      await page.getByRole('button', { name: 'Create customer' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Change customer' }).count()).toBe(1);
      await nameTraveller(page, /^Lead guest, /, { givenNames: 'Georgia', familyName: 'Okeeffe', dateOfBirth: '1987-11-15' });
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry (MM/YY)').fill('12/34');
      await page.getByLabel('CVC').fill('123');
      // Three nights at the base price the supervisor gave.
      expect(await page.getByTestId('trip-total').textContent()).toBe('$492.00');
      await page.getByRole('button', { name: /^Confirm booking for / }).click();
      await expect.poll(() => page.getByRole('heading', { name: /^Booking [A-HJ-NP-Z2-9]{6}$/ }).count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => page.getByText(/Desert Rose Inn, Courtyard King, 3 night/).count()).toBeGreaterThan(0);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await agent.context.close();
    }
  }, 120_000);
});
