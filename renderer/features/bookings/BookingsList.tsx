import { useEffect, type FormEvent } from 'react';
import { navigate } from '../../client/router';
import { ProvisionalBadge, StatusBadge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatInstant } from '../../ui/format';
import { useBookingsList } from './bookingsStore';

export function BookingsList() {
  const s = useBookingsList();
  // Fresh on every visit: bookings change under this screen (new ones, cancellations).
  useEffect(() => {
    void useBookingsList.getState().search();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.search();
  };
  return (
    <section className="page">
      <div className="record-head">
        <h1 tabIndex={-1}>Bookings</h1>
        <button type="button" className="btn btn-primary" onClick={() => navigate('/book')}>New booking</button>
      </div>
      <form className="search-form" onSubmit={submit} aria-label="Find bookings">
        <label className="field grow">
          <span>Customer, email or record locator</span>
          <input type="search" name="q" value={s.q} onChange={(e) => s.setQuery({ q: e.target.value })} />
        </label>
        <label className="field field-narrow">
          <span>Status</span>
          <select name="status" value={s.status} onChange={(e) => s.setQuery({ status: e.target.value as typeof s.status })}>
            <option value="">Any</option>
            <option value="confirmed">Confirmed</option>
            <option value="partially_cancelled">Partially cancelled</option>
            <option value="cancelled">Cancelled</option>
            <option value="payment_failed">Payment failed</option>
          </select>
        </label>
        <button type="submit" className="btn btn-primary">Find bookings</button>
      </form>
      <ErrorNote error={s.error} onRetry={() => void s.search()} />
      <table className="table">
        <caption className="sr-only">Bookings</caption>
        <thead>
          <tr>
            <th scope="col">Booking</th><th scope="col">Customer</th><th scope="col">Type</th><th scope="col">Created</th>
            <th scope="col">Status</th><th scope="col" className="num">Total</th><th scope="col" className="num">Refunded</th>
          </tr>
        </thead>
        <tbody>
          {s.rows.map((b) => (
            <tr key={b.id}>
              <td>
                <a href={`#/bookings/${b.id}`} onClick={(e) => { e.preventDefault(); navigate(`/bookings/${b.id}`); }}><code className="locator">{b.locator}</code></a>{' '}
                <ProvisionalBadge show={b.provisional} />
              </td>
              <td>{b.customerName}</td>
              <td>{b.bookingType}</td>
              <td>{formatInstant(b.createdAtUtc)}</td>
              <td><StatusBadge status={b.status} /></td>
              <td className="num">{formatCents(b.totalCents)}</td>
              <td className="num">{b.refundedCents ? formatCents(b.refundedCents) : '—'}</td>
            </tr>
          ))}
          {!s.loading && s.rows.length === 0 && (
            <tr><td colSpan={7} className="muted empty-cell">No bookings found.</td></tr>
          )}
        </tbody>
      </table>
      {s.loading && <p className="muted" role="status">Loading…</p>}
      {s.nextCursor && !s.loading && (
        <p><button type="button" className="btn" onClick={() => void s.loadMore()}>Load more bookings</button></p>
      )}
    </section>
  );
}
