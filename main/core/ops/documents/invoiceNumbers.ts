import { toDbInstant, fromDbInstant } from '../../../../shared/time';
import type { SqlDb, SqlSession } from '../../engine/sql';

export interface IssuedInvoice {
  number: number;
  issuedAtUtc: string;
}

interface InvoiceRow { invoice_number: number; issued_at_utc: string }

const toIssued = (r: InvoiceRow): IssuedInvoice => ({ number: Number(r.invoice_number), issuedAtUtc: fromDbInstant(r.issued_at_utc) });

/** "INV-000042": the number as the customer quotes it. */
export function invoiceLabel(n: number): string {
  return `INV-${String(n).padStart(6, '0')}`;
}

/** The booking's invoice, if it was given a number (online, or pulled to this device). */
export async function findInvoice(db: SqlSession, bookingId: number): Promise<IssuedInvoice | null> {
  const row = await db.get<InvoiceRow>('SELECT invoice_number, issued_at_utc FROM invoices WHERE booking_id = ?', [bookingId]);
  return row ? toIssued(row) : null;
}

/**
 * The booking's invoice number, given now if it has none. Gap-free: the next number comes from
 * the one-row counter, locked inside the transaction that writes the invoice (FOR UPDATE on MySQL;
 * on SQLite the write transaction holds the file), so a rollback returns the number with the rest,
 * as AUTO_INCREMENT would not. Racing issuers queue on the counter in the same order for every
 * booking, so two consoles asking for one booking's invoice get one number, and never deadlock.
 */
export async function issueInvoice(db: SqlDb, bookingId: number, operatorId: number | null, now: number): Promise<IssuedInvoice> {
  const known = await findInvoice(db, bookingId);
  if (known) return known;
  return db.transaction(async (tx) => {
    const counter = await tx.get<{ last_number: number }>(`SELECT last_number FROM invoice_counter WHERE id = 1${tx.lockForUpdate}`);
    if (!counter) throw new Error('invoice_counter has no row: the invoices migration did not run');
    // Read under the counter's lock: a racer for this booking has committed its number by now.
    const raced = await tx.get<InvoiceRow>(`SELECT invoice_number, issued_at_utc FROM invoices WHERE booking_id = ?${tx.lockForUpdate}`, [bookingId]);
    if (raced) return toIssued(raced);
    const number = Number(counter.last_number) + 1;
    const at = toDbInstant(now);
    await tx.run('UPDATE invoice_counter SET last_number = ?, row_version = row_version + 1 WHERE id = 1', [number]);
    await tx.run('INSERT INTO invoices (booking_id, invoice_number, issued_at_utc, issued_by_admin_id) VALUES (?, ?, ?, ?)',
      [bookingId, number, at, operatorId]);
    return { number, issuedAtUtc: fromDbInstant(at) };
  });
}
