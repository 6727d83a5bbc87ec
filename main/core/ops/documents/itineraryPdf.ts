import type { Booking } from '../../../../shared/contract';
import type { AgencySettings, RefundPolicy } from '../../config';
import type { ItemPolicy } from '../rates/propertyPolicy';
import { calendarDay, flightTimes, localDateTime, ROLE_WORDS, travellerName } from './documentText';
import { PdfWriter } from './pdfWriter';

type Item = Booking['items'][number];

const HOUR_MS = 3_600_000;

/**
 * The refund and change rules in words, as the cancellation quote applies them (refundPolicy.ts):
 * the console's, then each hotel's own for its stays (`properties`: the policies that are a hotel's).
 */
export function policyWords(policy: RefundPolicy, properties: readonly ItemPolicy[] = []): string[] {
  const owners = new Map(properties.filter((p) => p.owner !== null).map((p) => [p.owner, p.policy]));
  return [
    `Cancelling: an item cancelled more than ${policy.freeCancelHours} hours before it starts is refunded in full. ` +
      `Cancelled later, ${policy.lateFeePct}% of its price is kept as a fee and the rest refunded. Once it has started it cannot be refunded.`,
    ...[...owners].map(([owner, own]) => `Stays at ${owner} follow the hotel's own policy: cancelled more than ${own.freeCancelHours} hours before check-in, ` +
      `refunded in full; later, ${own.lateFeePct}% of the price is kept as a fee.`),
    'Changing: a change to a flight, a stay or a car is a cancellation under these terms and a new booking at the price of the day. ' +
      'Call us with your record locator and we will quote both before anything is changed.',
  ];
}

/** When an item stops being free to cancel, in the clock its traveller reads (a flight's departure airport). */
function freeUntil(item: Item, policy: RefundPolicy): string {
  const at = new Date(Date.parse(item.startUtc) - policy.freeCancelHours * HOUR_MS).toISOString();
  return localDateTime(at, item.kind === 'flight' ? item.startTimeZone : undefined);
}

function itemTravellers(item: Item): string {
  if (item.travellers.length === 0) return '';
  return item.travellers.map((t) => {
    const guests = t.role === 'lead_guest' && t.guestCount !== null && t.guestCount > 1 ? `, ${t.guestCount} guests` : '';
    return `${travellerName(t)} (${ROLE_WORDS[t.role]}${guests})`;
  }).join('; ');
}

/**
 * The customer's itinerary: the agency's header, the locator, who travels, every flight in the
 * local time of its airports, stays and cars on their calendar days, the remarks meant for the
 * customer and the refund and change rules. Pure: the same booking and settings give the same pages.
 */
export async function renderItinerary(
  booking: Booking, opts: { agency: AgencySettings; policy: RefundPolicy; now: number; itemPolicies?: ReadonlyMap<number, ItemPolicy> },
): Promise<Buffer> {
  const policyOf = (item: Item): RefundPolicy => opts.itemPolicies?.get(item.id)?.policy ?? opts.policy;
  const pdf = new PdfWriter({
    title: `Itinerary ${booking.locator}`, subject: `Itinerary for ${booking.customerName}`, author: opts.agency.name, createdAt: new Date(opts.now),
  });
  const issued = new Date(opts.now).toISOString();
  pdf.header(opts.agency, 'Itinerary', [
    `Record locator ${booking.locator}`,
    `Prepared for ${booking.customerName}`,
    `Issued ${calendarDay(issued)} ${issued.slice(11, 16)} UTC`,
  ]);
  if (booking.provisional) pdf.para('Booked while offline: the agency confirms this booking once its console is back online.', { bold: true });
  if (booking.status === 'cancelled') pdf.para('This booking has been cancelled.', { bold: true });

  const travellers = new Map<string, string>();
  for (const item of booking.items) {
    for (const t of item.travellers) {
      const key = `${t.givenNames}|${t.familyName}|${t.dateOfBirth}`;
      if (!travellers.has(key)) travellers.set(key, travellerName(t));
    }
  }
  pdf.heading('Travellers');
  if (travellers.size === 0) pdf.para(booking.customerName);
  for (const name of travellers.values()) pdf.para(name);

  const flights = booking.items.filter((i) => i.kind === 'flight');
  const stays = booking.items.filter((i) => i.kind === 'hotel');
  const cars = booking.items.filter((i) => i.kind === 'car');
  const cancelled = (i: Item) => (i.status === 'cancelled' ? ' — cancelled' : '');

  if (flights.length > 0) {
    pdf.heading('Flights');
    pdf.para('Times are local at each airport.', { muted: true });
    flights.forEach((f, n) => {
      const t = flightTimes(f);
      pdf.space(4);
      pdf.para(`${n + 1}. ${f.label}${cancelled(f)}`, { bold: true });
      pdf.row([{ text: 'Departs', width: 0.18 }, { text: t.departs, width: 0.82 }]);
      pdf.row([{ text: 'Arrives', width: 0.18 }, { text: t.arrives, width: 0.82 }]);
      const who = itemTravellers(f);
      if (who) pdf.row([{ text: f.quantity === 1 ? 'Passenger' : `Passengers (${f.quantity})`, width: 0.18 }, { text: who, width: 0.82 }]);
    });
  }
  if (stays.length > 0) {
    pdf.heading('Stays');
    for (const s of stays) {
      pdf.space(4);
      pdf.para(`${s.label}${cancelled(s)}`, { bold: true });
      pdf.row([{ text: 'Check-in', width: 0.18 }, { text: calendarDay(s.startUtc), width: 0.82 }]);
      pdf.row([{ text: 'Check-out', width: 0.18 }, { text: calendarDay(s.endUtc), width: 0.82 }]);
      pdf.row([{ text: 'Rooms', width: 0.18 }, { text: String(s.quantity), width: 0.82 }]);
      const who = itemTravellers(s);
      if (who) pdf.row([{ text: 'Lead guest', width: 0.18 }, { text: who, width: 0.82 }]);
    }
  }
  if (cars.length > 0) {
    pdf.heading('Cars');
    for (const c of cars) {
      pdf.space(4);
      pdf.para(`${c.label}${cancelled(c)}`, { bold: true });
      pdf.row([{ text: 'Pick-up', width: 0.18 }, { text: calendarDay(c.startUtc), width: 0.82 }]);
      pdf.row([{ text: 'Drop-off', width: 0.18 }, { text: calendarDay(c.endUtc), width: 0.82 }]);
      const who = itemTravellers(c);
      if (who) pdf.row([{ text: 'Driver', width: 0.18 }, { text: who, width: 0.82 }]);
    }
  }

  const shareable = booking.remarks.filter((r) => r.shareable);
  if (shareable.length > 0) {
    pdf.heading('Notes from your agent');
    for (const r of shareable) pdf.para(r.text);
  }

  pdf.heading('Refunds and changes');
  for (const words of policyWords(opts.policy, [...(opts.itemPolicies?.values() ?? [])])) pdf.para(words);
  const active = booking.items.filter((i) => i.status === 'active' && Date.parse(i.startUtc) - policyOf(i).freeCancelHours * HOUR_MS > opts.now);
  if (active.length > 0) {
    pdf.space(4);
    for (const i of active) pdf.para(`${i.label}: free to cancel until ${freeUntil(i, policyOf(i))}`, { muted: true });
  }
  return pdf.finish(`${opts.agency.name} · itinerary ${booking.locator}`);
}
