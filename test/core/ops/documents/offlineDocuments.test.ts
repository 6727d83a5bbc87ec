import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MysqlDb } from '../../../../main/core/engine/mysql/mysqlDb';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { addServerAgent, freshCentralBehindProxies, ok, startDeviceCore, type CutOffCentral, type DeviceCore } from '../../../support/testCore';
import { passengers } from '../../../support/travellers';
import { pdfText } from '../../../support/pdfText';

const PASSWORD = 'field staff password';

/**
 * A console that goes offline keeps rendering the invoice number the server gave (its copy of
 * `invoices` was pulled), renders a booking made offline as a provisional invoice without taking
 * a number, and gets the number once the booking has synced and the invoice is asked for again.
 */
describe('documents offline (MariaDB + FerretDB behind a fault proxy)', () => {
  let server: MysqlDb;
  let central: CutOffCentral;
  let fx: Fixture;
  let dev: DeviceCore;
  let token: string;

  beforeAll(async () => {
    central = await freshCentralBehindProxies('documents');
    server = central.server;
    fx = await loadFixture({ sql: server }, { seats: 20 });
    await addServerAgent(server, 'field@tripdesk.test', 'Field Agent', PASSWORD);
    dev = await startDeviceCore(central, { proxies: central.proxies, env: { TRIPDESK_SESSION_HOURS: '1000' } });
    token = await dev.signIn('field@tripdesk.test', PASSWORD);
  });
  afterAll(async () => {
    await dev?.close();
    await central?.close();
  });

  const book = () => ok(dev.core, token, 'bookings.create', {
    customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents,
    items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1, 'Offline') }], payment: { kind: 'card', card: GOOD_CARD },
  });

  it('the number given online is re-rendered offline; a booking made offline is a provisional invoice until it syncs', async () => {
    const online = await book();
    const issued = await ok(dev.core, token, 'documents.invoice', { bookingId: online.id });
    expect(issued.fileName).toBe('invoice-INV-000001.pdf');
    expect(await server.all('SELECT booking_id FROM invoices')).toEqual([{ booking_id: online.id }]);
    await dev.core.sync!.sync();

    await central.cut();
    await ok(dev.core, token, 'flights.search', { from: 'JFK', to: 'LAX' });
    expect(dev.core.mode()).toBe('offline');

    const again = await ok(dev.core, token, 'documents.invoice', { bookingId: online.id });
    expect(again.fileName).toBe('invoice-INV-000001.pdf');
    expect(await pdfText(again)).toContain('Invoice number INV-000001');

    const made = await book();
    expect(made.provisional).toBe(true);
    const itinerary = await pdfText(await ok(dev.core, token, 'documents.itinerary', { bookingId: made.id }));
    expect(itinerary).toContain(`Record locator ${made.locator}`);
    expect(itinerary).toContain('Ada Offline');
    const provisional = await ok(dev.core, token, 'documents.invoice', { bookingId: made.id });
    expect(provisional.fileName).toBe(`invoice-${made.locator}-provisional.pdf`);
    const text = await pdfText(provisional);
    expect(text).toContain('Provisional invoice — number given at sync');
    expect(text).not.toMatch(/INV-\d{6}/);
    expect(text).toContain(`Total paid $${(fx.flightPriceCents / 100).toFixed(2)}`);

    await central.restore();
    await dev.core.sync!.sync();
    expect(dev.core.mode()).toBe('online');
    const [synced] = await server.all<{ id: number }>('SELECT id FROM bookings WHERE locator = ?', [made.locator]);
    expect(await server.all('SELECT booking_id FROM invoices WHERE booking_id = ?', [synced?.id ?? 0])).toEqual([]);
    // The screen may still hold the local id: it answers with the synced booking's invoice.
    const numbered = await ok(dev.core, token, 'documents.invoice', { bookingId: made.id });
    expect(numbered.fileName).toBe('invoice-INV-000002.pdf');
    expect(await pdfText(numbered)).not.toContain('Provisional invoice');
    expect(await server.all<{ invoice_number: number }>('SELECT invoice_number FROM invoices WHERE booking_id = ?', [synced?.id ?? 0])).toEqual([{ invoice_number: 2 }]);
  });
});
