import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../../shared/time';
import { DECLINED_CARD, GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { fails, MODES, ok, startTestCore, type TestCore } from '../../../support/testCore';
import { driver, leadGuest, passengers } from '../../../support/travellers';
import { firstPagePng, logoPng, pdfPages, pdfText } from '../../../support/pdfText';

/** A drawn page: a PNG, and not a blank one (a blank A4 at 60 dpi compresses to well under 2 kB). */
function expectPicture(file: string): void {
  const png = fs.readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.length).toBeGreaterThan(8_000);
}

const root = path.resolve(__dirname, '..', '..', '..', '..');

/** "10:00 EDT": the wall clock at an airport, straight from Intl (not through the code under test). */
function clock(utc: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).formatToParts(new Date(utc));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '?';
  return `${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

const money = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A traveller whose letters are outside Latin-1: the font must carry them. */
const ZOE = { givenNames: 'Zoë Łucja', familyName: 'Дмитриева', dateOfBirth: '1990-01-01' };

describe.each(MODES)('itinerary and invoice PDFs, %s', (_name, mode) => {
  let t: TestCore;
  let fx: Fixture;
  const logo = path.join(root, 'test-results', 'documents', `logo-${mode}.png`);

  beforeAll(async () => {
    fs.mkdirSync(path.dirname(logo), { recursive: true });
    fs.writeFileSync(logo, logoPng());
    t = await startTestCore(mode, {
      env: {
        TRIPDESK_AGENCY_NAME: 'Lovelace & Babbage Travel', TRIPDESK_AGENCY_ADDRESS: '12 Analytical Row, New York, NY 10001',
        TRIPDESK_AGENCY_PHONE: '+1 212 555 0199', TRIPDESK_AGENCY_LOGO: logo, TRIPDESK_TAX_PCT: '8.875', TRIPDESK_BOOKING_FEE_CENTS: '1500',
      },
    });
    fx = await loadFixture(t.engine, { seats: 40 });
  });
  afterAll(async () => t?.close());

  const bookFlight = (seats = 1) => ok(t, t.tokens.agent, 'bookings.create', {
    customerId: fx.customerId, expectedTotalCents: seats * fx.flightPriceCents,
    items: [{ kind: 'flight', flightId: fx.flightId, seats, travellers: passengers(seats) }], payment: { kind: 'card', card: GOOD_CARD },
  });

  /** Three passengers, a stay of three nights and a car: 3 × $250 + $210 + $220 + $230 + 3 × $45. */
  const bookTrip = (carFrom = fx.checkIn) => ok(t, t.tokens.agent, 'bookings.create', {
    customerId: fx.customerId, expectedTotalCents: 3 * 25000 + 21000 + 22000 + 23000 + 3 * 4500,
    items: [
      { kind: 'flight', flightId: fx.flightId, seats: 3, travellers: [...passengers(2), ZOE] },
      { kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 1, guests: 2, travellers: [leadGuest()] },
      { kind: 'car', carId: fx.carId, pickUp: carFrom, dropOff: addDays(carFrom, 3), travellers: [driver()] },
    ],
    payment: { kind: 'card', card: GOOD_CARD },
  });

  const billingOf = async (bookingId: number) => {
    const rows = await t.db.all<{ transaction_status: string; amount_cents: number }>('SELECT transaction_status, amount_cents FROM billing WHERE booking_id = ?', [bookingId]);
    const sum = (s: string) => rows.filter((r) => r.transaction_status === s).reduce((n, r) => n + Number(r.amount_cents), 0);
    return { captured: sum('captured'), refunded: sum('refunded') };
  };

  it('the itinerary: agency header, locator, every traveller, each flight in its airports\' local time, stay and car days, shareable remarks, the policy in words', async () => {
    const b = await bookTrip();
    await ok(t, t.tokens.agent, 'bookings.addRemark', { bookingId: b.id, text: 'Window seats requested for all three', shareable: true });
    await ok(t, t.tokens.agent, 'bookings.addRemark', { bookingId: b.id, text: 'Customer haggled hard, do not discount again', shareable: false });
    const file = await ok(t, t.tokens.agent, 'documents.itinerary', { bookingId: b.id });
    expect(file).toMatchObject({ fileName: `itinerary-${b.locator}.pdf`, contentType: 'application/pdf' });
    expect(Buffer.from(file.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(file);

    expect(text).toContain('Lovelace & Babbage Travel');
    expect(text).toContain('12 Analytical Row, New York, NY 10001');
    expect(text).toContain('+1 212 555 0199');
    expect(text).toContain(`Record locator ${b.locator}`);
    for (const name of ['Ada Lovelace', 'Grace Lovelace', 'Zoë Łucja Дмитриева', 'Mary Somerville', 'Bertha Benz']) expect(text).toContain(name);
    // 14:00 and 20:00 UTC, read at JFK and at LAX.
    expect(text).toContain(`${clock(`${fx.departDay}T14:00:00Z`, 'America/New_York')} (America/New_York)`);
    expect(text).toContain(`${clock(`${fx.departDay}T20:00:00Z`, 'America/Los_Angeles')} (America/Los_Angeles)`);
    // No segment time in UTC (the "Issued" line is UTC on purpose, and at 14:00 would read the same).
    expect(text.split('\n').filter((l) => !l.startsWith('Issued ')).join('\n')).not.toContain('14:00 UTC');
    expect(text).toContain('Delta Air Lines DL 401 JFK→LAX');
    const day = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
    expect(text).toMatch(new RegExp(`Check-in ${day(fx.checkIn)}`));
    expect(text).toMatch(new RegExp(`Check-out ${day(fx.checkOut)}`));
    expect(text).toMatch(new RegExp(`Pick-up ${day(fx.checkIn)}`));
    expect(text).toContain('Window seats requested for all three');
    expect(text).not.toContain('haggled');
    expect(text).toContain('more than 24 hours before it starts is refunded in full');
    expect(text).toContain('20% of its price is kept as a fee');
    // What the customer sees: the first page drawn by poppler (the README's picture comes from here).
    expectPicture(firstPagePng(file, `itinerary-pdf-${mode}.png`));
  });

  it('an invoice takes the next number once, re-renders it after that, and its totals are billing\'s to the cent, after a refund too', async () => {
    const b = await bookTrip(fx.checkOut);
    const first = await ok(t, t.tokens.agent, 'documents.invoice', { bookingId: b.id });
    const number = /INV-(\d{6})/.exec(first.fileName)?.[0];
    expect(number).toBeDefined();
    const row = await t.db.get<{ invoice_number: number }>('SELECT invoice_number FROM invoices WHERE booking_id = ?', [b.id]);
    expect(`INV-${String(row?.invoice_number).padStart(6, '0')}`).toBe(number);
    let text = await pdfText(first);
    expect(text).toContain(`Invoice number ${number}`);
    expect(text).toContain(`Record locator ${b.locator}`);
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('ada.lovelace@example.com');

    const paid = await billingOf(b.id);
    expect(paid).toEqual({ captured: b.totalCents, refunded: 0 });
    expect(text).toContain(`Items total ${money(b.totalCents)}`);
    expect(text).toContain(`Charged ${money(paid.captured)}`);
    expect(text).toContain(`Total paid ${money(paid.captured)}`);
    expect(text).not.toMatch(/Refunded \$/);
    expect(text).toContain('Included booking fee $15.00');
    const tax = paid.captured - Math.round((paid.captured * 100) / 108.875);
    expect(text).toContain(`Included tax (8.875%) ${money(tax)}`);
    expect(text).toContain(`Total paid before tax ${money(paid.captured - tax)}`);
    const payments = () => text.slice(text.indexOf('Payments and refunds'));
    expect(payments()).toMatch(new RegExp(`Charged[\\s\\S]{0,80}\\${money(paid.captured)}`));

    const car = b.items.find((i) => i.kind === 'car');
    await ok(t, t.tokens.agent, 'bookings.cancel', { bookingId: b.id, itemIds: [car?.id ?? 0], reason: 'Customer has a lift' });
    const again = await ok(t, t.tokens.agent, 'documents.invoice', { bookingId: b.id });
    expect(again.fileName).toBe(first.fileName);
    text = await pdfText(again);
    const after = await billingOf(b.id);
    expect(after.refunded).toBe(4500 * 3);
    expect(text).toContain(`Invoice number ${number}`);
    expect(text).toContain(`Charged ${money(after.captured)}`);
    expect(text).toContain(`Refunded ${money(after.refunded)}`);
    expect(text).toContain(`Total paid ${money(after.captured - after.refunded)}`);
    expect(text).toContain('(cancelled)');
    expect(payments()).toMatch(new RegExp(`Refunded[\\s\\S]{0,80}\\${money(after.refunded)}`));
    expect(await t.db.all('SELECT booking_id FROM invoices WHERE booking_id = ?', [b.id])).toHaveLength(1);
    expectPicture(firstPagePng(again, `invoice-pdf-${mode}.png`));
  });

  it('consoles racing for invoices: each booking gets one number, and the numbers run from 1 without a gap', async () => {
    const bookings = [];
    for (let i = 0; i < 6; i++) bookings.push(await bookFlight());
    const files = await Promise.all(bookings.flatMap((b) => [b, b].map((x) => ok(t, t.tokens.agent, 'documents.invoice', { bookingId: x.id }))));
    bookings.forEach((b, i) => expect(files[2 * i]?.fileName, b.locator).toBe(files[2 * i + 1]?.fileName));
    expect(new Set(files.map((f) => f.fileName)).size).toBe(bookings.length);
    const numbers = (await t.db.all<{ invoice_number: number }>('SELECT invoice_number FROM invoices ORDER BY invoice_number')).map((r) => Number(r.invoice_number));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const counter = await t.db.get<{ last_number: number }>('SELECT last_number FROM invoice_counter WHERE id = 1');
    expect(Number(counter?.last_number)).toBe(numbers.length);
  });

  it('a booking whose payment failed has nothing to invoice, and takes no number; an unknown booking is NOT_FOUND', async () => {
    const before = await t.db.get<{ last_number: number }>('SELECT last_number FROM invoice_counter WHERE id = 1');
    const failed = await ok(t, t.tokens.agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents,
      items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: DECLINED_CARD },
    });
    expect(failed.status).toBe('payment_failed');
    await fails(t, t.tokens.agent, 'documents.invoice', { bookingId: failed.id }, 'VALIDATION');
    await fails(t, t.tokens.agent, 'documents.invoice', { bookingId: 987654 }, 'NOT_FOUND');
    await fails(t, t.tokens.agent, 'documents.itinerary', { bookingId: 987654 }, 'NOT_FOUND');
    const after = await t.db.get<{ last_number: number }>('SELECT last_number FROM invoice_counter WHERE id = 1');
    expect(Number(after?.last_number)).toBe(Number(before?.last_number));
  });

  it('a long itinerary flows onto more pages, with every passenger of a nine-seat flight', async () => {
    const b = await bookFlight(9);
    await ok(t, t.tokens.agent, 'bookings.addRemark', { bookingId: b.id, text: 'Group travel: '.padEnd(1500, 'seat the group together, aisle to window. '), shareable: true });
    const file = await ok(t, t.tokens.agent, 'documents.itinerary', { bookingId: b.id });
    const text = await pdfText(file);
    expect(await pdfPages(file)).toBeGreaterThanOrEqual(1);
    expect(text).toContain('Passengers (9)');
    for (const p of passengers(9)) expect(text.replace(/\s+/g, ' ')).toContain(`${p.givenNames} ${p.familyName}`);
    expect(text).toMatch(/page 1 of \d/);
  });
});
