/**
 * End to end: the built renderer in Debian's Chromium, driven by playwright-core, talking to the
 * real core (standalone SQLite with demo data) through the loopback web bridge.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, nameTraveller, openPage, saveShot } from './support/browser';
import { PASSWORD, TOKEN, startStandaloneWorld, utcDay, type StandaloneWorld } from './standalone/world';
import { passengers, leadGuest } from '../support/travellers';
import { localDate, toLocalIso, zoneAbbreviation } from '../../shared/localTime';
import { pdfText } from '../support/pdfText';

interface HotelOfferLite { hotelId: number; hotelName: string; city: string; roomTypeId: number; totalCents: number }

let w: StandaloneWorld;

beforeAll(async () => {
  w = await startStandaloneWorld({ prefix: 'tripdesk-e2e-' });
}, 180_000);

afterAll(async () => {
  await w?.close();
});

describe('TripDesk in the browser, standalone', () => {
  it('an agent signs in and the banner says Standalone', async () => {
    const { context, page } = await openPage(w.browser);
    try {
      await page.goto(`${w.bridge.url}/#token=${TOKEN}`);
      // The token leaves the address bar at once.
      await expect.poll(() => page.url()).not.toContain('token=');
      await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).count()).toBe(1);
      await saveShot(page, '01-sign-in');
      expect(await axeProblems(page)).toEqual([]);

      await page.getByLabel('Email').fill('agent@tripdesk.test');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const mode = page.getByTestId('mode');
      await expect.poll(() => mode.textContent()).toContain('Standalone');
      await expect.poll(() => page.getByText('0 pending sync').count()).toBe(1);
      // Agents see no supervisor or admin screens.
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Inventory' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Operators' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Needs attention' }).count()).toBe(1);
      await saveShot(page, '02-frame-search');
      expect(await axeProblems(page)).toEqual([]);

      // A reload keeps the session (the tab's storage), then sign out returns to the form.
      await page.reload();
      await expect.poll(() => page.getByTestId('mode').textContent()).toContain('Standalone');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).count()).toBe(1);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('dark theme: the toggle switches and the screen stays readable', async () => {
    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'agent');
      await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await saveShot(page, '03-frame-dark');
      expect(await axeProblems(page)).toEqual([]);
      await page.getByRole('button', { name: 'Switch to light theme' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('an agent searches a flight, holds it, books it with a new card, sees the record, cancels and sees the refund', async () => {
    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'agent');
      await page.goto(`${w.bridge.url}/#/search/flights`);
      await page.getByRole('button', { name: 'Search flights' }).click();
      const results = page.getByRole('table', { name: 'Flight results' });
      await expect.poll(() => results.locator('tbody tr[data-index]').count()).toBeGreaterThan(5);
      // Virtualized: far fewer rows in the DOM than results loaded.
      const rendered = await results.locator('tbody tr[data-index]').count();
      expect(rendered).toBeLessThan(80);
      await saveShot(page, '04-search-flights');
      expect(await axeProblems(page)).toEqual([]);

      await results.getByRole('button', { name: /^Hold 1 seat on / }).first().click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Held 1 seat' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Continue to booking' }).click();

      await expect.poll(() => page.getByRole('heading', { name: 'New booking' }).count()).toBe(1);
      await expect.poll(() => page.getByRole('timer').count()).toBe(1);
      expect(await page.getByRole('timer').textContent()).toMatch(/Hold expires in \d+:\d\d/);
      // The customer needs a little longer: the agent extends the hold once, from the keyboard.
      const minutesLeft = async () => Number(/in (\d+):/.exec((await page.getByRole('timer').textContent()) ?? '')?.[1]);
      expect(await minutesLeft()).toBeLessThanOrEqual(15);
      await page.getByRole('button', { name: /^Extend hold on / }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(minutesLeft).toBeGreaterThanOrEqual(29);
      expect(await page.getByRole('button', { name: /^Extend hold on / }).count()).toBe(0);
      await page.getByRole('button', { name: /^Select / }).first().click();
      await nameTraveller(page, /^Passenger 1, /);
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry (MM/YY)').fill('12/34');
      await page.getByLabel('CVC').fill('123');
      await saveShot(page, '05-booking-flow');
      expect(await axeProblems(page)).toEqual([]);
      await page.getByRole('button', { name: /^Confirm booking for / }).click();

      await expect.poll(() => page.getByRole('heading', { name: /^Booking [A-HJ-NP-Z2-9]{6}$/ }).count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => page.getByText('captured').count()).toBeGreaterThan(0);
      // The confirmation gives the locator to read out, and the agent reads the booking's history.
      await expect.poll(() => page.getByText(/^Booked\. Record locator [A-HJ-NP-Z2-9]{6}: give it to the customer\.$/).count()).toBe(1);
      await expect.poll(() => page.getByRole('region', { name: 'History' }).getByText(/Booked 1 item for \$[\d,]+\.\d\d/).count()).toBe(1);
      await saveShot(page, '06-booking-record');
      expect(await axeProblems(page)).toEqual([]);

      await page.getByRole('button', { name: 'Cancel booking…' }).click();
      await page.getByLabel('Reason').fill('Customer changed plans');
      await page.getByRole('button', { name: 'Preview refund' }).click();
      await expect.poll(() => page.getByTestId('refund-preview').count()).toBe(1);
      const preview = (await page.getByTestId('refund-preview').textContent()) ?? '';
      expect(preview).toMatch(/Refund \$[\d,]+\.\d\d/);
      await saveShot(page, '07-cancel-preview');
      await page.getByRole('button', { name: /^Confirm cancellation/ }).click();
      await expect.poll(() => page.getByTestId('booking-status').textContent()).toContain('cancelled');
      await expect.poll(() => page.getByTestId('refunded-total').textContent()).toMatch(/\$[\d,]+\.\d\d/);
      await saveShot(page, '08-booking-cancelled');

      // The customer's itinerary: a PDF the core made, naming the booking's locator.
      const locator = ((await page.getByRole('heading', { name: /^Booking / }).textContent()) ?? '').replace('Booking ', '');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download itinerary' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const pdf = fs.readFileSync(await download.path());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(await pdfText({ fileName: download.suggestedFilename(), contentType: 'application/pdf', base64: pdf.toString('base64') })).toContain(locator);

      // The printed record: no navigation, no buttons, a printed-by line.
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Download itinerary' }).isVisible()).toBe(false);
      expect(await page.getByText(/itinerary and invoice, printed/).isVisible()).toBe(true);
      await saveShot(page, '20-print-itinerary', { fullPage: true });
      await page.emulateMedia({ media: 'screen' });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the demo agent books JFK → LAX tomorrow for two named travellers, reads the locator and local times, and finds the booking by its locator', async () => {
    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'agent');
      await page.goto(`${w.bridge.url}/#/search/flights`);
      const search = page.getByRole('form', { name: 'Search flights' });
      await search.getByLabel('From').fill('JFK');
      await search.getByLabel('To').fill('LAX');
      // "Tomorrow" is a date on the New York clock: the search means the local departure date at the origin.
      const tomorrow = localDate(Date.now() + 86_400_000, 'America/New_York');
      await search.getByLabel('Date').fill(tomorrow);
      await search.getByLabel('Passengers').fill('2');
      await search.getByRole('button', { name: 'Search flights' }).click();
      const results = page.getByRole('table', { name: 'Flight results' });
      await expect.poll(() => results.locator('tbody tr[data-index]').count(), { timeout: 15_000 }).toBeGreaterThan(2);

      // Every row departs JFK on that local date, at New York's clock, and lands on Los Angeles' clock.
      const rows = await results.locator('tbody tr[data-index]').allTextContents();
      for (const r of rows) {
        expect(r).toContain('JFK → LAX');
        expect(r).toMatch(/E[SD]T/);
        expect(r).toMatch(/P[SD]T/);
        expect(r).not.toContain('UTC');
      }
      const hold = results.getByRole('button', { name: /^Hold 2 seats on / }).first();
      const label = (await hold.getAttribute('aria-label')) ?? '';
      const [, flightNumber, departs] = /^Hold 2 seats on (\S+) departing (.+)$/.exec(label) ?? [];
      // What the row says is what the time-zone database says for that flight's instant.
      const token = await w.session('agent');
      const offers = await w.call<{ items: Array<{ flightNumber: string; departUtc: string; departureLocal: string }> }>(token, 'flights.search', { from: 'JFK', to: 'LAX', date: tomorrow, passengers: 2, limit: 500 });
      const offer = offers.items.find((o) => o.flightNumber === flightNumber);
      expect(offer?.departureLocal).toBe(toLocalIso(offer?.departUtc ?? '', 'America/New_York'));
      expect(offer?.departureLocal.slice(0, 10)).toBe(tomorrow);
      expect(departs).toContain(`${offer?.departureLocal.slice(11, 16)} ${zoneAbbreviation(offer?.departUtc ?? '', 'America/New_York')}`);
      await saveShot(page, '21-search-jfk-lax');

      await hold.click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Held 2 seats' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Continue to booking' }).click();
      await expect.poll(() => page.getByRole('heading', { name: 'New booking' }).count()).toBe(1);
      await page.getByRole('button', { name: /^Select / }).first().click();
      await nameTraveller(page, /^Passenger 1, /, { givenNames: 'Grace', familyName: 'Hopper', dateOfBirth: '1986-12-09' });
      await nameTraveller(page, /^Passenger 2, /, { givenNames: "Mary-Kate", familyName: "O'Neil", dateOfBirth: '1990-04-02' });
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry (MM/YY)').fill('12/34');
      await page.getByLabel('CVC').fill('123');
      await saveShot(page, '22-booking-two-travellers');
      expect(await axeProblems(page)).toEqual([]);
      await page.getByRole('button', { name: /^Confirm booking for / }).click();

      const heading = page.getByRole('heading', { name: /^Booking [A-HJ-NP-Z2-9]{6}$/ });
      await expect.poll(() => heading.count(), { timeout: 20_000 }).toBe(1);
      const locator = ((await heading.textContent()) ?? '').replace('Booking ', '');
      await expect.poll(() => page.getByText(`Booked. Record locator ${locator}: give it to the customer.`).count()).toBe(1);
      // The itinerary reads the departure as the search did, at the airport's clock.
      const itinerary = page.getByRole('region', { name: 'Itinerary' });
      expect(await itinerary.textContent()).toContain(departs);
      expect(await itinerary.textContent()).not.toContain('UTC');
      const travellers = page.getByRole('table', { name: /^Travellers on / });
      await expect.poll(() => travellers.getByRole('row').count()).toBe(3);
      expect(await travellers.textContent()).toContain('Grace Hopper');
      expect(await travellers.textContent()).toContain("Mary-Kate O'Neil");
      await saveShot(page, '23-booking-locator-travellers', { fullPage: true });

      // Later, the customer calls back with the locator: the bookings list finds it, and so does Ctrl K.
      await page.goto(`${w.bridge.url}/#/bookings`);
      await page.getByLabel(/record locator/).fill(locator.toLowerCase());
      await page.getByRole('button', { name: 'Find bookings' }).click();
      await expect.poll(() => page.getByRole('link', { name: locator }).count()).toBe(1);
      await page.keyboard.press('Control+k');
      await page.getByRole('combobox', { name: 'Type a command' }).fill(locator);
      await expect.poll(() => page.getByRole('option', { name: new RegExp(`^Open booking ${locator} — `) }).count()).toBe(1);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('heading', { name: `Booking ${locator}` }).count()).toBe(1);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('a price change between quote and booking opens the dialog with both totals; accepting books at the new total', async () => {
    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'agent');
      await page.goto(`${w.bridge.url}/#/search/hotels`);
      await page.getByRole('button', { name: 'Search hotels' }).click();
      const results = page.getByRole('table', { name: 'Hotel results' });
      await expect.poll(() => results.locator('tbody tr[data-index]').count()).toBeGreaterThan(0);
      const firstRow = results.locator('tbody tr[data-index="0"]');
      const roomTypeId = Number(await firstRow.getAttribute('data-row-id'));
      await firstRow.getByRole('button', { name: /^Add / }).click();
      await page.getByRole('button', { name: 'Continue to booking' }).click();

      // A new customer, made on the spot.
      await page.getByRole('button', { name: 'New customer' }).click();
      await page.getByLabel('First name').fill('Ada');
      await page.getByLabel('Last name').fill('Quoteworth');
      await page.getByLabel('Customer email').fill(`ada.${Date.now()}@example.com`);
      await page.getByRole('button', { name: 'Create customer' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Change customer' }).count()).toBe(1);
      await nameTraveller(page, /^Lead guest, /, { givenNames: 'Ada', familyName: 'Quoteworth', dateOfBirth: '1979-02-14' });
      await page.getByLabel('Card number').fill('4242 4242 4242 4242');
      await page.getByLabel('Expiry (MM/YY)').fill('12/34');
      await page.getByLabel('CVC').fill('123');
      const quoted = (await page.getByTestId('trip-total').textContent()) ?? '';

      // Meanwhile a supervisor raises the first night by $50.
      const sup = await w.session('supervisor');
      const checkIn = utcDay(14);
      const [night] = await w.call<{ priceCents: number }[]>(sup, 'inventory.hotels.days', { roomTypeId, from: checkIn, to: checkIn });
      await w.call(sup, 'inventory.hotels.setDays', { roomTypeId, from: checkIn, to: checkIn, priceCents: night!.priceCents + 5_000 });

      await page.getByRole('button', { name: /^Confirm booking for / }).click();
      const dialog = page.getByRole('dialog', { name: 'The price has changed' });
      await expect.poll(() => dialog.count()).toBe(1);
      expect(await dialog.getByTestId('old-total').textContent()).toBe(quoted);
      expect(await dialog.getByText('+$50.00').count()).toBe(1);
      const newTotal = (await dialog.getByTestId('new-total').textContent()) ?? '';
      await saveShot(page, '17-price-changed');
      expect(await axeProblems(page)).toEqual([]);
      await dialog.getByRole('button', { name: /^Accept .* and book$/ }).click();

      await expect.poll(() => page.getByRole('heading', { name: /^Booking [A-HJ-NP-Z2-9]{6}$/ }).count(), { timeout: 20_000 }).toBe(1);
      // The heading comes with the booking's route; its facts render with the record (a moment later on a busy machine).
      await expect.poll(() => page.locator('.facts').getByText(newTotal, { exact: true }).count()).toBe(1);

      // The customer's profile lists the booking.
      await page.getByRole('link', { name: 'Ada Quoteworth' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Ada Quoteworth' }).count()).toBe(1);
      await expect.poll(() => page.getByRole('region', { name: 'Bookings' }).locator('tbody tr').count()).toBe(1);
      await saveShot(page, '10-customer-profile');
      expect(await axeProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a supervisor sees a booking history, and a bulk inventory edit below what is booked is refused on the days concerned', async () => {
    // Arrange: an agent books two nights somewhere.
    const agent = await w.session('agent');
    const checkIn = utcDay(2);
    const checkOut = utcDay(4);
    const { items: offers } = await w.call<{ items: HotelOfferLite[] }>(agent, 'hotels.search', { checkIn, checkOut, rooms: 1, limit: 5 });
    const offer = offers[0]!;
    const { items: [customer] } = await w.call<{ items: { id: number }[] }>(agent, 'customers.search', { q: '', limit: 1 });
    const booking = await w.call<{ id: number }>(agent, 'bookings.create', {
      customerId: customer!.id, expectedTotalCents: offer.totalCents,
      items: [{ kind: 'hotel', roomTypeId: offer.roomTypeId, checkIn, checkOut, rooms: 1, guests: 1, travellers: [leadGuest()] }],
      payment: { kind: 'card', card: { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' } },
    });

    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'supervisor');
      await page.goto(`${w.bridge.url}/#/bookings/${booking.id}`);
      const history = page.getByRole('region', { name: 'History' });
      await expect.poll(() => history.getByText(/Booked 1 item for \$/).count()).toBe(1);
      await saveShot(page, '18-booking-history');

      await page.goto(`${w.bridge.url}/#/inventory`);
      await page.getByRole('textbox', { name: 'City', exact: true }).fill(offer.city);
      await page.getByRole('button', { name: 'Find room types' }).click();
      const picker = page.getByRole('combobox', { name: /^Room type/ });
      await expect.poll(() => picker.locator(`option[value="${offer.roomTypeId}"]`).count()).toBe(1);
      await picker.selectOption(String(offer.roomTypeId));
      if (checkIn.slice(0, 7) !== utcDay(0).slice(0, 7)) await page.getByRole('button', { name: 'Next month' }).click();
      const first = page.locator(`button.day[data-date="${checkIn}"]`);
      await expect.poll(() => first.textContent()).toMatch(/left/);
      await first.click();
      await page.locator(`button.day[data-date="${utcDay(3)}"]`).click();
      expect(await page.locator('button.day[aria-pressed="true"]').count()).toBe(2);

      await page.getByLabel('Rooms available').fill('0');
      await page.getByRole('button', { name: 'Apply to selected days' }).click();
      await expect.poll(() => page.locator('button.day.conflict').count()).toBe(2);
      expect(await page.getByRole('alert').filter({ hasText: 'already have more booked' }).count()).toBe(1);
      expect(await first.textContent()).toContain('Problem: 1 already booked');
      await saveShot(page, '11-inventory');
      expect(await axeProblems(page)).toEqual([]);

      await page.getByLabel('Rooms available').fill('');
      await page.getByLabel('Price per day ($)').fill('199');
      await page.getByRole('button', { name: 'Apply to selected days' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: '2 days changed.' }).count()).toBe(1);
      await expect.poll(() => first.textContent()).toContain('$199.00');
      expect(await page.locator('button.day.conflict').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a supervisor reads a hotel rating summary, replies to a review and hides one', async () => {
    const agent = await w.session('agent');
    const { items } = await w.call<{ items: HotelOfferLite[] }>(agent, 'hotels.search', { checkIn: utcDay(14), checkOut: utcDay(15), limit: 50 });
    const reviewed: HotelOfferLite[] = [];
    for (const h of items) {
      const page = await w.call<{ items: unknown[] }>(agent, 'reviews.list', { targetKind: 'hotel', targetId: h.hotelId, limit: 2 });
      if (page.items.length >= 2) { reviewed.push(h); break; }
    }
    const hotel = reviewed[0];
    if (!hotel) throw new Error('the demo data has no hotel with two reviews');
    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'supervisor');
      await page.goto(`${w.bridge.url}/#/reviews`);
      await page.getByRole('textbox', { name: 'City', exact: true }).fill(hotel!.city);
      await page.getByRole('button', { name: 'Find hotels' }).click();
      const found = page.getByRole('combobox', { name: /^Found/ });
      await expect.poll(() => found.locator(`option[value="${hotel!.hotelId}"]`).count()).toBe(1);
      await found.selectOption(String(hotel!.hotelId));
      await expect.poll(() => page.getByRole('heading', { level: 2, name: hotel!.hotelName, exact: false }).count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByLabel('Rating summary').count()).toBe(1);
      const list = page.getByRole('list', { name: 'Reviews' });
      await expect.poll(() => list.locator('li.review').count()).toBeGreaterThan(1);

      const firstReview = list.locator('li.review').first();
      await firstReview.getByRole('button', { name: /^(Reply to|Edit reply to) / }).click();
      await firstReview.getByLabel('Reply', { exact: true }).fill('Thank you for telling us; we have spoken to housekeeping.');
      await firstReview.getByRole('button', { name: 'Post reply' }).click();
      await expect.poll(() => firstReview.getByText('we have spoken to housekeeping').count()).toBe(1);

      const second = list.locator('li.review').nth(1);
      await second.getByRole('button', { name: /^Hide:/ }).click();
      await second.getByLabel('Reason for hiding').fill('Personal data in the text');
      await second.getByRole('button', { name: 'Hide review' }).click();
      await expect.poll(() => second.getByText(/hidden: Personal data/).count()).toBe(1);
      await saveShot(page, '12-reviews');
      expect(await axeProblems(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('needs attention lists the agent\'s seat holds with a countdown and declined payments', async () => {
    const agent = await w.session('agent');
    const { items: flights } = await w.call<{ items: { id: number; priceCents: number }[] }>(agent, 'flights.search', { date: utcDay(5), limit: 3 });
    await w.call(agent, 'holds.create', { flightId: flights[0]!.id, seats: 2 });
    const { items: [customer] } = await w.call<{ items: { id: number }[] }>(agent, 'customers.search', { q: '', limit: 1 });
    const declined = await w.call<{ id: number; status: string; locator: string }>(agent, 'bookings.create', {
      customerId: customer!.id, expectedTotalCents: flights[1]!.priceCents,
      items: [{ kind: 'flight', flightId: flights[1]!.id, seats: 1, travellers: passengers(1) }],
      payment: { kind: 'card', card: { number: '4000000000000002', expMonth: 12, expYear: 2034, cvc: '123' } },
    });
    expect(declined.status).toBe('payment_failed');

    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'agent');
      await page.keyboard.press('Alt+6');
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Needs attention' }).count()).toBe(1);
      const holds = page.getByRole('region', { name: 'Holds expiring soon' });
      await expect.poll(() => holds.getByRole('timer').count()).toBeGreaterThan(0);
      const payments = page.getByRole('region', { name: 'Failed payments' });
      await expect.poll(() => payments.getByRole('link', { name: declined.locator }).count()).toBe(1);
      await saveShot(page, '13-needs-attention');
      expect(await axeProblems(page)).toEqual([]);
      await holds.getByRole('button', { name: /^Release the hold/ }).first().click();
      await expect.poll(() => holds.getByRole('timer').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a flight that sold out meanwhile offers the same route on other days; holding one of them works', async () => {
    const agent = await w.session('agent');
    const { items: [sample] } = await w.call<{ items: { from: string; to: string }[] }>(agent, 'flights.search', { date: utcDay(6), limit: 1 });
    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'agent');
      await page.goto(`${w.bridge.url}/#/search/flights`);
      await page.getByRole('combobox', { name: 'From', exact: true }).fill(sample!.from);
      await page.getByRole('combobox', { name: 'To', exact: true }).fill(sample!.to);
      await page.getByRole('button', { name: 'Search flights' }).click();
      const results = page.getByRole('table', { name: 'Flight results' });
      await expect.poll(() => results.locator('tbody tr[data-index]').count()).toBeGreaterThan(2);
      const firstRow = results.locator('tbody tr[data-index="0"]');
      const flightId = Number(await firstRow.getAttribute('data-row-id'));

      // Another console sells the rest of the seats: the supervisor shrinks the flight to what is taken.
      const sup = await w.session('supervisor');
      const { items: [f] } = await w.call<{ items: { seatsTotal: number; seatsAvailable: number }[] }>(sup, 'flights.search', { from: sample!.from, to: sample!.to, limit: 1 });
      await w.call(sup, 'inventory.flights.update', { flightId, seatsTotal: f!.seatsTotal - f!.seatsAvailable });

      await firstRow.getByRole('button', { name: /^Hold / }).click();
      const dialog = page.getByRole('dialog', { name: /is sold out$/ });
      await expect.poll(() => dialog.count()).toBe(1);
      await expect.poll(() => dialog.getByRole('button', { name: /^Choose: / }).count()).toBeGreaterThan(0);
      await saveShot(page, '19-sold-out-alternatives');
      expect(await axeProblems(page)).toEqual([]);
      await dialog.getByRole('button', { name: /^Choose: / }).first().click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Held 1 seat' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a supervisor sees the main screens with no serious accessibility problems', async () => {
    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'supervisor');
      const screens: [string, string, RegExp][] = [
        ['/bookings', '09-bookings', /Bookings/],
        ['/customers', '10-customers', /Customers/],
        ['/inventory', '', /Inventory/],
        ['/reviews', '', /Reviews/],
        ['/attention', '', /Needs attention/],
        ['/settings', '14-settings', /Settings/],
        ['/search/hotels', '', /Search/],
        ['/search/cars', '', /Search/],
        ['/book', '', /New booking/],
      ];
      const problems: string[] = [];
      for (const [route, name, heading] of screens) {
        await page.goto(`${w.bridge.url}/#${route}`);
        await expect.poll(() => page.getByRole('heading', { level: 1, name: heading }).count()).toBe(1);
        await page.waitForLoadState('networkidle');
        if (name) await saveShot(page, name);
        problems.push(...(await axeProblems(page)).map((p) => `${route}: ${p}`));
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('an admin creates, promotes and deactivates an operator, and Ctrl+K opens the command palette', async () => {
    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'admin');
      await page.keyboard.press('Alt+7');
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Operators' }).count()).toBe(1);
      await expect.poll(() => page.getByRole('cell', { name: 'agent@tripdesk.test', exact: true }).count()).toBe(1);
      await saveShot(page, '15-operators');
      expect(await axeProblems(page)).toEqual([]);

      // Create an operator, promote, deactivate.
      const email = `e2e.${Date.now()}@tripdesk.test`;
      await page.getByRole('button', { name: 'New operator' }).click();
      await page.getByLabel('Name').fill('Erin Example');
      await page.getByLabel('Operator email').fill(email);
      await page.getByLabel(/^Initial password/).fill('correct-horse-battery');
      await page.getByRole('button', { name: 'Create operator' }).click();
      await expect.poll(() => page.getByRole('cell', { name: email, exact: true }).count()).toBe(1);
      await page.getByRole('combobox', { name: `Role of ${email}` }).selectOption('supervisor');
      await expect.poll(() => page.getByRole('combobox', { name: `Role of ${email}` }).inputValue()).toBe('supervisor');
      await page.getByRole('button', { name: `Deactivate ${email}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
      await expect.poll(() => page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) }).getByText('deactivated').count()).toBe(1);
      await page.keyboard.press('Control+k');
      await expect.poll(() => page.getByRole('combobox', { name: 'Type a command' }).count()).toBe(1);
      await page.keyboard.type('customers');
      await saveShot(page, '16-command-palette');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Customers' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 60_000);
});
