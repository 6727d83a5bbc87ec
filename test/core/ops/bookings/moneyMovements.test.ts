import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbInstant } from '../../../../shared/time';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { MODES, ok, OPERATORS, startTestCore, type TestCore } from '../../../support/testCore';
import { passengers } from '../../../support/travellers';

describe.each(MODES)('money movements, %s', (_name, mode) => {
  let t: TestCore;
  let fx: Fixture;

  beforeAll(async () => {
    t = await startTestCore(mode);
    fx = await loadFixture(t.engine);
  });
  afterAll(async () => t?.close());

  it('a booking, then two partial refunds: three movements, one billing row per status holding the running totals', async () => {
    const b = await ok(t, t.tokens.agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: 25_000 + 19_900, payment: { kind: 'card', card: GOOD_CARD, save: true },
      items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }, { kind: 'flight', flightId: fx.cheapFlightId, seats: 1, travellers: passengers(1) }],
    });
    expect(b.movements).toHaveLength(1);
    expect(b.movements?.[0]).toMatchObject({ kind: 'charge', amountCents: 44_900, reason: 'booking', operatorId: OPERATORS.agent.id, operatorName: OPERATORS.agent.name, paymentLabel: 'Visa ending 4242' });
    expect(b.movements?.[0]?.paymentMethodId).toBe(b.billing[0]?.paymentMethodId);
    const [first, second] = b.items;
    await ok(t, t.tokens.agent, 'bookings.cancel', { bookingId: b.id, itemIds: [first?.id ?? 0], reason: 'first leg off' });
    const cancelled = await ok(t, t.tokens.supervisor, 'bookings.cancel', { bookingId: b.id, itemIds: [second?.id ?? 0], reason: 'goodwill', overrideRefundCents: 10_000 });
    // The override waits: nothing moves until an admin approves it.
    expect(cancelled.movements).toHaveLength(2);
    expect(cancelled.refundRequests).toMatchObject([{ amountCents: 10_000, isOverride: true, state: 'pending', requestedByName: OPERATORS.supervisor.name }]);
    await ok(t, t.tokens.admin, 'refunds.decide', { refundId: cancelled.refundRequests?.[0]?.id ?? 0, approve: true, reason: 'agreed' });
    const done = await ok(t, t.tokens.agent, 'bookings.get', { bookingId: b.id });
    expect(done.movements?.map((m) => [m.kind, m.amountCents, m.operatorName, m.itemId])).toEqual([
      ['charge', 44_900, OPERATORS.agent.name, null],
      ['refund', 25_000, OPERATORS.agent.name, first?.id],
      ['refund', 10_000, OPERATORS.admin.name, second?.id],
    ]);
    expect(done.movements?.[1]?.reason).toContain('first leg off');
    expect(done.movements?.[2]?.reason).toContain('override');
    expect(done.movements?.[2]?.paymentLabel).toBe('Visa ending 4242');
    expect(done.billing.find((r) => r.status === 'refunded')?.amountCents).toBe(35_000);
    expect(done.refundedCents).toBe(35_000);
    const dupes = await t.db.all('SELECT booking_id, transaction_status FROM billing GROUP BY booking_id, transaction_status HAVING COUNT(*) > 1');
    expect(dupes).toEqual([]);
  });

  it('billing rows made before movements become one movement each, with the billing row\'s id (the migration\'s backfill)', async () => {
    const file = mode === 'central' ? 'mysql/010_money_movements.sql' : 'sqlite/011_money_movements.sql';
    const text = fs.readFileSync(path.resolve(__dirname, '../../../../migrations', file), 'utf8');
    const backfill = /INSERT INTO money_movements[\s\S]+?;\s*$/m.exec(text)?.[0].replace(/;\s*$/, '');
    expect(backfill).toBeDefined();
    const at = toDbInstant(Date.now() - 86_400_000);
    const booking = await t.db.run(
      `INSERT INTO bookings (user_id, booking_type, status, total_cents, refunded_cents, created_by_admin_id, created_at_utc, updated_at_utc, locator)
       VALUES (?, 'flight', 'partially_cancelled', 30000, 12000, ?, ?, ?, 'QQQ7QQ')`, [fx.customerId, OPERATORS.agent.id, at, at]);
    const captured = await t.db.run(
      "INSERT INTO billing (booking_id, user_id, amount_cents, transaction_status, transaction_ts_utc, gateway_ref) VALUES (?, ?, 30000, 'captured', ?, 'ch_old')",
      [booking.insertId, fx.customerId, at]);
    const refunded = await t.db.run(
      "INSERT INTO billing (booking_id, user_id, amount_cents, transaction_status, transaction_ts_utc, gateway_ref, note) VALUES (?, ?, 12000, 'refunded', ?, 're_old', 'schedule change')",
      [booking.insertId, fx.customerId, at]);
    // Only this booking's rows are new to the backfill: the others already have theirs.
    await t.db.run(`${backfill ?? ''} AND bl.booking_id = ?`, [booking.insertId]);
    const got = await ok(t, t.tokens.agent, 'bookings.get', { bookingId: booking.insertId });
    expect(got.movements?.map((m) => [m.id, m.kind, m.amountCents, m.reason, m.operatorId])).toEqual([
      [captured.insertId, 'charge', 30_000, 'booking', OPERATORS.agent.id],
      [refunded.insertId, 'refund', 12_000, 'schedule change', null],
    ]);
  });
});
