import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCATOR_ALPHABET, LOCATOR_PATTERN, locatorOfNumber, newLocator } from '../../../../shared/locator';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { fails, MODES, ok, OPERATORS, startTestCore, type TestCore } from '../../../support/testCore';
import { passengers } from '../../../support/travellers';

describe('record locators', () => {
  it('are six characters of the alphabet without I, O, 0 or 1, and fresh ones differ', () => {
    expect(LOCATOR_ALPHABET).toHaveLength(32);
    expect(LOCATOR_ALPHABET).not.toMatch(/[IO01]/);
    const made = Array.from({ length: 2000 }, () => newLocator());
    for (const l of made) expect(l).toMatch(LOCATOR_PATTERN);
    expect(new Set(made).size).toBeGreaterThan(1990);
    // Every letter turns up: the draw is not stuck on part of the alphabet.
    expect(new Set(made.join('')).size).toBe(32);
  });

  it('numbered ones (backfill, seed) never repeat and match what the SQL migrations compute', () => {
    const seen = new Set<string>();
    for (let n = 1; n <= 50_000; n++) seen.add(locatorOfNumber(n));
    expect(seen.size).toBe(50_000);
    expect(locatorOfNumber(1)).toMatch(LOCATOR_PATTERN);
    expect(locatorOfNumber(1)).not.toBe(locatorOfNumber(2));
  });
});

describe.each(MODES)('locators, remarks and history, %s', (_name, mode) => {
  let t: TestCore;
  let fx: Fixture;
  const book = (customerId: number, extra: Record<string, unknown> = {}) => ok(t, t.tokens.agent, 'bookings.create', {
    customerId, expectedTotalCents: fx.flightPriceCents, items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD }, ...extra,
  });

  beforeAll(async () => {
    t = await startTestCore(mode, { env: { TRIPDESK_CONSOLE_NAME: 'Front desk 2' } });
    fx = await loadFixture(t.engine);
  });
  afterAll(async () => t?.close());

  it('bookings stored before locators get the one locatorOfNumber gives their id (the migration\'s backfill)', async () => {
    const file = mode === 'central' ? 'mysql/005_locators_remarks.sql' : 'sqlite/007_locators_remarks.sql';
    const text = fs.readFileSync(path.resolve(__dirname, '../../../../migrations', file), 'utf8');
    const backfill = /UPDATE bookings SET locator =([\s\S]+?)WHERE locator/.exec(text)?.[1];
    expect(backfill).toBeDefined();
    for (const id of [1, 2, 3, 300, 65_537, 1_000_003]) {
      const row = await t.db.get<{ l: string }>(`SELECT ${backfill ?? ''} AS l FROM (SELECT ? AS id) s`, [id]);
      expect(row?.l, `id ${id}`).toBe(locatorOfNumber(id));
    }
  });

  it('every booking gets its own locator, which bookings.get and bookings.search (any case) find', async () => {
    const a = await book(fx.customerId);
    const b = await book(fx.customerId);
    expect(a.locator).toMatch(LOCATOR_PATTERN);
    expect(b.locator).toMatch(LOCATOR_PATTERN);
    expect(a.locator).not.toBe(b.locator);
    expect((await ok(t, t.tokens.agent, 'bookings.get', { bookingId: a.id })).locator).toBe(a.locator);
    const found = await ok(t, t.tokens.agent, 'bookings.search', { q: ` ${a.locator.toLowerCase()} ` });
    expect(found.items.map((x) => x.id)).toEqual([a.id]);
    // Not a prefix search: five of the six characters find nothing.
    expect((await ok(t, t.tokens.agent, 'bookings.search', { q: a.locator.slice(0, 5) })).items).toEqual([]);
  });

  it('a locator already taken is not given twice: the booking gets another', async () => {
    const first = await book(fx.customerId);
    const second = await book(fx.customerId, { locator: first.locator });
    expect(second.locator).toMatch(LOCATOR_PATTERN);
    expect(second.locator).not.toBe(first.locator);
    const rows = await t.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM bookings WHERE locator = ?', [first.locator]);
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it('the record says who booked it, on which console, and that it was not made offline', async () => {
    const b = await book(fx.customerId);
    expect(b).toMatchObject({ createdBy: OPERATORS.agent.id, createdByName: OPERATORS.agent.name, bookedOn: 'Front desk 2', madeOffline: false, remarks: [] });
  });

  it('remarks keep their order, author and shareable mark, and show on the booking', async () => {
    const b = await book(fx.customerId);
    await ok(t, t.tokens.agent, 'bookings.addRemark', { bookingId: b.id, text: 'Customer asked for an aisle seat' });
    await ok(t, t.tokens.supervisor, 'bookings.addRemark', { bookingId: b.id, text: 'Check-in opens 24 h before departure', shareable: true });
    await ok(t, t.tokens.agent, 'bookings.addRemark', { bookingId: b.id, text: 'Called back, all fine' });
    const again = await ok(t, t.tokens.agent, 'bookings.get', { bookingId: b.id });
    expect(again.remarks.map((r) => [r.text, r.authorName, r.shareable])).toEqual([
      ['Customer asked for an aisle seat', OPERATORS.agent.name, false],
      ['Check-in opens 24 h before departure', OPERATORS.supervisor.name, true],
      ['Called back, all fine', OPERATORS.agent.name, false],
    ]);
  });

  it('a remark is 1 to 2,000 characters, on a booking that exists', async () => {
    const b = await book(fx.customerId);
    await ok(t, t.tokens.agent, 'bookings.addRemark', { bookingId: b.id, text: 'x'.repeat(2000) });
    await fails(t, t.tokens.agent, 'bookings.addRemark', { bookingId: b.id, text: 'x'.repeat(2001) }, 'VALIDATION');
    await fails(t, t.tokens.agent, 'bookings.addRemark', { bookingId: b.id, text: '   ' }, 'VALIDATION');
    await fails(t, t.tokens.agent, 'bookings.addRemark', { bookingId: 999_999, text: 'lost' }, 'NOT_FOUND');
  });

  it('customer remarks are kept in order with their author and listed on the profile', async () => {
    const c = await ok(t, t.tokens.agent, 'customers.create', { email: `remarks-${mode}@example.com`, firstName: 'Rae', lastName: 'Marks' });
    await ok(t, t.tokens.agent, 'customers.addRemark', { customerId: c.id, text: 'Prefers email over phone' });
    await ok(t, t.tokens.supervisor, 'customers.addRemark', { customerId: c.id, text: 'Gold member since 2019' });
    const list = await ok(t, t.tokens.agent, 'customers.remarks', { customerId: c.id });
    expect(list.map((r) => [r.text, r.authorName])).toEqual([
      ['Prefers email over phone', OPERATORS.agent.name],
      ['Gold member since 2019', OPERATORS.supervisor.name],
    ]);
    await fails(t, t.tokens.agent, 'customers.addRemark', { customerId: 999_999, text: 'nobody' }, 'NOT_FOUND');
  });

  it('an agent reads a booking\'s history: names, money as money, in order', async () => {
    const b = await ok(t, t.tokens.agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents * 2, items: [{ kind: 'flight', flightId: fx.flightId, seats: 2, travellers: passengers(2) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    await ok(t, t.tokens.agent, 'bookings.addRemark', { bookingId: b.id, text: 'Wants a refund if the meeting moves' });
    await ok(t, t.tokens.supervisor, 'bookings.cancel', { bookingId: b.id, reason: 'meeting moved', overrideRefundCents: 17_759 });
    // An override waits for another supervisor (or an admin).
    const waiting = (await ok(t, t.tokens.supervisor, 'refunds.list', {})).find((r) => r.bookingId === b.id);
    await ok(t, t.tokens.admin, 'refunds.decide', { refundId: waiting?.id ?? 0, approve: true, reason: 'goodwill agreed' });
    const history = await ok(t, t.tokens.agent, 'bookings.history', { bookingId: b.id });
    const total = `$${(b.totalCents / 100).toFixed(2)}`;
    expect(history.map((h) => [h.kind, h.operatorName])).toEqual([
      ['booked', OPERATORS.agent.name],
      ['remark', OPERATORS.agent.name],
      ['cancelled', OPERATORS.supervisor.name],
      ['changed', OPERATORS.admin.name],
    ]);
    expect(history[0]?.what).toBe(`Booked 1 item for ${total} (on Front desk 2)`);
    expect(history[1]?.what).toBe('Remark: Wants a refund if the meeting moves');
    expect(history[2]?.what).toContain(`a refund of $177.59 of ${total} (supervisor override) waits for approval`);
    expect(history[3]?.what).toContain('Approved the refund of $177.59');
    expect(history.map((h) => h.what).join(' ')).not.toMatch(/\d+ cents|operator \d/);
    for (const h of history) expect(Date.parse(h.atUtc)).not.toBeNaN();
    await fails(t, t.tokens.agent, 'bookings.history', { bookingId: 999_999 }, 'NOT_FOUND');
  });
});
