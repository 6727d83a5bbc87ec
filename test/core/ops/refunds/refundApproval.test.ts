import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MysqlDb } from '../../../../main/core/engine/mysql/mysqlDb';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { addServerAgent, fails, freshCentralBehindProxies, MODES, ok, startDeviceCore, startTestCore, type CutOffCentral, type TestCore } from '../../../support/testCore';
import { passengers } from '../../../support/travellers';

const OTHER_CARD = { number: '5555 5555 5555 4444', expMonth: 10, expYear: 2034, cvc: '321' };

/**
 * Refunds above TRIPDESK_REFUND_APPROVAL_CENTS ($100 here) and every override wait in the Refunds
 * queue; another supervisor (or an admin) approves, and the money goes back, or denies, and none does.
 */
describe.each(MODES)('refund approval, %s', (_name, mode) => {
  let t: TestCore;
  let fx: Fixture;

  beforeAll(async () => {
    t = await startTestCore(mode, { env: { TRIPDESK_REFUND_APPROVAL_CENTS: '10000' } });
    fx = await loadFixture(t.engine, { seats: 30 });
  });
  afterAll(async () => t?.close());

  const book = (seats: number) => ok(t, t.tokens.agent, 'bookings.create', {
    customerId: fx.customerId, expectedTotalCents: seats * fx.flightPriceCents,
    items: [{ kind: 'flight', flightId: fx.flightId, seats, travellers: passengers(seats) }], payment: { kind: 'card', card: GOOD_CARD, save: true },
  });
  const seatsLeft = async () => Number((await t.db.get<{ n: number }>('SELECT seats_available AS n FROM flights WHERE id = ?', [fx.flightId]))?.n);

  it('a refund above the line waits: seats back on sale at once, no money until a supervisor approves, then to the card', async () => {
    const b = await book(1);
    const before = await seatsLeft();
    const cancelled = await ok(t, t.tokens.agent, 'bookings.cancel', { bookingId: b.id, reason: 'trip called off' });
    expect(cancelled).toMatchObject({ status: 'cancelled', refundedCents: 0 });
    expect(cancelled.movements?.filter((m) => m.kind === 'refund')).toEqual([]);
    expect(cancelled.refundRequests).toMatchObject([{ amountCents: 25_000, policyCents: 25_000, isOverride: false, state: 'pending', reason: 'trip called off' }]);
    expect(await seatsLeft()).toBe(before + 1);

    const queue = await ok(t, t.tokens.supervisor, 'refunds.list', {});
    const waiting = queue.find((r) => r.bookingId === b.id);
    expect(waiting).toMatchObject({ locator: b.locator, customerName: 'Ada Lovelace', requestedByName: 'Test agent' });
    await fails(t, t.tokens.agent, 'refunds.list', {}, 'FORBIDDEN');
    await fails(t, t.tokens.agent, 'refunds.decide', { refundId: waiting!.id, approve: true, reason: 'fine by me' }, 'FORBIDDEN');

    const approved = await ok(t, t.tokens.supervisor, 'refunds.decide', { refundId: waiting!.id, approve: true, reason: 'policy refund' });
    expect(approved).toMatchObject({ state: 'approved', decidedByName: 'Test supervisor', decisionReason: 'policy refund' });
    const after = await ok(t, t.tokens.agent, 'bookings.get', { bookingId: b.id });
    expect(after.refundedCents).toBe(25_000);
    expect(after.items[0]?.refundCents).toBe(25_000);
    expect(after.movements?.filter((m) => m.kind === 'refund').map((m) => [m.amountCents, m.paymentLabel, m.operatorName])).toEqual([[25_000, 'Visa ending 4242', 'Test supervisor']]);
    expect((await ok(t, t.tokens.supervisor, 'refunds.list', {})).map((r) => r.id)).not.toContain(waiting!.id);
    await fails(t, t.tokens.supervisor, 'refunds.decide', { refundId: waiting!.id, approve: false, reason: 'too late' }, 'CONFLICT');
  });

  it('a refund under the line is paid at once, as before', async () => {
    const b2 = await ok(t, t.tokens.agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: 4_500 * 2,
      items: [{ kind: 'car', carId: fx.carId, pickUp: fx.checkIn, dropOff: addDays(fx.checkIn, 2), travellers: [{ givenNames: 'Ada', familyName: 'Lovelace', dateOfBirth: '1985-12-10' }] }],
      payment: { kind: 'card', card: GOOD_CARD },
    });
    const done = await ok(t, t.tokens.agent, 'bookings.cancel', { bookingId: b2.id, reason: 'no car needed' });
    expect(done).toMatchObject({ refundedCents: 9_000, refundRequests: [] });
  });

  it('an override waits even under the line; denied, no money moves and the items keep no refund; approved to another card on file', async () => {
    const b = await book(2);
    const asked = await ok(t, t.tokens.supervisor, 'bookings.cancel', { bookingId: b.id, reason: 'goodwill', overrideRefundCents: 5_000 });
    const request = asked.refundRequests?.[0];
    expect(request).toMatchObject({ amountCents: 5_000, isOverride: true, state: 'pending', requestedByName: 'Test supervisor' });
    await fails(t, t.tokens.supervisor, 'refunds.decide', { refundId: request!.id, approve: true, reason: 'mine' }, 'FORBIDDEN');
    const denied = await ok(t, t.tokens.admin, 'refunds.decide', { refundId: request!.id, approve: false, reason: 'not our fault' });
    expect(denied).toMatchObject({ state: 'denied', decisionReason: 'not our fault' });
    const after = await ok(t, t.tokens.agent, 'bookings.get', { bookingId: b.id });
    expect(after.refundedCents).toBe(0);
    expect(after.items.map((i) => i.refundCents)).toEqual([0]);
    expect(after.movements?.filter((m) => m.kind === 'refund')).toEqual([]);

    // Another booking, refunded to a second card of the customer's on file.
    const other = await ok(t, t.tokens.agent, 'paymentMethods.add', { customerId: fx.customerId, card: OTHER_CARD });
    const b2 = await book(1);
    const c2 = await ok(t, t.tokens.agent, 'bookings.cancel', { bookingId: b2.id, reason: 'card was stolen' });
    const r2 = c2.refundRequests?.[0];
    await fails(t, t.tokens.supervisor, 'refunds.decide', { refundId: r2!.id, approve: true, reason: 'to new card', paymentMethodId: 999_999 }, 'VALIDATION');
    await ok(t, t.tokens.supervisor, 'refunds.decide', { refundId: r2!.id, approve: true, reason: 'to new card', paymentMethodId: other.id });
    const refunded = await ok(t, t.tokens.agent, 'bookings.get', { bookingId: b2.id });
    expect(refunded.movements?.filter((m) => m.kind === 'refund').map((m) => [m.amountCents, m.paymentLabel, m.paymentMethodId])).toEqual([[25_000, 'Mastercard ending 4444', other.id]]);
  });
});

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('a cancellation made offline whose refund needs approval (MariaDB + FerretDB behind a fault proxy)', () => {
  let central: CutOffCentral;
  let server: MysqlDb;
  let fx: Fixture;

  beforeAll(async () => {
    central = await freshCentralBehindProxies('refunds');
    server = central.server;
    fx = await loadFixture({ sql: server }, { seats: 20 });
    await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', 'field staff password');
  });
  afterAll(async () => {
    await central?.close();
  });

  it('waits on the device as a provisional request, and after the sync the server holds exactly one, pending', async () => {
    const dev = await startDeviceCore(central, { proxies: central.proxies, env: { TRIPDESK_REFUND_APPROVAL_CENTS: '10000', TRIPDESK_SESSION_HOURS: '100' } });
    try {
      const token = await dev.signIn('field@tripdesk.test', 'field staff password');
      const b = await ok(dev.core, token, 'bookings.create', {
        customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents, items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }],
        payment: { kind: 'card', card: GOOD_CARD },
      });
      await dev.core.sync!.sync();
      await central.cut();
      const offline = await ok(dev.core, token, 'bookings.cancel', { bookingId: b.id, reason: 'storm' });
      expect(offline.refundRequests).toMatchObject([{ amountCents: 25_000, state: 'pending', provisional: true }]);
      await central.restore();
      await dev.core.sync!.sync();
      await dev.core.sync!.sync();
      const onServer = await server.all<{ state: string; amount_cents: number }>('SELECT state, amount_cents FROM refund_requests WHERE booking_id = ?', [b.id]);
      expect(onServer.map((r) => [r.state, Number(r.amount_cents)])).toEqual([['pending', 25_000]]);
      const synced = await ok(dev.core, token, 'bookings.get', { bookingId: b.id });
      expect(synced.refundRequests).toMatchObject([{ amountCents: 25_000, state: 'pending', provisional: false }]);
      expect(synced.refundedCents).toBe(0);
    } finally {
      await dev.close();
    }
  });
});
