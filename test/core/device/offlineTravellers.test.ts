import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/host/core';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import { addServerAgent, freshCentralBehindProxies, ok, startDeviceCore, type CutOffCentral, type DeviceCore } from '../../support/testCore';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';

const PASSWORD = 'field staff password';
const ADA = { givenNames: 'Ada', familyName: 'Lovelace', dateOfBirth: '1985-12-10', passport: { number: 'X12345678', country: 'GBR', expiry: '2040-05-01' } };
const BYRON = { givenNames: 'Anne Isabella', familyName: 'Noel-Byron', dateOfBirth: '1992-05-17' };

/**
 * A console cut off from MariaDB + FerretDB saves a traveller for a customer made offline and books
 * two seats for that traveller and another; on return the server has the customer, the saved
 * traveller and the booking with both passengers, the picked one pointing at the saved one.
 */
describe('travellers made offline (MariaDB + FerretDB behind a fault proxy)', () => {
  let server: MysqlDb;
  let central: CutOffCentral;
  let fx: Fixture;
  const devices: DeviceCore[] = [];

  async function device(name: string): Promise<{ core: Core; token: string }> {
    const dev = await startDeviceCore(central, {
      proxies: central.proxies, env: { TRIPDESK_SESSION_HOURS: '1000', TRIPDESK_CONSOLE_NAME: name },
    });
    devices.push(dev);
    return { core: dev.core, token: await dev.signIn('field@tripdesk.test', PASSWORD) };
  }

  beforeAll(async () => {
    central = await freshCentralBehindProxies('travellers');
    server = central.server;
    fx = await loadFixture({ sql: server }, { seats: 20 });
    await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', PASSWORD);
  });
  afterAll(async () => {
    for (const d of devices) await d.close();
    await central?.close();
  });

  it('a booking with two travellers, one picked from a traveller saved offline, and a remark replays with all of them', async () => {
    const { core, token } = await device('Airport kiosk');
    await central.cut();
    await ok(core, token, 'flights.search', { from: 'JFK', to: 'LAX' });
    expect(core.mode()).toBe('offline');
    const customer = await ok(core, token, 'customers.create', { email: 'ada.offline@example.com', firstName: 'Ada', lastName: 'Lovelace' });
    const saved = await ok(core, token, 'customers.travellers.save', { customerId: customer.id, ...ADA });
    expect(saved).toMatchObject({ provisional: true, passport: { last4: '5678' } });
    expect(saved.id).toBeLessThan(0);
    const booking = await ok(core, token, 'bookings.create', {
      customerId: customer.id, expectedTotalCents: 2 * fx.flightPriceCents,
      items: [{ kind: 'flight', flightId: fx.flightId, seats: 2, travellers: [
        { givenNames: saved.givenNames, familyName: saved.familyName, dateOfBirth: saved.dateOfBirth, savedTravellerId: saved.id }, BYRON,
      ] }],
      payment: { kind: 'card', card: GOOD_CARD },
    });
    expect(booking.provisional).toBe(true);
    expect(booking.items[0]?.travellers.map((p) => [p.givenNames, p.passport?.number ?? null, p.savedTravellerId])).toEqual([
      ['Ada', 'X12345678', saved.id], ['Anne Isabella', null, null],
    ]);
    await ok(core, token, 'bookings.addRemark', { bookingId: booking.id, text: 'Aisle seats together, please', shareable: true });

    await central.restore();
    await core.sync!.sync();
    expect(await ok(core, token, 'sync.status', {})).toMatchObject({ mode: 'online', pending: 0, conflicts: 0 });

    const [onServer] = await server.all<{ id: number }>("SELECT b.id FROM bookings b JOIN users u ON u.id = b.user_id WHERE u.email = 'ada.offline@example.com'");
    const [savedOnServer] = await server.all<{ id: number; passport_number: string }>(
      "SELECT t.id, t.passport_number FROM customer_travellers t JOIN users u ON u.id = t.user_id WHERE u.email = 'ada.offline@example.com'");
    expect(savedOnServer?.passport_number).toBe('X12345678');
    const named = await server.all<{ given_names: string; traveller_role: string; passport_number: string | null; customer_traveller_id: number | null }>(
      'SELECT given_names, traveller_role, passport_number, customer_traveller_id FROM booking_travellers WHERE booking_id = ? ORDER BY id', [Number(onServer?.id)]);
    expect(named.map((n) => [n.given_names, n.traveller_role, n.passport_number, n.customer_traveller_id === null ? null : Number(n.customer_traveller_id)])).toEqual([
      ['Ada', 'passenger', 'X12345678', Number(savedOnServer?.id)], ['Anne Isabella', 'passenger', null, null],
    ]);

    const remarks = await server.all<{ remark_text: string; shareable: number }>('SELECT remark_text, shareable FROM booking_remarks WHERE booking_id = ?', [Number(onServer?.id)]);
    expect(remarks.map((r) => [r.remark_text, Number(r.shareable)])).toEqual([['Aisle seats together, please', 1]]);

    // The console's copy now shows the server's booking, both travellers and the saved one, under server ids.
    const synced = await ok(core, token, 'bookings.get', { bookingId: Number(onServer?.id) });
    expect(synced.provisional).toBe(false);
    expect(synced.items[0]?.travellers.map((p) => [p.givenNames, p.savedTravellerId])).toEqual([['Ada', Number(savedOnServer?.id)], ['Anne Isabella', null]]);
    const list = await ok(core, token, 'customers.travellers.list', { customerId: synced.customerId });
    expect(list.map((s) => [s.id, s.provisional])).toEqual([[Number(savedOnServer?.id), false]]);
  });
});
