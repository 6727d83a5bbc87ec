import type { Booking, MessageKind } from '../../../../shared/contract';
import type { CoreConfig } from '../../config';
import { loadBooking } from '../bookings/bookingRecord';
import type { Engine } from '../context';
import { fileSafe, flightTimes } from '../documents/documentText';
import { renderItinerary } from '../documents/itineraryPdf';
import { policiesOfBooking } from '../rates/propertyPolicy';
import type { MessageRow } from './messageRows';
import type { OutgoingMail } from './mailSender';

const money = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The subject a message is recorded with (the body is made when it is sent, from the booking as it is then). */
export function subjectFor(kind: Exclude<MessageKind, 'watch'>, locator: string, agency: string): string {
  if (kind === 'itinerary') return `Your itinerary ${locator} from ${agency}`;
  if (kind === 'confirmation') return `Booking ${locator} confirmed`;
  return `Booking ${locator} cancelled`;
}

function signature(config: CoreConfig): string {
  const a = config.agency;
  return [a.name, a.address, a.phone].filter((l): l is string => Boolean(l)).join('\n');
}

function itemLines(b: Booking): string[] {
  return b.items.filter((i) => i.status === 'active').map((i) => {
    if (i.kind !== 'flight') return `- ${i.label}`;
    const t = flightTimes(i);
    return `- ${i.label}: departs ${t.departs}, arrives ${t.arrives}`;
  });
}

/**
 * The mail for a recorded message: the text, and the itinerary PDF for an itinerary or a
 * confirmation, made by the same function as documents.itinerary, on the store of record.
 */
export async function composeMessage(engine: Engine, config: CoreConfig, row: MessageRow, now: number): Promise<Omit<OutgoingMail, 'from'>> {
  const base = { to: row.to_address, subject: row.subject, messageId: row.message_id };
  if (row.kind === 'watch' || row.booking_id === null) {
    const watch = row.watch_id ? await engine.docs.watches.getWatch(row.watch_id) : null;
    const hit = watch?.hit;
    const what = hit ? `${hit.label} on ${hit.day}: ${money(hit.priceCents)}, ${hit.available} left` : 'what you asked us to watch is available';
    return { ...base, attachments: [], text: `Hello,\n\nGood news: ${what}.\nReply or call us to book it.\n\n${signature(config)}\n` };
  }
  const booking = await loadBooking(engine.sql, Number(row.booking_id));
  const greeting = `Dear ${booking.customerName},`;
  if (row.kind === 'cancellation') {
    const refund = booking.refundedCents > 0 ? `\nWe have refunded ${money(booking.refundedCents)} to the card you paid with.` : '';
    return { ...base, attachments: [], text: `${greeting}\n\nYour booking ${booking.locator} has been cancelled.${refund}\n\n${signature(config)}\n` };
  }
  const itemPolicies = await policiesOfBooking(engine.sql, config.refundPolicy, booking);
  const pdf = await renderItinerary(booking, { agency: config.agency, policy: config.refundPolicy, now, itemPolicies });
  const opening = row.kind === 'confirmation'
    ? `your booking ${booking.locator} is confirmed (${money(booking.totalCents)} charged).`
    : `here is the itinerary of your booking ${booking.locator}.`;
  return {
    ...base,
    text: `${greeting}\n\n${opening[0]?.toUpperCase()}${opening.slice(1)}\n\n${itemLines(booking).join('\n')}\n\nThe itinerary is attached as a PDF.\n\n${signature(config)}\n`,
    attachments: [{ filename: `itinerary-${fileSafe(booking.locator)}.pdf`, contentType: 'application/pdf', content: pdf }],
  };
}
