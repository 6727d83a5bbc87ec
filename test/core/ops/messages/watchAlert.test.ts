import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixture, type Fixture } from '../../../support/fixture';
import { startTestSmtp, type TestSmtp } from '../../../support/smtpServer';
import { MODES, ok, startTestCore, type TestCore } from '../../../support/testCore';

const CUSTOMER_EMAIL = 'ada.lovelace@example.com';
const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** A watch the agent asked to email the customer: one price alert when it fires, none for a watch that did not ask. */
describe.each(MODES)('a fired watch emails its customer, %s', (_name, mode) => {
  let smtp: TestSmtp;
  let t: TestCore;
  let fx: Fixture;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestCore(mode, { env: smtp.env() });
    fx = await loadFixture(t.engine, { seats: 30 });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('mails one price alert when the fare drops under the line, and nothing for a watch that did not ask', async () => {
    const target = { kind: 'route' as const, from: 'JFK', to: 'LAX', dateFrom: fx.departDay, dateTo: addDays(fx.departDay, 1) };
    const line = 19_000; // under the fixture's cheapest fare on the route (B6 23, $199)
    const asked = await ok(t, t.tokens.agent, 'watches.create', {
      customerId: fx.customerId, target, condition: { kind: 'price_below', priceCents: line }, notifyCustomer: true,
    });
    const quiet = await ok(t, t.tokens.agent, 'watches.create', {
      customerId: fx.customerId, target, condition: { kind: 'price_below', priceCents: line },
    });
    expect(asked).toMatchObject({ status: 'active', notifyCustomer: true });
    expect(quiet).toMatchObject({ status: 'active', notifyCustomer: false });
    expect(smtp.received).toHaveLength(0);

    await ok(t, t.tokens.supervisor, 'inventory.flights.update', { flightId: fx.flightId, priceCents: line - 500 });
    const [mail] = await smtp.waitFor(1, 10_000);
    expect(mail?.to).toEqual([CUSTOMER_EMAIL]);
    expect(mail?.messageId).toBe(`<watch-${asked.id}@tripdesk>`);
    expect(mail?.parsed.subject).toMatch(/^Price alert from .+: /);
    const dollars = `$${((line - 500) / 100).toFixed(2)}`;
    expect(mail?.parsed.text).toContain(dollars);

    const fired = await ok(t, t.tokens.agent, 'watches.list', { status: 'triggered' });
    expect(fired.map((w) => w.id).sort()).toEqual([asked.id, quiet.id].sort());
    // Both fired; only the one that asked mailed, once, and its message is on record as sent.
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toHaveLength(1);
    const sent = await ok(t, t.tokens.agent, 'messages.list', { state: 'sent' });
    expect(sent.filter((m) => m.kind === 'watch')).toMatchObject([{ to: CUSTOMER_EMAIL, bookingId: null, messageId: `<watch-${asked.id}@tripdesk>` }]);
  });

  it('mails at once when the watch is already satisfied as it is made', async () => {
    smtp.received.length = 0;
    const w = await ok(t, t.tokens.agent, 'watches.create', {
      customerId: fx.customerId, target: { kind: 'route', from: 'JFK', to: 'LAX', dateFrom: fx.departDay, dateTo: fx.departDay },
      condition: { kind: 'available' }, notifyCustomer: true,
    });
    expect(w.status).toBe('triggered');
    const [mail] = await smtp.waitFor(1, 10_000);
    expect(mail?.messageId).toBe(`<watch-${w.id}@tripdesk>`);
  });
});
