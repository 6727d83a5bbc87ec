import type { Booking } from '../../../../shared/contract';
import { dollars } from '../../../../shared/money';
import type { AgencySettings, InvoiceSettings } from '../../config';
import { calendarDay, localDateTime } from './documentText';
import { invoiceLabel, type IssuedInvoice } from './invoiceNumbers';
import { invoiceTotals } from './invoiceTotals';
import { PdfWriter } from './pdfWriter';

export interface InvoiceInput {
  booking: Booking;
  /** null: not numbered yet (offline, or a booking not yet synced). */
  invoice: IssuedInvoice | null;
  billTo: { name: string; email: string | null };
  /** Card words by payment method id ("VISA •••• 4242"). */
  cards: ReadonlyMap<number, string>;
  agency: AgencySettings;
  invoicing: InvoiceSettings;
  now: number;
}

const STATUS_WORDS: Record<Booking['billing'][number]['status'], string> = {
  pending: 'Pending', authorized: 'Authorized', captured: 'Charged', refunded: 'Refunded', failed: 'Failed', voided: 'Voided',
};

export const PROVISIONAL_TITLE = 'Provisional invoice';
export const PROVISIONAL_NOTE = 'Provisional invoice — number given at sync';

/** What the dates column says of an item: a flight's local departure, a stay's or a car's days. */
function when(item: Booking['items'][number]): string {
  if (item.kind === 'flight') return localDateTime(item.startUtc, item.startTimeZone);
  return `${calendarDay(item.startUtc)} – ${calendarDay(item.endUtc)}`;
}

/**
 * The booking's invoice: its number (or the provisional mark), lines, tax and fees where configured,
 * every payment and refund billing holds, and totals equal to billing's to the cent.
 */
export async function renderInvoice(input: InvoiceInput): Promise<Buffer> {
  const { booking, invoice, agency } = input;
  const title = invoice ? `Invoice ${invoiceLabel(invoice.number)}` : PROVISIONAL_TITLE;
  const pdf = new PdfWriter({ title, subject: `Invoice for booking ${booking.locator}`, author: agency.name, createdAt: new Date(input.now) });
  const issued = invoice?.issuedAtUtc ?? new Date(input.now).toISOString();
  pdf.header(agency, invoice ? 'Invoice' : PROVISIONAL_TITLE, [
    invoice ? `Invoice number ${invoiceLabel(invoice.number)}` : PROVISIONAL_NOTE,
    `${invoice ? 'Issued' : 'Printed'} ${calendarDay(issued)} ${issued.slice(11, 16)} UTC`,
    `Record locator ${booking.locator}`,
  ]);
  if (!invoice) pdf.para(`${PROVISIONAL_NOTE}: this console is offline or the booking has not reached the agency's servers yet.`, { bold: true });

  pdf.heading('Bill to');
  pdf.para(input.billTo.name);
  if (input.billTo.email) pdf.para(input.billTo.email, { muted: true });

  pdf.heading('Items');
  const cols = { what: 0.44, when: 0.26, qty: 0.1, amount: 0.2 };
  pdf.row([
    { text: 'Description', width: cols.what, bold: true }, { text: 'Dates', width: cols.when, bold: true },
    { text: 'Qty', width: cols.qty, bold: true, align: 'right' }, { text: 'Amount', width: cols.amount, bold: true, align: 'right' },
  ], { shade: true });
  for (const item of booking.items) {
    pdf.row([
      { text: `${item.label}${item.status === 'cancelled' ? ' (cancelled)' : ''}`, width: cols.what },
      { text: when(item), width: cols.when },
      { text: String(item.quantity), width: cols.qty, align: 'right' },
      { text: dollars(item.totalCents), width: cols.amount, align: 'right' },
    ]);
  }

  const t = invoiceTotals(booking, input.invoicing);
  const total = (label: string, cents: number, bold = false) =>
    pdf.row([{ text: label, width: 0.8, align: 'right', bold }, { text: dollars(cents), width: 0.2, align: 'right', bold }]);
  pdf.space(4);
  pdf.rule();
  total('Items total', t.itemsCents);
  total('Charged', t.chargedCents);
  if (t.refundedCents > 0) total('Refunded', t.refundedCents);
  total('Total paid', t.paidCents, true);
  if (t.feeCents !== null) total('Included booking fee', t.feeCents);
  if (t.taxCents !== null && t.taxPct !== null) {
    total(`Included tax (${t.taxPct}%)`, t.taxCents);
    total('Total paid before tax', t.paidCents - t.taxCents);
  }

  pdf.heading('Payments and refunds');
  if (booking.billing.length === 0) pdf.para('No payment has been taken.');
  else {
    pdf.row([
      { text: 'Date', width: 0.3, bold: true }, { text: 'What', width: 0.25, bold: true },
      { text: 'Card or reference', width: 0.25, bold: true }, { text: 'Amount', width: 0.2, bold: true, align: 'right' },
    ], { shade: true });
    for (const b of booking.billing) {
      pdf.row([
        { text: `${calendarDay(b.atUtc)} ${b.atUtc.slice(11, 16)} UTC`, width: 0.3 },
        { text: STATUS_WORDS[b.status], width: 0.25 },
        { text: (b.paymentMethodId !== null ? input.cards.get(b.paymentMethodId) : undefined) ?? (b.gatewayRef ? `ref ${b.gatewayRef}` : '—'), width: 0.25 },
        { text: dollars(b.amountCents), width: 0.2, align: 'right' },
      ]);
    }
  }
  pdf.space(10);
  pdf.para('Amounts in US dollars. Prices include taxes and fees.', { muted: true });
  return pdf.finish(`${agency.name} · ${invoice ? invoiceLabel(invoice.number) : 'provisional invoice'} · ${booking.locator}`);
}
