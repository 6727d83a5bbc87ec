import { useEffect, useState, type FormEvent } from 'react';
import type { Booking } from '../../../shared/contract';
import { useReference } from '../../client/referenceStore';
import { navigate } from '../../client/router';
import { Slot } from '../../client/slots';
import { useTrip } from '../../client/tripStore';
import { ProvisionalBadge, StatusBadge } from '../../ui/Badge';
import { emptyCard, parseCard, type CardDraft } from '../../ui/cardDraft';
import { CustomerForm } from '../../ui/CustomerForm';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatInstant, todayIso } from '../../ui/format';
import { useCustomerProfile } from './customersStore';
import { CustomerRemarks } from './CustomerRemarks';
import { CustomerCare, CustomerFate } from './CustomerCare';
import { SavedTravellers } from './SavedTravellers';

function AddCardForm({ customerId, onAdded }: { customerId: number; onAdded: () => void }) {
  const [card, setCard] = useState<CardDraft>(emptyCard);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseCard(card);
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    setBusy(true);
    setError(null);
    try {
      await useCustomerProfile.getState().addCard(customerId, parsed.card);
      setCard(emptyCard);
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card-fields" onSubmit={(e) => void submit(e)} aria-label="Add a card">
      <label className="field grow">
        <span>Card number</span>
        <input name="cardNumber" inputMode="numeric" autoComplete="off" value={card.number} onChange={(e) => setCard({ ...card, number: e.target.value })} />
      </label>
      <label className="field field-narrow">
        <span>Expiry (MM/YY)</span>
        <input name="cardExpiry" autoComplete="off" value={card.expiry} onChange={(e) => setCard({ ...card, expiry: e.target.value })} />
      </label>
      <label className="field field-narrow">
        <span>CVC</span>
        <input name="cardCvc" type="password" inputMode="numeric" autoComplete="off" maxLength={4} value={card.cvc} onChange={(e) => setCard({ ...card, cvc: e.target.value })} />
      </label>
      <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save card'}</button>
      {problem && <p className="error-note" role="alert">{problem}</p>}
      <ErrorNote error={error} />
    </form>
  );
}

function reviewTargets(bookings: Booking[]): { kind: 'flight' | 'car'; id: number; label: string }[] {
  const seen = new Set<string>();
  const out: { kind: 'flight' | 'car'; id: number; label: string }[] = [];
  for (const b of bookings) {
    for (const i of b.items) {
      // Stays are booked per room type; hotel reviews are written from the Reviews screen.
      if (i.kind === 'hotel') continue;
      const key = `${i.kind}-${i.refId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind: i.kind, id: i.refId, label: i.label });
    }
  }
  return out;
}

export function CustomerProfile({ customerId }: { customerId: number }) {
  const p = useCustomerProfile();
  const [editing, setEditing] = useState(false);
  const [addingCard, setAddingCard] = useState(false);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [reviewFor, setReviewFor] = useState('');
  const [reviewed, setReviewed] = useState<string | null>(null);
  const [watching, setWatching] = useState(false);
  useEffect(() => {
    void useReference.getState().load();
    void useCustomerProfile.getState().load(customerId);
  }, [customerId]);

  const c = p.customerId === customerId ? p.customer : null;
  const remove = async (paymentMethodId: number) => {
    setRemoveError(null);
    try {
      await p.removeCard(paymentMethodId);
    } catch (err) {
      setRemoveError(err);
    }
  };
  const targets = reviewTargets(p.bookings ?? []);
  const target = targets.find((t) => `${t.kind}-${t.id}` === reviewFor);

  return (
    <section className="page">
      <div className="record-head">
        <h1 tabIndex={-1}>{c ? `${c.firstName} ${c.lastName}` : `Customer #${customerId}`}</h1>
        {c && (
          <div className="row">
            <button type="button" className="btn btn-primary" onClick={() => { useTrip.getState().setCustomer(c); navigate('/book'); }}>
              New booking for this customer
            </button>
            {!editing && <button type="button" className="btn" onClick={() => setEditing(true)}>Edit details</button>}
          </div>
        )}
      </div>
      <ErrorNote error={p.error} onRetry={() => void p.load(customerId)} />
      {c && <CustomerFate customer={c} />}
      {c && !editing && (
        <dl className="facts">
          <div><dt>Email</dt><dd>{c.email}</dd></div>
          <div><dt>Phone</dt><dd>{c.phone ?? '—'}</dd></div>
          <div><dt>State</dt><dd>{c.stateCode ?? '—'}</dd></div>
          <div><dt>Customer since</dt><dd>{formatInstant(c.createdAtUtc)}</dd></div>
          {c.provisional && <div><dt>Sync</dt><dd><ProvisionalBadge show /></dd></div>}
        </dl>
      )}
      {c && editing && (
        <section className="card" aria-labelledby="edit-customer-title">
          <h2 id="edit-customer-title">Edit details</h2>
          <CustomerForm customer={c} onSaved={(saved) => { p.setCustomer(saved); setEditing(false); }} onCancel={() => setEditing(false)} />
        </section>
      )}

      {c && <CustomerRemarks customerId={c.id} />}
      {c && <CustomerCare customer={c} onChanged={(changed) => { p.setCustomer(changed); void p.reload(); }} />}

      <div className="cards">
        <section className="card" aria-labelledby="cards-title">
          <h2 id="cards-title">Saved payment methods</h2>
          <ErrorNote error={p.methodsError} onRetry={() => void p.loadMethods()} />
          <ErrorNote error={removeError} />
          {p.methods && p.methods.length === 0 && <p className="muted">No saved cards.</p>}
          <ul className="pick-list">
            {p.methods?.map((m) => (
              <li key={m.id}>
                <span>{m.brand} ending <strong>{m.last4}</strong> <span className="muted">expires {String(m.expMonth).padStart(2, '0')}/{m.expYear}</span></span>
                <button type="button" className="btn btn-small btn-danger" aria-label={`Remove ${m.brand} ending ${m.last4}`} onClick={() => void remove(m.id)}>Remove</button>
              </li>
            ))}
          </ul>
          {addingCard ? (
            <AddCardForm customerId={customerId} onAdded={() => { setAddingCard(false); void p.loadMethods(); }} />
          ) : (
            <button type="button" className="btn" onClick={() => setAddingCard(true)}>Add a card</button>
          )}
        </section>

        <SavedTravellers customerId={customerId} />

        <section className="card" aria-labelledby="customer-reviews-title">
          <h2 id="customer-reviews-title">Reviews</h2>
          {targets.length === 0 ? (
            <p className="muted">Reviews can be written for flights and cars this customer has booked. Hotel reviews are on the Reviews screen.</p>
          ) : (
            <>
              <label className="field">
                <span>Write a review for</span>
                <select value={reviewFor} onChange={(e) => { setReviewFor(e.target.value); setReviewed(null); }}>
                  <option value="">Choose a booked flight or car…</option>
                  {targets.map((t) => <option key={`${t.kind}-${t.id}`} value={`${t.kind}-${t.id}`}>{t.label}</option>)}
                </select>
              </label>
              {target && c && (
                <Slot name="ReviewForm" targetKind={target.kind} targetId={target.id} customerId={c.id}
                  onCreated={() => { setReviewFor(''); setReviewed(`Review saved for ${target.label}.`); }} />
              )}
            </>
          )}
          {reviewed && <p className="notice" role="status">{reviewed}</p>}
        </section>
      </div>

      <section className="card" aria-labelledby="customer-watches-title">
        <div className="record-head">
          <h2 id="customer-watches-title">Price watches</h2>
          {c && (
            <button type="button" className="btn btn-small" onClick={() => setWatching(true)}>Watch a route…</button>
          )}
        </div>
        <Slot name="WatchesList" customerId={customerId} />
        {watching && c && (
          <Slot name="WatchDialog" customer={c} draft={{ kind: 'route', from: '', to: '', dateFrom: todayIso(7), dateTo: todayIso(14) }} onClose={() => setWatching(false)} />
        )}
      </section>

      <section className="card" aria-labelledby="customer-bookings-title">
        <h2 id="customer-bookings-title">Bookings</h2>
        <ErrorNote error={p.bookingsError} />
        <table className="table">
          <thead>
            <tr><th scope="col">Booking</th><th scope="col">Items</th><th scope="col">Created</th><th scope="col">Status</th><th scope="col" className="num">Total</th></tr>
          </thead>
          <tbody>
            {p.bookings?.map((b) => (
              <tr key={b.id}>
                <td><a href={`#/bookings/${b.id}`} onClick={(e) => { e.preventDefault(); navigate(`/bookings/${b.id}`); }}><code className="locator">{b.locator}</code></a> <ProvisionalBadge show={b.provisional} /></td>
                <td>{b.items.map((i) => i.label).join('; ')}</td>
                <td>{formatInstant(b.createdAtUtc)}</td>
                <td><StatusBadge status={b.status} /></td>
                <td className="num">{formatCents(b.totalCents)}</td>
              </tr>
            ))}
            {p.bookings && p.bookings.length === 0 && <tr><td colSpan={5} className="muted">No bookings yet.</td></tr>}
          </tbody>
        </table>
      </section>
    </section>
  );
}
