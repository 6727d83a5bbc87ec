/**
 * End to end in Chromium (issue 18, part 6): a supervisor lowers a flight's seats below what is
 * sold, overbooks it on purpose, finds the booking in Needs attention → Overbooked, moves it to
 * another flight on the route that day (the lower fare refunded), and the flight leaves the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../shared/contract';
import { passengers } from '../support/travellers';
import { axeProblems, openPage, saveShot } from './support/browser';
import { startStandaloneWorld, utcDay, type StandaloneWorld } from './standalone/world';

let w: StandaloneWorld;

beforeAll(async () => {
  w = await startStandaloneWorld({ prefix: 'tripdesk-e2e-overbooking-' });
}, 180_000);

afterAll(async () => {
  await w?.close();
});

const GOOD_CARD = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2035, cvc: '123' };

describe('overbooking resolution in the browser', () => {
  it('a supervisor overbooks a flight, sees its booking under Overbooked, moves it to another flight, and the flight leaves the list', async () => {
    const day = utcDay(20);
    const supervisor = await w.session('supervisor');
    const agent = await w.session('agent');
    type Saved = ChannelOutput<'catalog.flights.save'>;
    const flight = (flightNumber: string, departureLocal: string, arrivalLocal: string, priceCents: number) => w.call<Saved>(supervisor, 'catalog.flights.save', {
      flightNumber, airline: 'Overbook Air', from: 'JFK', to: 'LAX', departureLocal: `${day}T${departureLocal}`, arrivalLocal: `${day}T${arrivalLocal}`, seatsTotal: 8, priceCents,
    });
    const early = await flight('OB 100', '09:00', '12:20', 30_000);
    const later = await flight('OB 101', '15:00', '18:20', 25_000);
    const customer = await w.call<ChannelOutput<'customers.create'>>(agent, 'customers.create', { email: 'ob.traveller@example.com', firstName: 'Katherine', lastName: 'Johnson' });
    const ob100 = early.flight;
    const booking = await w.call<ChannelOutput<'bookings.create'>>(agent, 'bookings.create', {
      customerId: customer.id, items: [{ kind: 'flight', flightId: ob100.id, seats: 2, travellers: passengers(2) }],
      payment: { kind: 'card', card: GOOD_CARD }, expectedTotalCents: 60_000,
    });

    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'supervisor');
      // Inventory → Flights: fewer seats than are sold is refused, then overbooked on purpose.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inventory' }).click();
      await page.getByRole('tab', { name: /flights/i }).click();
      const find = page.getByRole('form', { name: 'Find flights to edit' });
      await find.getByLabel('From').fill('JFK');
      await find.getByLabel('To').fill('LAX');
      await find.getByLabel('Date').fill(day);
      await find.getByRole('button', { name: 'Find flights' }).click();
      const pick = page.getByRole('combobox', { name: 'Flight', exact: true });
      await expect.poll(() => pick.locator('option', { hasText: 'OB 100' }).count()).toBe(1);
      await pick.selectOption(String(ob100.id));
      const edit = page.getByRole('form', { name: 'Edit flight OB 100' });
      await edit.getByLabel('Seats in total').fill('0');
      await edit.getByRole('button', { name: 'Save flight' }).click();
      await expect.poll(() => page.getByRole('alert').filter({ hasText: /2 seats sold or held; it cannot shrink to 0/ }).count()).toBe(1);
      await page.getByRole('button', { name: /^Overbook: set 0 seats anyway/ }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'OB 100 is overbooked: 2 seat(s) over 0.' }).count()).toBe(1);

      // Needs attention → Overbooked: the booking, with its travellers, and a move to the later flight.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Needs attention/ }).click();
      const section = page.getByRole('region', { name: /^Overbooked/ });
      const row = section.getByRole('row', { name: `${booking.locator} on Overbook Air OB 100 JFK→LAX` });
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
      expect(await section.textContent()).toContain('2 seats booked for 0: 2 over');
      expect(await row.textContent()).toContain('Katherine Johnson');
      await row.getByRole('button', { name: `Move ${booking.locator}` }).click();
      const to = row.getByLabel(`Move ${booking.locator} to`);
      await expect.poll(() => to.locator('option', { hasText: 'OB 101' }).count()).toBe(1);
      const value = await to.locator('option', { hasText: 'OB 101' }).getAttribute('value');
      await to.selectOption(value ?? '');
      expect(await to.locator('option:checked').textContent()).toBe('Overbook Air OB 101 JFK→LAX · $500.00 ($100.00 refunded)');
      // The section from its heading down, for the README.
      await section.getByRole('heading', { name: /^Overbooked/ }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
      await saveShot(page, 'overbooking-01');
      expect(await axeProblems(page)).toEqual([]);
      await row.getByRole('button', { name: 'Move here' }).click();

      await expect.poll(() => section.getByRole('list', { name: 'Overbooking outcomes' }).textContent()).toContain(`${booking.locator}: moved, $100.00 refunded`);
      await expect.poll(() => section.textContent()).toContain('Nothing is overbooked');
      const moved = await w.call<ChannelOutput<'bookings.get'>>(agent, 'bookings.get', { bookingId: booking.id });
      expect(moved.items.filter((i) => i.status === 'active').map((i) => i.refId)).toEqual([later.flight.id]);
      expect(moved.refundedCents).toBe(10_000);
      expect(page.jsErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
