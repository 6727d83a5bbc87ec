import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { createTestGateway } from '../../../../main/core/integrations/payments/testGateway';
import type { CardToken, PaymentGateway } from '../../../../main/core/ops/payments/paymentGateway';
import { DECLINED_CARD, GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { fails, MODES, ok, startTestCore, type CoreMode, type TestCore } from '../../../support/testCore';
import { passengers } from '../../../support/travellers';

const NOT_ISSUED = /card token not issued by the gateway/;

/**
 * A `{kind:'token'}` payment (or a saved card) is charged only when the gateway issued the token
 * for exactly those card details: consoles share no memory, so the token carries the gateway's
 * signature (TRIPDESK_GATEWAY_KEY) and an invented or altered one is VALIDATION, nothing written.
 */
function describeGatewayTokens(mode: CoreMode): void {
  let t: TestCore;
  let fx: Fixture;
  let agent: string;
  let gateway: PaymentGateway;

  beforeAll(async () => {
    t = await startTestCore(mode, { log: () => undefined, env: { TRIPDESK_DEMO_DATA: '0' } });
    fx = await loadFixture(t.engine, { seats: 50 });
    agent = t.tokens.agent;
    // The same gateway (same key) the console uses: what a device's card field would have made.
    gateway = createTestGateway(t.core.config.gatewayKey);
  });
  afterAll(async () => { await t?.close(); });

  const issued = (card = GOOD_CARD) => gateway.tokenize(card, Date.now());
  const written = async () => {
    const n = async (sql: string) => Number((await t.db.get<{ n: number }>(sql))?.n ?? 0);
    return {
      bookings: await n('SELECT COUNT(*) AS n FROM bookings'), billing: await n('SELECT COUNT(*) AS n FROM billing'),
      cards: await n('SELECT COUNT(*) AS n FROM payment_methods'), seats: (await ok(t, agent, 'flights.get', { flightId: fx.flightId })).seatsAvailable,
    };
  };
  const payWith = (token: CardToken, save = false): ChannelInput<'bookings.create'> => ({
    customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents, items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }],
    payment: { kind: 'token', token, save },
  });

  it('an invented token of the right shape is VALIDATION ("not issued by the gateway"): nothing booked, charged or saved', async () => {
    const before = await written();
    const invented: CardToken = { token: `tok_a${'0123456789abcdef'.repeat(4).slice(0, 56)}`, brand: 'visa', last4: '4242', expMonth: 12, expYear: 2035 };
    for (const save of [false, true]) {
      const refused = await fails(t, agent, 'bookings.create', payWith(invented, save), 'VALIDATION');
      expect(refused.message).toMatch(NOT_ISSUED);
    }
    expect(await written()).toEqual(before);
  });

  it('a token in the old unsigned shape is VALIDATION: nothing booked', async () => {
    const before = await written();
    await fails(t, agent, 'bookings.create', payWith({ token: `tok_a${'a1'.repeat(12)}`, brand: 'visa', last4: '4242', expMonth: 12, expYear: 2035 }), 'VALIDATION');
    expect(await written()).toEqual(before);
  });

  it('a real token with its card details or signature changed is VALIDATION: nothing booked', async () => {
    const real = issued();
    const flip = (hex: string) => (hex === '0' ? '1' : '0');
    const tampered: CardToken[] = [
      { ...real, last4: '1111' },
      { ...real, expYear: real.expYear + 3 },
      { ...real, expMonth: real.expMonth === 1 ? 2 : 1 },
      { ...real, brand: 'amex' },
      { ...real, token: real.token.slice(0, -1) + flip(real.token.slice(-1)) },
      { ...real, token: `${real.token.slice(0, 10)}${flip(real.token[10]!)}${real.token.slice(11)}` },
    ];
    const before = await written();
    for (const token of tampered) {
      const refused = await fails(t, agent, 'bookings.create', payWith(token), 'VALIDATION');
      expect(refused.message).toMatch(NOT_ISSUED);
    }
    expect(await written()).toEqual(before);
  });

  it('a declining card\'s token turned into an approving one is VALIDATION, not paid', async () => {
    const declining = issued(DECLINED_CARD);
    expect(declining.token.startsWith('tok_d')).toBe(true);
    const before = await written();
    const refused = await fails(t, agent, 'bookings.create', payWith({ ...declining, token: `tok_a${declining.token.slice(5)}` }), 'VALIDATION');
    expect(refused.message).toMatch(NOT_ISSUED);
    expect(await written()).toEqual(before);
    // The genuine declining token books as payment_failed, as a declined card does.
    expect((await ok(t, agent, 'bookings.create', payWith(declining))).status).toBe('payment_failed');
  });

  it('a token another installation\'s gateway (another key) issued is VALIDATION', async () => {
    const foreign = createTestGateway('some other installation').tokenize(GOOD_CARD, Date.now());
    const before = await written();
    expect((await fails(t, agent, 'bookings.create', payWith(foreign), 'VALIDATION')).message).toMatch(NOT_ISSUED);
    expect((await fails(t, agent, 'paymentMethods.add', { customerId: fx.customerId, token: foreign }, 'VALIDATION')).message).toMatch(NOT_ISSUED);
    expect(await written()).toEqual(before);
  });

  it('a token the gateway issued books as paid, is saved, and the saved card pays again', async () => {
    const booked = await ok(t, agent, 'bookings.create', payWith(issued(), true));
    expect(booked.status).toBe('confirmed');
    const methodId = booked.billing.find((b) => b.paymentMethodId !== null)?.paymentMethodId;
    expect(methodId).toBeTypeOf('number');
    const again = await ok(t, agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents, items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }],
      payment: { kind: 'saved', paymentMethodId: methodId! },
    });
    expect(again.status).toBe('confirmed');
  });

  it('paymentMethods.add saves an issued token and refuses an invented or altered one (nothing saved)', async () => {
    const real = issued();
    const before = await written();
    for (const token of [{ ...real, last4: '0000' }, { ...real, token: `tok_a${'f'.repeat(56)}` }]) {
      expect((await fails(t, agent, 'paymentMethods.add', { customerId: fx.customerId, token }, 'VALIDATION')).message).toMatch(NOT_ISSUED);
    }
    expect(await written()).toEqual(before);
    const saved = await ok(t, agent, 'paymentMethods.add', { customerId: fx.customerId, token: real });
    expect(saved).toMatchObject({ customerId: fx.customerId, brand: 'visa', last4: '4242', expMonth: real.expMonth, expYear: real.expYear });
  });

  it('a saved card whose stored token the gateway never issued is not charged: VALIDATION, nothing booked', async () => {
    const at = toDbInstant(Date.now());
    const res = await t.db.run(
      'INSERT INTO payment_methods (user_id, gateway_token, brand, last4, exp_month, exp_year, created_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [fx.customerId, 'tok_aimportedfromelsewhere000000', 'visa', '4242', 12, 2035, at]);
    const before = await written();
    const refused = await fails(t, agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents, items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }],
      payment: { kind: 'saved', paymentMethodId: res.insertId },
    }, 'VALIDATION');
    expect(refused.message).toMatch(NOT_ISSUED);
    expect(await written()).toEqual(before);
  });
}

for (const [name, mode] of MODES) {
  describe(`card tokens are the gateway's own on ${name}`, () => describeGatewayTokens(mode));
}
