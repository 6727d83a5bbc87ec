import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { badInput, fails, MODES, ok, OPERATORS, PASSWORD, startDeviceCore, startTestCore, type TestCore } from '../../../support/testCore';
import { passengers } from '../../../support/travellers';

/** customers.merge and customers.erase, on both engines; centrally, a device's copy follows at its next pull. */
describe.each(MODES)('merging and erasing customers, %s', (_name, mode) => {
  let t: TestCore;
  let fx: Fixture;

  beforeAll(async () => {
    t = await startTestCore(mode);
    fx = await loadFixture(t.engine, { seats: 30 });
  });
  afterAll(async () => t?.close());

  const newCustomer = (email: string, over: Record<string, unknown> = {}) =>
    ok(t, t.tokens.agent, 'customers.create', { email, firstName: 'Grace', lastName: 'Hopper', ...over });
  const bookFor = (customerId: number, save = false) => ok(t, t.tokens.agent, 'bookings.create', {
    customerId, expectedTotalCents: fx.flightPriceCents,
    items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD, save },
  });

  it('moves bookings, payments, cards, travellers, remarks and watches to the kept record; the merged one points at it and leaves searches', async () => {
    const kept = await newCustomer('grace.hopper@example.com');
    const twin = await newCustomer('g.hopper@navy.example', { phone: '+1 212 555 0100', stateCode: 'NY' });
    const booking = await bookFor(twin.id, true);
    await ok(t, t.tokens.agent, 'customers.travellers.save', { customerId: twin.id, givenNames: 'Grace', familyName: 'Hopper', dateOfBirth: '1906-12-09' });
    await ok(t, t.tokens.agent, 'customers.addRemark', { customerId: twin.id, text: 'Prefers the aisle' });
    await ok(t, t.tokens.agent, 'watches.create', {
      customerId: twin.id, target: { kind: 'route', from: 'JFK', to: 'LAX', dateFrom: fx.departDay, dateTo: fx.departDay }, condition: { kind: 'price_below', priceCents: 100 },
    });

    await fails(t, t.tokens.agent, 'customers.merge', { keepId: kept.id, mergeId: twin.id }, 'FORBIDDEN');
    const self = await fails(t, t.tokens.supervisor, 'customers.merge', { keepId: kept.id, mergeId: kept.id }, 'VALIDATION');
    expect(self.message).toContain('cannot be merged into itself');
    const merge = await ok(t, t.tokens.supervisor, 'customers.merge', { keepId: kept.id, mergeId: twin.id });
    const payments = (await ok(t, t.tokens.agent, 'bookings.get', { bookingId: booking.id })).billing.length;
    expect(merge.moved).toMatchObject({ bookings: 1, payments, paymentMethods: 1, travellers: 1, remarks: 1, watches: 1 });
    // The kept record takes the phone and state it lacked; the merged one points at it.
    expect(merge.kept).toMatchObject({ id: kept.id, email: 'grace.hopper@example.com', phone: '+1 212 555 0100', stateCode: 'NY', mergedIntoId: null });
    expect(merge.merged).toMatchObject({ id: twin.id, mergedIntoId: kept.id });

    expect((await ok(t, t.tokens.agent, 'bookings.get', { bookingId: booking.id })).customerId).toBe(kept.id);
    expect(await ok(t, t.tokens.agent, 'customers.travellers.list', { customerId: kept.id })).toHaveLength(1);
    expect((await ok(t, t.tokens.agent, 'customers.remarks', { customerId: kept.id })).map((r) => r.text)).toEqual(['Prefers the aisle']);
    expect((await ok(t, t.tokens.agent, 'watches.list', { customerId: kept.id })).length).toBe(1);
    expect((await ok(t, t.tokens.agent, 'customers.search', { q: 'Hopper' })).items.map((c) => c.id)).toEqual([kept.id]);
    // The freed email may be given to a new record; the merged one cannot be merged again.
    await newCustomer('g.hopper@navy.example', { firstName: 'Other' });
    await fails(t, t.tokens.supervisor, 'customers.merge', { keepId: kept.id, mergeId: twin.id }, 'CONFLICT');
    expect((await ok(t, t.tokens.supervisor, 'audit.list', { entity: 'customer', entityId: String(kept.id) })).map((e) => e.summary).join('\n'))
      .toContain(`merged customer ${twin.id} (g.hopper@navy.example) into ${kept.id}`);
  });

  it('erases a customer\u2019s personal data, keeps the booking and its payment, and says so in the audit with the reason', async () => {
    const ada = await newCustomer('ada.king@example.com', { firstName: 'Ada', lastName: 'Lovelace', phone: '+44 20 7946 0000' });
    const booking = await bookFor(ada.id);
    await ok(t, t.tokens.agent, 'customers.travellers.save', { customerId: ada.id, givenNames: 'Ada', familyName: 'Lovelace', dateOfBirth: '1985-12-10',
      passport: { number: 'X12345678', country: 'GBR', expiry: '2034-05-01' } });
    await ok(t, t.tokens.agent, 'customers.addRemark', { customerId: ada.id, text: 'Lives at 12 St James Square' });

    await fails(t, t.tokens.agent, 'customers.erase', { customerId: ada.id, reason: 'asked by letter' }, 'FORBIDDEN');
    await fails(t, t.tokens.supervisor, 'customers.erase', { customerId: ada.id, reason: badInput('') }, 'VALIDATION');
    const erased = await ok(t, t.tokens.supervisor, 'customers.erase', { customerId: ada.id, reason: 'asked by letter' });
    expect(erased.erased).toMatchObject({ travellers: 1, bookingTravellers: 1, remarks: 1 });
    expect(erased.customer).toMatchObject({ firstName: 'Erased', lastName: 'Customer', phone: null, email: `erased-${ada.id}@tripdesk.invalid` });
    expect(erased.customer.erasedAtUtc).not.toBeNull();

    const record = await ok(t, t.tokens.agent, 'bookings.get', { bookingId: booking.id });
    expect(record).toMatchObject({ status: 'confirmed', totalCents: booking.totalCents, customerName: 'Erased Customer' });
    expect(record.billing.length).toBeGreaterThan(0);
    expect(record.billing.every((b) => b.amountCents === booking.totalCents)).toBe(true);
    const [traveller] = record.items[0]?.travellers ?? [];
    expect(traveller).toMatchObject({ givenNames: 'Erased', familyName: 'Traveller', passport: null });
    const everything = JSON.stringify([record, await ok(t, t.tokens.agent, 'customers.travellers.list', { customerId: ada.id }),
      await ok(t, t.tokens.agent, 'customers.remarks', { customerId: ada.id }), await ok(t, t.tokens.agent, 'customers.get', { customerId: ada.id })]);
    for (const personal of ['Lovelace', 'X12345678', '1985-12-10', 'St James', '7946']) expect(everything).not.toContain(personal);
    expect((await ok(t, t.tokens.agent, 'customers.search', { q: 'Lovelace' })).items.map((c) => c.id)).not.toContain(ada.id);
    await fails(t, t.tokens.supervisor, 'customers.erase', { customerId: ada.id, reason: 'again' }, 'CONFLICT');
    expect((await ok(t, t.tokens.supervisor, 'audit.list', { entity: 'customer', entityId: String(ada.id) })).map((e) => e.summary).join('\n'))
      .toContain('personal data: asked by letter');
  });

  if (mode === 'central') it('a device that copied the customer before the erasure forgets the same data at its next pull', async () => {
    const bob = await newCustomer('bob.devices@example.com', { firstName: 'Robert', lastName: 'Devices' });
    await bookFor(bob.id);
    const device = await startDeviceCore({ mysqlUrl: t.mysqlUrl!, mongoUrl: t.mongoUrl! });
    try {
      await device.core.sync!.sync();
      expect(await device.core.local.sql.get('SELECT last_name FROM users WHERE id = ?', [bob.id])).toEqual({ last_name: 'Devices' });
      await ok(t, t.tokens.supervisor, 'customers.erase', { customerId: bob.id, reason: 'asked at the desk' });
      await device.core.sync!.sync();
      expect(await device.core.local.sql.get('SELECT first_name, last_name, email FROM users WHERE id = ?', [bob.id]))
        .toEqual({ first_name: 'Erased', last_name: 'Customer', email: `erased-${bob.id}@tripdesk.invalid` });
      const names = await device.core.local.sql.all<{ family_name: string }>(
        'SELECT bt.family_name FROM booking_travellers bt JOIN bookings b ON b.id = bt.booking_id WHERE b.user_id = ?', [bob.id]);
      expect(names.map((n) => n.family_name)).toEqual(['Traveller']);
      const token = await device.signIn(OPERATORS.agent.email, PASSWORD);
      expect((await device.core.call('customers.search', { q: 'Devices' }, token)).ok).toBe(true);
    } finally {
      await device.close();
    }
  });
});
