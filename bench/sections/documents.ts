/**
 * 11. Documents: what an itinerary PDF costs. A six-segment itinerary (six flights, two
 * passengers each, a stay, a car, a remark) rendered by the core's renderer (main/core/ops/documents),
 * beside the raw limit in the same run: the same library (pdfkit) writing a one-page minimal
 * document (one line of text in its built-in font). The ratio is what the layout, the embedded
 * DejaVu font and the local-time formatting add on top of pdfkit itself.
 */
import PDFDocument from 'pdfkit';
import type { Booking } from '../../shared/contract';
import { loadConfig } from '../../main/core/config';
import { renderItinerary } from '../../main/core/ops/documents/itineraryPdf';
import type { SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { summarize } from '../lib/stats';

const HOUR = 3_600_000;
const ROUTES: Array<[string, string, string, string]> = [
  ['JFK', 'America/New_York', 'LAX', 'America/Los_Angeles'], ['LAX', 'America/Los_Angeles', 'HNL', 'Pacific/Honolulu'],
  ['HNL', 'Pacific/Honolulu', 'SEA', 'America/Los_Angeles'], ['SEA', 'America/Los_Angeles', 'DEN', 'America/Denver'],
  ['DEN', 'America/Denver', 'ORD', 'America/Chicago'], ['ORD', 'America/Chicago', 'JFK', 'America/New_York'],
];

function sixSegmentBooking(now: number): Booking {
  const travellers = (itemId: number, role: 'passenger' | 'lead_guest' | 'driver', n: number) => Array.from({ length: n }, (_, k) => ({
    id: itemId * 10 + k, role, givenNames: k === 0 ? 'Ada' : 'Zoë Łucja', familyName: k === 0 ? 'Lovelace' : 'Дмитриева', dateOfBirth: '1985-12-10',
    gender: null, knownTravellerNumber: null, passport: null, guestCount: role === 'lead_guest' ? 2 : null, savedTravellerId: null,
  }));
  const start = now + 10 * 24 * HOUR;
  const flights: Booking['items'] = ROUTES.map(([from, fromZone, to, toZone], i) => ({
    id: i + 1, kind: 'flight', refId: 100 + i, label: `TripDesk Air TD${101 + i} ${from}→${to}`,
    startUtc: new Date(start + i * 2 * 24 * HOUR).toISOString(), endUtc: new Date(start + i * 2 * 24 * HOUR + 5 * HOUR).toISOString(),
    quantity: 2, totalCents: 2 * 25_000, status: 'active', refundCents: 0, travellers: travellers(i + 1, 'passenger', 2),
    startTimeZone: fromZone, endTimeZone: toZone,
  }));
  const day = (d: number) => `${new Date(start + d * 24 * HOUR).toISOString().slice(0, 10)}T00:00:00.000Z`;
  return {
    id: 1, customerId: 1, customerName: 'Ada Lovelace', bookingType: 'package', status: 'confirmed', totalCents: 6 * 50_000 + 54_000 + 13_500,
    refundedCents: 0, createdAtUtc: new Date(now).toISOString(), createdBy: 1, locator: 'K7QM2T', createdByName: 'Agent', bookedOn: 'Front desk',
    madeOffline: false, provisional: false,
    remarks: [{ id: 1, bookingId: 1, text: 'Window seats requested on every leg.', shareable: true, authorId: 1, authorName: 'Agent', atUtc: new Date(now).toISOString(), provisional: false }],
    items: [
      ...flights,
      { id: 7, kind: 'hotel', refId: 211, label: 'Harbor Inn, Deluxe King, 3 night(s)', startUtc: day(0), endUtc: day(3), quantity: 1, totalCents: 54_000,
        status: 'active', refundCents: 0, travellers: travellers(7, 'lead_guest', 1) },
      { id: 8, kind: 'car', refId: 301, label: 'Hertz Toyota Corolla (economy), 3 day(s)', startUtc: day(0), endUtc: day(3), quantity: 1, totalCents: 13_500,
        status: 'active', refundCents: 0, travellers: travellers(8, 'driver', 1) },
    ],
    billing: [],
  };
}

function minimalPdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text('TripDesk');
    doc.end();
  });
}

export async function benchDocuments(ctx: SectionCtx): Promise<Row[]> {
  const config = loadConfig({ TRIPDESK_DATA_DIR: ctx.tmpDir('td-bench-docs-'), TRIPDESK_PASSWORD_COST: 'test' });
  const now = Date.now();
  const booking = sixSegmentBooking(now);
  const n = ctx.opts.quick ? 40 : 200;
  // Warm both (fonts read, JIT): the first document of a process is not what an agent waits for.
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    bytes = (await renderItinerary(booking, { agency: config.agency, policy: config.refundPolicy, now })).length;
    await minimalPdf();
  }
  const docMs: number[] = [];
  const rawMs: number[] = [];
  // Interleaved, so a busy neighbour on the machine weighs on both sides alike.
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    await renderItinerary(booking, { agency: config.agency, policy: config.refundPolicy, now });
    docMs.push(performance.now() - t);
    t = performance.now();
    await minimalPdf();
    rawMs.push(performance.now() - t);
  }
  ctx.params.documents = n;
  ctx.params.itineraryBytes = bytes;
  ctx.notes.push(`six flights × 2 passengers + a stay + a car + a remark, rendered ${n} times; raw = pdfkit's one-page minimal document (one line, built-in Helvetica) in the same loop`);
  const d = summarize(docMs);
  const r = summarize(rawMs);
  return [
    row({ metric: 'six-segment itinerary PDF p50', unit: 'ms', value: d.p50, raw: r.p50, rawLabel: 'pdfkit minimal page p50', better: 'lower' }),
    row({ metric: 'six-segment itinerary PDF p95', unit: 'ms', value: d.p95, raw: r.p95, rawLabel: 'pdfkit minimal page p95', better: 'lower' }),
  ];
}
