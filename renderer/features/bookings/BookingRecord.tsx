import { useEffect, useState } from 'react';
import { navigate, queryParam, replaceRoute } from '../../client/router';
import { ProvisionalBadge, StatusBadge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatInstant } from '../../ui/format';
import { formatItemWhen } from '../../ui/flightTimes';
import { useDocuments, type DocumentKind } from '../../client/documentsStore';
import { useBookingRecord } from './bookingsStore';
import { CancelDialog } from './CancelDialog';
import { BookingHistory } from './BookingHistory';
import { BookingOrigin } from './BookingOrigin';
import { RemarksPanel } from './RemarksPanel';
import { TravellersPanel } from './TravellersPanel';
import { AddItemsDialog } from './AddItemsDialog';
import { ChangeDialog, differenceWords } from './ChangeDialog';
import { MoneyMovements } from './MoneyMovements';
import { MessagesPanel } from './MessagesPanel';

export function BookingRecord({ bookingId }: { bookingId: number }) {
  const { booking, loadedFor, history, loading, error, historyError, load, loadHistory, replace } = useBookingRecord();
  const [cancelling, setCancelling] = useState(false);
  const [changing, setChanging] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void useBookingRecord.getState().load(bookingId);
  }, [bookingId]);

  // The core answers a device-local id with the server's booking after a sync; the address follows.
  useEffect(() => useBookingRecord.getState().followSync(bookingId), [bookingId]);
  const adoptedId = booking && loadedFor === bookingId && booking.id !== bookingId ? booking.id : null;
  useEffect(() => {
    if (adoptedId !== null) replaceRoute(`/bookings/${adoptedId}`);
  }, [adoptedId]);

  const b = booking?.id === bookingId ? booking : null;
  if (!b) {
    return (
      <section className="page">
        <h1 tabIndex={-1}>Booking #{bookingId}</h1>
        {loading && <p className="muted" role="status">Loading…</p>}
        <ErrorNote error={error} onRetry={() => void load(bookingId)} />
      </section>
    );
  }
  const activeItems = b.items.filter((i) => i.status === 'active');
  const paymentFailed = b.status === 'payment_failed';

  return (
    <section className="page booking-record">
      <div className="print-only">
        <p><strong>TripDesk</strong> — itinerary and invoice, printed {formatInstant(new Date().toISOString())}</p>
      </div>
      <div className="record-head">
        <div>
          <h1 tabIndex={-1}>Booking {b.locator}</h1>
          <p>
            <span data-testid="booking-status"><StatusBadge status={b.status} /></span>{' '}
            <ProvisionalBadge show={b.provisional} />
          </p>
        </div>
        <div className="row no-print">
          <DocumentButtons bookingId={b.id} invoiceable={!paymentFailed} />
          {activeItems.length > 0 && !paymentFailed && (
            <button type="button" className="btn" onClick={() => setAdding(true)}>Add to booking…</button>
          )}
          {activeItems.length > 0 && !paymentFailed && (
            <button type="button" className="btn btn-danger" onClick={() => setCancelling(true)}>Cancel booking…</button>
          )}
        </div>
      </div>
      {queryParam('confirmed') && !paymentFailed && (
        <p className="notice no-print" role="status">Booked. Record locator <strong>{b.locator}</strong>: give it to the customer.</p>
      )}
      {notice && <p className="notice no-print" role="status">{notice}</p>}
      <DocumentNotice bookingId={b.id} />
      <ErrorNote error={error} onRetry={() => void load(bookingId)} />
      <dl className="facts">
        <div>
          <dt>Customer</dt>
          <dd>
            <a href={`#/customers/${b.customerId}`} onClick={(e) => { e.preventDefault(); navigate(`/customers/${b.customerId}`); }}>{b.customerName}</a>
          </dd>
        </div>
        <BookingOrigin booking={b} />
        <div><dt>Type</dt><dd>{b.bookingType}</dd></div>
        <div><dt>Booked</dt><dd>{formatInstant(b.createdAtUtc)}</dd></div>
        <div><dt>Total</dt><dd className="num">{formatCents(b.totalCents)}</dd></div>
        <div><dt>Refunded</dt><dd className="num" data-testid="refunded-total">{formatCents(b.refundedCents)}</dd></div>
      </dl>
      {(b.refundRequests ?? []).map((r) => (
        <p key={r.id} className={r.state === 'pending' ? 'notice' : 'muted'} data-testid="refund-request">
          {r.state === 'pending' && `A refund of ${formatCents(r.amountCents)} waits for a supervisor's approval (asked by ${r.requestedByName ?? 'someone'}: “${r.reason}”).`}
          {r.state === 'approved' && `The refund of ${formatCents(r.amountCents)} was approved by ${r.decidedByName ?? 'a supervisor'}${r.decidedAtUtc ? ` on ${formatInstant(r.decidedAtUtc)}` : ''}.`}
          {r.state === 'denied' && `The refund of ${formatCents(r.amountCents)} was denied by ${r.decidedByName ?? 'a supervisor'}: “${r.decisionReason ?? ''}”.`}
        </p>
      ))}

      <section className="card" aria-labelledby="items-title">
        <h2 id="items-title">Itinerary</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Item</th><th scope="col">Kind</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Qty</th>
              <th scope="col">Status</th><th scope="col" className="num">Price</th><th scope="col" className="num">Refund</th>
              <th scope="col" className="no-print"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {b.items.map((i) => (
              <tr key={i.id}>
                <td>{i.label}</td>
                <td>{i.kind === 'hotel' ? 'stay' : i.kind}</td>
                <td>{formatItemWhen(i, 'start')}</td>
                <td>{formatItemWhen(i, 'end')}</td>
                <td>{i.quantity}</td>
                <td>
                  <StatusBadge status={i.status} />
                  {i.exchangedForItemId ? <span className="muted"> — changed for {b.items.find((n) => n.id === i.exchangedForItemId)?.label ?? 'another item'}</span> : null}
                </td>
                <td className="num">{formatCents(i.totalCents)}</td>
                <td className="num">{i.refundCents ? formatCents(i.refundCents) : '—'}</td>
                <td className="no-print">
                  {i.status === 'active' && !paymentFailed && (
                    <button type="button" className="btn btn-small" onClick={() => setChanging(i.id)}>Change…<span className="sr-only"> {i.label}</span></button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <TravellersPanel items={b.items} />

      <section className="card" aria-labelledby="billing-title">
        <h2 id="billing-title">Billing</h2>
        <table className="table">
          <thead>
            <tr><th scope="col">When</th><th scope="col">Status</th><th scope="col" className="num">Amount</th><th scope="col">Reference</th><th scope="col">Note</th></tr>
          </thead>
          <tbody>
            {b.billing.map((r) => (
              <tr key={r.id}>
                <td>{formatInstant(r.atUtc)}</td>
                <td>{b.provisional ? <span className="badge badge-warn">pending — charged when synced</span> : <StatusBadge status={r.status} />}</td>
                <td className="num">{formatCents(r.amountCents)}</td>
                <td><code>{r.gatewayRef ?? '—'}</code></td>
                <td>{r.note ?? ''}</td>
              </tr>
            ))}
            {b.billing.length === 0 && <tr><td colSpan={5} className="muted">No payments recorded.</td></tr>}
          </tbody>
        </table>
      </section>

      <MoneyMovements booking={b} />

      <MessagesPanel booking={b} />
      <RemarksPanel booking={b} />
      <BookingHistory history={history} error={historyError} onRetry={() => void loadHistory(b.id)} />

      {changing !== null && b.items.some((i) => i.id === changing) && (
        <ChangeDialog
          booking={b}
          item={b.items.find((i) => i.id === changing) ?? b.items[0]!}
          onClose={() => setChanging(null)}
          onChanged={(updated, preview) => {
            replace(updated);
            setChanging(null);
            setNotice(`Changed to ${preview.newLabel}. ${differenceWords(preview)}`);
          }}
        />
      )}
      {adding && (
        <AddItemsDialog
          booking={b}
          onClose={() => setAdding(false)}
          onAdded={(updated) => {
            replace(updated);
            setAdding(false);
            setNotice(`Added. ${formatCents(updated.totalCents - b.totalCents)} was charged; the locator stays ${updated.locator}.`);
          }}
        />
      )}
      {cancelling && (
        <CancelDialog
          booking={b}
          onClose={() => setCancelling(false)}
          onCancelled={(updated) => {
            replace(updated);
            setCancelling(false);
            const waiting = (updated.refundRequests ?? []).filter((r) => r.state === 'pending' && !(b.refundRequests ?? []).some((x) => x.id === r.id));
            setNotice(waiting.length > 0
              ? `Cancelled. The refund of ${formatCents(waiting.reduce((s, r) => s + r.amountCents, 0))} waits for a supervisor's approval.`
              : `Cancelled. ${formatCents(updated.refundedCents - b.refundedCents)} will be refunded to the customer.`);
            void loadHistory(updated.id);
          }}
        />
      )}
    </section>
  );
}

const DOCUMENT_NAMES: Record<DocumentKind, string> = { itinerary: 'itinerary', invoice: 'invoice' };

/** Download and Print of the itinerary and invoice PDFs the core makes (the same offline). */
function DocumentButtons({ bookingId, invoiceable }: { bookingId: number; invoiceable: boolean }) {
  const { busy, download, print } = useDocuments();
  const kinds: DocumentKind[] = invoiceable ? ['itinerary', 'invoice'] : ['itinerary'];
  return (
    <>
      {kinds.map((kind) => {
        const making = busy === `${kind}:${bookingId}`;
        return (
          <span key={kind} className="row" role="group" aria-label={`The ${DOCUMENT_NAMES[kind]} (PDF)`}>
            <button type="button" className="btn" disabled={busy !== null} aria-busy={making} onClick={() => void download(kind, bookingId)}>
              Download {DOCUMENT_NAMES[kind]}
            </button>
            <button type="button" className="btn" disabled={busy !== null} onClick={() => void print(kind, bookingId)}>
              Print {DOCUMENT_NAMES[kind]}
            </button>
          </span>
        );
      })}
    </>
  );
}

function DocumentNotice({ bookingId }: { bookingId: number }) {
  const { error, notice, busy, clear, retry } = useDocuments();
  useEffect(() => clear, [bookingId, clear]);
  return (
    <>
      {busy && <p className="muted no-print" role="status">Making the PDF…</p>}
      {notice && <p className="notice no-print" role="status">{notice}</p>}
      <ErrorNote error={error} onRetry={() => void retry()} />
    </>
  );
}
