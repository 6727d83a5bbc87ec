import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, channelNames } from '../../shared/contract';
import { uuidv7 } from '../../shared/uuidv7';
import { startBridge, type Bridge } from '../../main/bridge/startBridge';
import { signInAs, startTestCore, type CoreMode, type TestCore } from '../support/testCore';
import { GOOD_CARD, loadFixture, type Fixture } from '../support/fixture';
import { passengers } from '../support/travellers';

const TOKEN = 'opid-test-token';

interface Answer { status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }

/**
 * An opId is the idempotency key of one change by one operator: sent again it returns the first
 * answer; reused on another channel or by someone else it is CONFLICT, and nothing happens.
 */
describe.each<CoreMode>(['standalone', 'central'])('an opId belongs to one channel and one operator, over the bridge (%s)', (mode) => {
  let t: TestCore;
  let bridge: Bridge;
  let fx: Fixture;
  let agent: string;
  let otherAgent: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestCore(mode);
    fx = await loadFixture(t.engine);
    agent = t.tokens.agent;
    otherAgent = await signInAs(t, 'agent', 'second.agent@test.tripdesk');
    admin = t.tokens.admin;
    bridge = await startBridge({ core: t.core, port: 0, token: TOKEN });
  });
  afterAll(async () => {
    await bridge?.close();
    await t?.close();
  });

  const rpc = async (channel: string, body: unknown, session: string): Promise<Answer> => {
    const res = await fetch(`${bridge.url}/rpc/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'x-tripdesk-session': session },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  const value = <T>(a: Answer): T => {
    expect(a.body.error, a.body.error?.message).toBeUndefined();
    return a.body.value as T;
  };
  const seatsLeft = async () => value<{ seatsAvailable: number }>(await rpc('flights.get', { flightId: fx.flightId }, agent)).seatsAvailable;

  it('the same change sent twice by its operator is answered once, with the first answer', async () => {
    const opId = uuidv7();
    const before = await seatsLeft();
    const first = value<{ holdId: string }>(await rpc('holds.create', { opId, flightId: fx.flightId, seats: 1 }, agent));
    const again = value<{ holdId: string }>(await rpc('holds.create', { opId, flightId: fx.flightId, seats: 1 }, agent));
    expect(again).toEqual(first);
    expect(await seatsLeft()).toBe(before - 1);
  });

  it('a used opId on another channel is CONFLICT and changes nothing: customer, card, booking stay as they were', async () => {
    const opId = uuidv7();
    value(await rpc('holds.create', { opId, flightId: fx.flightId, seats: 1 }, agent));

    const customerBefore = value<{ firstName: string }>(await rpc('customers.get', { customerId: fx.customerId }, agent));
    const update = await rpc('customers.update', { opId, customerId: fx.customerId, firstName: 'Grace' }, agent);
    expect(update.status).toBe(409);
    expect(update.body.error?.code).toBe('CONFLICT');
    expect(update.body.error?.message).toContain('holds.create');
    expect(value(await rpc('customers.get', { customerId: fx.customerId }, agent))).toEqual(customerBefore);

    const card = value<{ id: number }>(await rpc('paymentMethods.add', { customerId: fx.customerId, card: GOOD_CARD }, agent));
    const remove = await rpc('paymentMethods.remove', { opId, paymentMethodId: card.id }, agent);
    expect(remove.body.error?.code).toBe('CONFLICT');
    const cards = value<Array<{ id: number }>>(await rpc('paymentMethods.list', { customerId: fx.customerId }, agent));
    expect(cards.map((c) => c.id)).toContain(card.id);

    const booking = value<{ id: number; status: string }>(await rpc('bookings.create', {
      customerId: fx.customerId, expectedTotalCents: 19_900, items: [{ kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) }],
      payment: { kind: 'saved', paymentMethodId: card.id },
    }, agent));
    const cancel = await rpc('bookings.cancel', { opId, bookingId: booking.id, reason: 'reusing an opId' }, agent);
    expect(cancel.body.error?.code).toBe('CONFLICT');
    expect(value<{ status: string }>(await rpc('bookings.get', { bookingId: booking.id }, agent)).status).toBe(booking.status);
  });

  it("another operator's opId is CONFLICT: no second hold, no seats taken", async () => {
    const opId = uuidv7();
    value(await rpc('holds.create', { opId, flightId: fx.flightId, seats: 1 }, agent));
    const before = await seatsLeft();
    const theirs = await rpc('holds.create', { opId, flightId: fx.flightId, seats: 1 }, otherAgent);
    expect(theirs.body.error?.code).toBe('CONFLICT');
    expect(theirs.body.error?.message).toMatch(/another operator/);
    expect(await seatsLeft()).toBe(before);
  });

  it('operators.setRole with a used opId signs nobody out and changes no role', async () => {
    const opId = uuidv7();
    value(await rpc('holds.create', { opId, flightId: fx.flightId, seats: 1 }, admin));
    const me = value<{ user: { id: number } }>(await rpc('auth.me', {}, otherAgent));
    const demote = await rpc('operators.setRole', { opId, operatorId: me.user.id, role: 'supervisor' }, admin);
    expect(demote.body.error?.code).toBe('CONFLICT');
    const still = value<{ user: { role: string } }>(await rpc('auth.me', {}, otherAgent));
    expect(still.user.role).toBe('agent');
  });

  it('no mutation answers INTERNAL for an opId already used elsewhere', async () => {
    const opId = uuidv7();
    value(await rpc('holds.create', { opId, flightId: fx.flightId, seats: 1 }, admin));
    const inputs: Record<string, Record<string, unknown>> = {
      'customers.update': { customerId: fx.customerId, lastName: 'Byron' },
      'customers.create': { email: `reuse.${mode}@example.com`, firstName: 'Re', lastName: 'Use' },
      'holds.release': { holdId: opId },
      'holds.extend': { holdId: opId },
      'bookings.cancel': { bookingId: 1, reason: 'reuse' },
      'paymentMethods.remove': { paymentMethodId: 1 },
      'inventory.flights.update': { flightId: fx.flightId, priceCents: 25_000 },
      'watches.delete': { watchId: opId },
      'reviews.reply': { reviewId: opId, text: 'Thank you' },
    };
    for (const channel of channelNames.filter((c) => channels[c].mutation && c !== 'holds.create')) {
      const r = await rpc(channel, { ...(inputs[channel] ?? {}), opId }, admin);
      expect(r.body.error?.code, `${channel}: ${r.body.error?.message}`).not.toBe('INTERNAL');
      if (inputs[channel]) expect(r.body.error?.code, channel).toBe('CONFLICT');
    }
  });
});
