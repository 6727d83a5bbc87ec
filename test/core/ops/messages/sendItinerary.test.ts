import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../shared/uuidv7';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { pdfText } from '../../../support/pdfText';
import { pdfAttachments, startTestSmtp, type TestSmtp } from '../../../support/smtpServer';
import { badInput, fails, MODES, ok, startTestCore, type TestCore } from '../../../support/testCore';
import { passengers } from '../../../support/travellers';

/** "10:00 EDT": the wall clock at an airport, straight from Intl (not through the code under test). */
function clock(utc: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).formatToParts(new Date(utc));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '?';
  return `${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

const CUSTOMER_EMAIL = 'ada.lovelace@example.com';

describe.each(MODES)('emailing the itinerary through a real SMTP server, %s', (_name, mode) => {
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
  beforeEach(async () => {
    await smtp.start().catch(() => undefined);
    smtp.received.length = 0;
  });

  const book = (seats = 2) => ok(t, t.tokens.agent, 'bookings.create', {
    customerId: fx.customerId, expectedTotalCents: seats * fx.flightPriceCents,
    items: [{ kind: 'flight', flightId: fx.flightId, seats, travellers: passengers(seats) }], payment: { kind: 'card', card: GOOD_CARD },
  });

  it('mails the itinerary PDF to the customer: the server gets one message whose PDF has the locator, both travellers and the local times', async () => {
    const b = await book(2);
    const opId = uuidv7();
    const sent = await ok(t, t.tokens.agent, 'messages.sendItinerary', { bookingId: b.id, opId });
    expect(sent).toMatchObject({
      bookingId: b.id, kind: 'itinerary', to: CUSTOMER_EMAIL, state: 'sent', messageId: `<${opId}@tripdesk>`, attempts: 1, failureReason: null, provisional: false,
    });
    expect(sent.sentAtUtc).not.toBeNull();

    const [mail] = await smtp.waitFor(1);
    expect(smtp.received).toHaveLength(1);
    expect(mail?.to).toEqual([CUSTOMER_EMAIL]);
    expect(mail?.messageId).toBe(`<${opId}@tripdesk>`);
    expect(mail?.parsed.from?.text).toContain('desk@tripdesk.test');
    expect(mail?.parsed.subject).toBe(sent.subject);
    expect(mail?.parsed.subject).toContain(b.locator);
    expect(mail?.parsed.text).toContain(b.locator);
    const pdfs = mail ? pdfAttachments(mail) : [];
    expect(pdfs.map((p) => p.fileName)).toEqual([`itinerary-${b.locator}.pdf`]);
    const text = await pdfText(pdfs[0]!);
    expect(text).toContain(b.locator);
    for (const p of b.items[0]?.travellers ?? []) {
      expect(text).toContain(p.givenNames);
      expect(text.toUpperCase()).toContain(p.familyName.toUpperCase());
    }
    const item = b.items[0]!;
    expect(text).toContain(clock(item.startUtc, 'America/New_York'));
    expect(text).toContain(clock(item.endUtc, 'America/Los_Angeles'));

    // Recorded, and listed on the booking.
    const listed = await ok(t, t.tokens.agent, 'messages.list', { bookingId: b.id });
    expect(listed.map((m) => [m.id, m.state, m.messageId, m.to])).toEqual([[sent.id, 'sent', `<${opId}@tripdesk>`, CUSTOMER_EMAIL]]);
    const row = await t.db.get<{ op_id: string; created_by_admin_id: number }>('SELECT op_id, created_by_admin_id FROM messages WHERE id = ?', [sent.id]);
    expect(row?.op_id).toBe(opId);
  });

  it('the same opId twice is one message and one mail; `to` sends elsewhere; a bad address is VALIDATION and records nothing', async () => {
    const b = await book(1);
    const opId = uuidv7();
    const first = await ok(t, t.tokens.agent, 'messages.sendItinerary', { bookingId: b.id, to: 'travel.desk@example.org', opId });
    const again = await ok(t, t.tokens.agent, 'messages.sendItinerary', { bookingId: b.id, to: 'travel.desk@example.org', opId });
    expect(again).toMatchObject({ id: first.id, state: 'sent', attempts: 1 });
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received.map((m) => m.to)).toEqual([['travel.desk@example.org']]);

    const bad = await fails(t, t.tokens.agent, 'messages.sendItinerary', { bookingId: b.id, to: badInput('ada at example') }, 'VALIDATION');
    expect(bad.message).toMatch(/^to:/);
    await fails(t, t.tokens.agent, 'messages.sendItinerary', { bookingId: 999_999 }, 'NOT_FOUND');
    expect(await ok(t, t.tokens.agent, 'messages.list', { bookingId: b.id })).toHaveLength(1);
  });

  it('a confirmation carries the itinerary; a cancellation notice goes only for a cancelled booking', async () => {
    const b = await book(1);
    const confirmation = await ok(t, t.tokens.agent, 'messages.send', { bookingId: b.id, kind: 'confirmation' });
    expect(confirmation).toMatchObject({ kind: 'confirmation', state: 'sent' });
    await fails(t, t.tokens.agent, 'messages.send', { bookingId: b.id, kind: 'cancellation' }, 'VALIDATION');
    await ok(t, t.tokens.agent, 'bookings.cancel', { bookingId: b.id, reason: 'Customer changed plans' });
    const cancellation = await ok(t, t.tokens.agent, 'messages.send', { bookingId: b.id, kind: 'cancellation' });
    expect(cancellation).toMatchObject({ kind: 'cancellation', state: 'sent' });
    const mails = await smtp.waitFor(2);
    expect(mails.map((m) => [m.parsed.subject, pdfAttachments(m).length])).toEqual([[`Booking ${b.locator} confirmed`, 1], [`Booking ${b.locator} cancelled`, 0]]);
    expect(mails[1]?.parsed.text).toContain('cancelled');
    expect((await ok(t, t.tokens.agent, 'messages.list', { bookingId: b.id })).map((m) => m.kind)).toEqual(['cancellation', 'confirmation']);
  });

  it('SMTP down: the message waits as failed with its reason, listed for Needs attention; Retry sends it with the same Message-ID', async () => {
    const b = await book(1);
    await smtp.stop();
    const failed = await ok(t, t.tokens.agent, 'messages.sendItinerary', { bookingId: b.id });
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(failed.failureReason).toMatch(new RegExp(`SMTP server 127\\.0\\.0\\.1:${smtp.port} could not take the message`));
    const waiting = await ok(t, t.tokens.agent, 'messages.list', { state: 'failed' });
    expect(waiting.map((m) => m.id)).toContain(failed.id);

    await smtp.start();
    const retried = await ok(t, t.tokens.agent, 'messages.retry', { messageId: failed.id });
    expect(retried).toMatchObject({ id: failed.id, state: 'sent', attempts: 2, failureReason: null });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.messageId).toBe(failed.messageId);
    expect((await ok(t, t.tokens.agent, 'messages.list', { state: 'failed' })).map((m) => m.id)).not.toContain(failed.id);
    // Only a failed message is sent again.
    await fails(t, t.tokens.agent, 'messages.retry', { messageId: failed.id }, 'CONFLICT');
  });

  it('edit address on retry, and discard with a reason', async () => {
    const b = await book(1);
    await smtp.stop();
    const one = await ok(t, t.tokens.agent, 'messages.sendItinerary', { bookingId: b.id });
    const two = await ok(t, t.tokens.agent, 'messages.sendItinerary', { bookingId: b.id });
    expect([one.state, two.state]).toEqual(['failed', 'failed']);
    await smtp.start();
    await fails(t, t.tokens.agent, 'messages.retry', { messageId: one.id, to: badInput('nobody@') }, 'VALIDATION');
    const edited = await ok(t, t.tokens.agent, 'messages.retry', { messageId: one.id, to: 'ada.new@example.com' });
    expect(edited).toMatchObject({ state: 'sent', to: 'ada.new@example.com' });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual(['ada.new@example.com']);

    const discarded = await ok(t, t.tokens.agent, 'messages.discard', { messageId: two.id, reason: 'Customer has it already' });
    expect(discarded.state).toBe('discarded');
    const reason = await t.db.get<{ discard_reason: string }>('SELECT discard_reason FROM messages WHERE id = ?', [two.id]);
    expect(reason?.discard_reason).toBe('Customer has it already');
    await fails(t, t.tokens.agent, 'messages.retry', { messageId: two.id }, 'CONFLICT');
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.received).toHaveLength(1);
  });
});

describe.each(MODES)('SMTP settings that cannot send, %s', (_name, mode) => {
  let smtp: TestSmtp;
  const cores: TestCore[] = [];
  beforeAll(async () => { smtp = await startTestSmtp(); });
  afterAll(async () => {
    for (const c of cores) await c.close();
    await smtp?.close();
  });

  it('a wrong SMTP password says so, and nothing arrives', async () => {
    const t = await startTestCore(mode, { env: smtp.env('not the password') });
    cores.push(t);
    const fx = await loadFixture(t.engine);
    const b = await ok(t, t.tokens.agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents,
      items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    const m = await ok(t, t.tokens.agent, 'messages.sendItinerary', { bookingId: b.id });
    expect(m.state).toBe('failed');
    expect(m.failureReason).toMatch(/^The SMTP server refused the user name or password/);
    expect(smtp.received).toHaveLength(0);
  });

  it('a console without SMTP settings records the message as failed, saying email is not set up', async () => {
    const t = await startTestCore(mode);
    cores.push(t);
    const fx = await loadFixture(t.engine);
    const b = await ok(t, t.tokens.agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents,
      items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    const m = await ok(t, t.tokens.agent, 'messages.sendItinerary', { bookingId: b.id });
    expect(m).toMatchObject({ state: 'failed' });
    expect(m.failureReason).toMatch(/Email is not set up on this console/);
  });
});
