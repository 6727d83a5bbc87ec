import type { Booking } from '../../../../shared/contract';
import type { InvoiceSettings } from '../../config';

export interface InvoiceTotals {
  /** The price of every item booked, cancelled ones included. */
  itemsCents: number;
  /** What billing captured. */
  chargedCents: number;
  /** What billing refunded. */
  refundedCents: number;
  /** What the customer paid in the end: charged less refunded. */
  paidCents: number;
  /** The booking fee included in what was paid (never more than that), when one is configured. */
  feeCents: number | null;
  /** The tax included in what was paid, at the configured rate. */
  taxCents: number | null;
  taxPct: number | null;
}

/**
 * An invoice's figures from billing, to the cent. Tax and the booking fee are shown as included in
 * what was charged (prices are quoted tax- and fee-inclusive, and billing is the record of what the
 * customer paid), so the total never differs from billing whatever is configured.
 */
export function invoiceTotals(booking: Pick<Booking, 'items' | 'billing'>, settings: InvoiceSettings): InvoiceTotals {
  const sum = (status: Booking['billing'][number]['status']) =>
    booking.billing.filter((b) => b.status === status).reduce((n, b) => n + b.amountCents, 0);
  const chargedCents = sum('captured');
  const refundedCents = sum('refunded');
  const paidCents = chargedCents - refundedCents;
  const feeCents = settings.bookingFeeCents === null ? null : Math.min(settings.bookingFeeCents, Math.max(paidCents, 0));
  const taxCents = settings.taxPct === null ? null : paidCents - Math.round((paidCents * 100) / (100 + settings.taxPct));
  return {
    itemsCents: booking.items.reduce((n, i) => n + i.totalCents, 0),
    chargedCents, refundedCents, paidCents, feeCents, taxCents, taxPct: settings.taxPct,
  };
}
