import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/host/core';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { addServerAgent, freshCentralBehindProxies, ok, startDeviceCore, type CutOffCentral, type DeviceCore } from '../../support/testCore';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';
import { pdfText } from '../../support/pdfText';
import { pdfAttachments, startTestSmtp, type TestSmtp } from '../../support/smtpServer';
import { passengers } from '../../support/travellers';

const PASSWORD = 'field staff password';

async function until<T>(read: () => Promise<T>, good: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (good(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A console cut off from MariaDB + FerretDB books and emails the itinerary: the message is queued
 * in the outbox, nothing reaches the SMTP server (which is up all along); after reconnect the
 * replay records it on the server and it is mailed once, with the Message-ID of the offline call,
 * even when the outbox is sent again.
 */
describe('emailing an itinerary offline (MariaDB + FerretDB behind a fault proxy, a real SMTP server)', () => {
  let server: MysqlDb;
  let central: CutOffCentral;
  let smtp: TestSmtp;
  let fx: Fixture;
  const devices: DeviceCore[] = [];

  async function device(name: string): Promise<{ core: Core; token: string }> {
    const dev = await startDeviceCore(central, {
      proxies: central.proxies, env: { TRIPDESK_SESSION_HOURS: '1000', TRIPDESK_CONSOLE_NAME: name, ...smtp.env() },
    });
    devices.push(dev);
    return { core: dev.core, token: await dev.signIn('field@tripdesk.test', PASSWORD) };
  }

  beforeAll(async () => {
    central = await freshCentralBehindProxies('messages');
    server = central.server;
    fx = await loadFixture({ sql: server }, { seats: 20 });
    await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', PASSWORD);
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    for (const d of devices) await d.close();
    await central?.close();
    await smtp?.close();
  });

  it('a booking and its itinerary email made offline: queued, nothing sent; after reconnect it arrives once', async () => {
    const { core, token } = await device('Airport kiosk');
    await central.cut();
    await ok(core, token, 'flights.search', { from: 'JFK', to: 'LAX' });
    expect(core.mode()).toBe('offline');
    const booking = await ok(core, token, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: 2 * fx.flightPriceCents,
      items: [{ kind: 'flight', flightId: fx.flightId, seats: 2, travellers: passengers(2) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    const queued = await ok(core, token, 'messages.sendItinerary', { bookingId: booking.id });
    expect(queued).toMatchObject({ state: 'queued', provisional: true, bookingId: booking.id, to: 'ada.lovelace@example.com', attempts: 0 });
    expect(queued.id).toBeLessThan(0);
    expect((await ok(core, token, 'messages.list', { bookingId: booking.id })).map((m) => m.state)).toEqual(['queued']);
    expect((await ok(core, token, 'sync.status', {})).pending).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toHaveLength(0);

    await central.restore();
    await core.sync!.sync();
    const [mail] = await smtp.waitFor(1);
    expect(mail?.messageId).toBe(queued.messageId);
    expect(mail?.to).toEqual(['ada.lovelace@example.com']);
    const text = await pdfText(pdfAttachments(mail!)[0]!);
    expect(text).toContain(booking.locator);

    const [onServer] = await server.all<{ id: number; booking_id: number; state: string; attempts: number }>(
      'SELECT id, booking_id, state, attempts FROM messages WHERE message_id = ?', [queued.messageId]);
    const [serverBooking] = await server.all<{ id: number }>('SELECT id FROM bookings WHERE locator = ?', [booking.locator]);
    expect(onServer).toMatchObject({ booking_id: Number(serverBooking?.id) });
    const sent = await until(() => server.get<{ state: string; attempts: number }>('SELECT state, attempts FROM messages WHERE id = ?', [Number(onServer?.id)]), (r) => r?.state === 'sent');
    expect(sent).toMatchObject({ state: 'sent', attempts: 1 });
    // The console lists it under the server's ids, sent.
    const listed = await until(() => ok(core, token, 'messages.list', { bookingId: Number(serverBooking?.id) }), (l) => l[0]?.state === 'sent');
    expect(listed.map((m) => [m.id, m.state, m.provisional])).toEqual([[Number(onServer?.id), 'sent', false]]);

    // Syncing again, and a second console starting on the same server, send nothing more.
    await core.sync!.sync();
    await device('Back office');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received).toHaveLength(1);
  });

  it('SMTP down at reconnect: the replayed message waits as failed in Needs attention and Retry sends it', async () => {
    const { core, token } = await device('Field laptop');
    const booking = await ok(core, token, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents,
      items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
    });
    // The console's copy has the booking before the line drops.
    await core.sync!.sync();
    await central.cut();
    await ok(core, token, 'flights.search', { from: 'JFK', to: 'LAX' });
    const queued = await ok(core, token, 'messages.sendItinerary', { bookingId: booking.id, to: 'ada.office@example.com' });
    expect(queued.state).toBe('queued');
    await smtp.stop();
    smtp.received.length = 0;
    await central.restore();
    await core.sync!.sync();
    const failed = await until(() => ok(core, token, 'messages.list', { state: 'failed' }), (l) => l.some((m) => m.messageId === queued.messageId));
    const waiting = failed.find((m) => m.messageId === queued.messageId);
    expect(waiting?.failureReason).toMatch(/could not take the message/);
    await smtp.start();
    const retried = await ok(core, token, 'messages.retry', { messageId: waiting!.id });
    expect(retried.state).toBe('sent');
    const [mail] = await smtp.waitFor(1);
    expect(mail?.messageId).toBe(queued.messageId);
    expect(mail?.to).toEqual(['ada.office@example.com']);
  });
});
