/**
 * End to end in Chromium (issue 18, part 8): a supervisor merges a customer's duplicate record into
 * the one kept (its booking follows; the duplicate says where it went), then erases a customer's
 * personal data with a reason (the profile is anonymised; the booking and its payment stay).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booking, FlightOffer } from '../../shared/contract';
import { GOOD_CARD } from '../support/fixture';
import { passengers } from '../support/travellers';
import { axeProblems, openPage, saveShot } from './support/browser';
import { startStandaloneWorld, utcDay, type StandaloneWorld } from './standalone/world';

let w: StandaloneWorld;

beforeAll(async () => {
  w = await startStandaloneWorld({ prefix: 'tripdesk-e2e-customers-' });
}, 180_000);

afterAll(async () => {
  await w?.close();
});

/** A customer with one flight booked and paid by card, made on the core as the agent would. */
async function customerWithBooking(agent: string, who: { email: string; firstName: string; lastName: string; phone?: string }): Promise<{ id: number; booking: Booking }> {
  const customer = await w.call<{ id: number }>(agent, 'customers.create', who);
  const [flight] = (await w.call<{ items: FlightOffer[] }>(agent, 'flights.search', { date: utcDay(20), sort: 'price', limit: 1 })).items;
  const booking = await w.call<Booking>(agent, 'bookings.create', {
    customerId: customer.id, expectedTotalCents: flight!.priceCents,
    items: [{ kind: 'flight', flightId: flight!.id, seats: 1, travellers: passengers(1, who.lastName) }], payment: { kind: 'card', card: GOOD_CARD },
  });
  return { id: customer.id, booking };
}

describe('merging and erasing customers in the browser', () => {
  it('a supervisor merges a duplicate into the kept record, then erases a customer who asked, keeping the booking and its payment', async () => {
    const agent = await w.session('agent');
    const stamp = String(Date.now()).slice(-6);
    const kept = await w.call<{ id: number }>(agent, 'customers.create', { email: `grace.hopper.${stamp}@example.com`, firstName: 'Grace', lastName: 'Hopper' });
    const twin = await customerWithBooking(agent, { email: `g.hopper.${stamp}@navy.example`, firstName: 'Grace', lastName: 'Hopper', phone: '+1 212 555 0100' });
    const ada = await customerWithBooking(agent, { email: `ada.king.${stamp}@example.com`, firstName: 'Ada', lastName: 'Lovelace', phone: '+44 20 7946 0000' });

    const { context, page } = await openPage(w.browser);
    try {
      await w.signIn(page, 'supervisor');
      await page.goto(`${w.bridge.url}/#/customers/${kept.id}`);
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Grace Hopper' }).count()).toBe(1);
      const bookings = page.getByRole('region', { name: 'Bookings' }).getByRole('table');
      await expect.poll(() => bookings.getByText('No bookings yet.').count()).toBe(1);

      const merge = page.getByRole('form', { name: 'Merge another customer into this one' });
      // The finder starts from the kept record's name: the duplicate is offered, the kept record is not.
      const offered = merge.getByRole('list', { name: 'Records that may be the same person' });
      const pick = offered.getByRole('button', { name: `Pick Grace Hopper (g.hopper.${stamp}@navy.example, #${twin.id})` });
      await expect.poll(() => pick.count()).toBe(1);
      expect(await offered.getByRole('button', { name: new RegExp(`#${kept.id}\\)$`) }).count()).toBe(0);
      expect(await merge.getByRole('button', { name: 'Merge into this customer' }).isDisabled()).toBe(true);
      await pick.click();
      await merge.getByRole('button', { name: `Merge Grace Hopper (#${twin.id}) into this customer` }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: `Merged customer #${twin.id} into this one: moved 1 booking` }).count()).toBe(1);
      // The duplicate's booking is on the kept profile now, and the kept record took the phone it lacked.
      await expect.poll(() => bookings.getByRole('link', { name: twin.booking.locator }).count()).toBe(1);
      // The merged record is not offered again.
      await expect.poll(() => offered.getByText('No other record matches.').count()).toBe(1);
      expect(await page.locator('dl.facts').textContent()).toContain('+1 212 555 0100');
      await saveShot(page, 'customers-merge-01', { fullPage: true });
      expect(await axeProblems(page)).toEqual([]);

      // The merged record says where it went, and offers no second merge or erasure.
      await page.goto(`${w.bridge.url}/#/customers/${twin.id}`);
      await expect.poll(() => page.getByRole('status').filter({ hasText: `This record was merged into customer #${kept.id}.` }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Merge or erase' }).count()).toBe(0);
      await page.getByRole('button', { name: `Open customer #${kept.id}` }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Grace Hopper' }).count()).toBe(1);
      expect(page.url()).toContain(`#/customers/${kept.id}`);

      // Erasure asks twice, and takes a reason for the audit.
      await page.goto(`${w.bridge.url}/#/customers/${ada.id}`);
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).count()).toBe(1);
      const erase = page.getByRole('form', { name: 'Erase this customer\'s personal data' });
      await erase.getByLabel('Reason for erasing (kept in the audit)').fill('Asked by letter of 2 March');
      await erase.getByRole('button', { name: 'Erase personal data…' }).click();
      await erase.getByRole('button', { name: 'Erase now: this cannot be undone' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Erased Customer' }).count()).toBe(1);
      await expect.poll(() => page.getByRole('status').filter({ hasText: /^Personal data erased at the customer's request on / }).count()).toBe(1);
      const facts = (await page.locator('dl.facts').textContent()) ?? '';
      expect(facts).toContain(`erased-${ada.id}@tripdesk.invalid`);
      expect(facts).not.toContain('7946');
      expect(await page.getByRole('heading', { name: 'Merge or erase' }).count()).toBe(0);
      const adaBookings = page.getByRole('region', { name: 'Bookings' }).getByRole('table');
      await expect.poll(() => adaBookings.getByRole('link', { name: ada.booking.locator }).count()).toBe(1);
      await saveShot(page, 'customers-merge-02-erased', { fullPage: true });

      // The booking and its payment are kept for the accounts; the traveller on it is anonymised.
      await adaBookings.getByRole('link', { name: ada.booking.locator }).click();
      await expect.poll(() => page.getByRole('heading', { name: `Booking ${ada.booking.locator}` }).count()).toBe(1);
      const billing = page.getByRole('region', { name: 'Billing' }).getByRole('table');
      const paid = `$${(ada.booking.totalCents / 100).toFixed(2)}`;
      await expect.poll(() => billing.locator('tbody tr').filter({ hasText: paid }).count()).toBe(ada.booking.billing.length);
      expect(ada.booking.billing.length).toBeGreaterThan(0);
      expect(await billing.textContent()).not.toContain('No payments recorded.');
      const record = (await page.locator('main').textContent()) ?? '';
      expect(record).toContain('Erased Customer');
      expect(record).not.toContain('Lovelace');
      expect(page.jsErrors).toEqual([]);

      const audit = await w.call<Array<{ summary: string }>>(await w.session('supervisor'), 'audit.list', { entity: 'customer', entityId: String(ada.id) });
      expect(audit.map((e) => e.summary).join('\n')).toContain('Asked by letter of 2 March');
    } finally {
      await context.close();
    }
  }, 120_000);
});
