import { ContractError } from '../../../../shared/contract';
import { placeholders } from '../../engine/sql';
import { operation } from '../operation';
import { bookingForDocument, pdfFile } from './bookingForDocument';
import { fileSafe } from './documentText';
import { findInvoice, invoiceLabel, issueInvoice } from './invoiceNumbers';
import { renderInvoice } from './invoicePdf';

/**
 * The invoice PDF. Its number is given where numbers can be gap-free and unique across consoles:
 * by the store of record (MySQL online; the local database standalone), the first time the invoice
 * is asked for, and kept. A query rather than a queued mutation: offline a device cannot know the
 * next number, so there is nothing for it to queue, and its copy of `invoices` (pulled like every
 * mirrored table) re-renders a number the server gave. Offline, or for a booking the server has not
 * seen yet, the invoice is provisional; it gets its number when asked for again after the sync.
 */
export const invoiceDocument = operation('documents.invoice', async (ctx, input) => {
  const sql = ctx.engine.sql;
  const booking = await bookingForDocument(ctx, input.bookingId);
  if (booking.status === 'payment_failed') {
    throw new ContractError('VALIDATION', `Booking ${booking.locator}'s payment failed: there is nothing to invoice.`, { bookingId: input.bookingId });
  }
  const numbersHere = ctx.mode !== 'offline' && !booking.provisional;
  const invoice = numbersHere ? await issueInvoice(sql, booking.id, ctx.operator?.id ?? null, ctx.now()) : await findInvoice(sql, booking.id);

  const customer = await sql.get<{ email: string | null }>('SELECT email FROM users WHERE id = ?', [booking.customerId]);
  const methodIds = [...new Set(booking.billing.map((b) => b.paymentMethodId).filter((id): id is number => id !== null))];
  const cards = new Map<number, string>();
  if (methodIds.length > 0) {
    const rows = await sql.all<{ id: number; brand: string; last4: string }>(
      `SELECT id, brand, last4 FROM payment_methods WHERE id IN (${placeholders(methodIds.length)})`, methodIds);
    for (const r of rows) cards.set(Number(r.id), `${r.brand.toUpperCase()} •••• ${r.last4}`);
  }
  const bytes = await renderInvoice({
    booking, invoice, billTo: { name: booking.customerName, email: customer?.email ?? null }, cards,
    agency: ctx.config.agency, invoicing: ctx.config.invoicing, now: ctx.now(),
  });
  const name = invoice ? invoiceLabel(invoice.number) : `${booking.locator}-provisional`;
  return pdfFile(`invoice-${fileSafe(name)}.pdf`, bytes);
});
