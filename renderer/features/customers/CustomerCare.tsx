import { useState, type FormEvent } from 'react';
import type { Customer } from '../../../shared/contract';
import { createAction } from '../../client/contractClient';
import { navigate } from '../../client/router';
import { useSession } from '../../client/sessionStore';
import { useBusyAction } from '../../ui/useBusyAction';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatInstant } from '../../ui/format';
import { DuplicateFinder } from './DuplicateFinder';

/** One action each: "Try again" after a cut reuses the opId, so a merge or an erasure happens once. */
const mergeAction = createAction();
const eraseAction = createAction();

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a merged or erased record says at the top of its profile. */
export function CustomerFate({ customer }: { customer: Customer }) {
  if (customer.mergedIntoId) {
    return (
      <p className="notice" role="status">
        This record was merged into customer #{customer.mergedIntoId}.{' '}
        <button type="button" className="btn btn-small" onClick={() => navigate(`/customers/${customer.mergedIntoId}`)}>Open customer #{customer.mergedIntoId}</button>
      </p>
    );
  }
  if (customer.erasedAtUtc) return <p className="notice" role="status">Personal data erased at the customer&apos;s request on {formatInstant(customer.erasedAtUtc)}. Bookings and payments are kept for the accounts.</p>;
  return null;
}

/**
 * Supervisors and admins: merge another record of the same person into this one, or erase this
 * customer's personal data. Both go to the servers at once (they change every console's copy).
 */
export function CustomerCare({ customer, onChanged }: { customer: Customer; onChanged: (c: Customer) => void }) {
  const allowed = useSession((s) => s.can('supervisor'));
  const [twin, setTwin] = useState<Customer | null>(null);
  // A new finder after each merge: the merged record is no longer offered.
  const [merges, setMerges] = useState(0);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const action = useBusyAction();
  if (!allowed || customer.mergedIntoId || customer.erasedAtUtc) return null;

  const { busy, error } = action;
  const run = (work: () => Promise<void>) => {
    setDone(null);
    return action.run(work);
  };
  const merge = (e: FormEvent) => {
    e.preventDefault();
    if (!twin) return;
    void run(async () => {
      const r = await mergeAction.run('customers.merge', { keepId: customer.id, mergeId: twin.id });
      const m = r.moved;
      setDone(`Merged customer #${r.merged.id} into this one: moved ${plural(m.bookings, 'booking')}, ${plural(m.paymentMethods, 'saved card')}, ` +
        `${plural(m.travellers, 'saved traveller')}, ${plural(m.remarks, 'remark')}, ${plural(m.watches, 'watch', 'watches')} and ${plural(m.reviews, 'review')}.`);
      setTwin(null);
      setMerges((n) => n + 1);
      onChanged(r.kept);
    });
  };
  const erase = (e: FormEvent) => {
    e.preventDefault();
    if (!confirming) return setConfirming(true);
    void run(async () => {
      const r = await eraseAction.run('customers.erase', { customerId: customer.id, reason: reason.trim() });
      setConfirming(false);
      setDone(`Erased: the profile, ${plural(r.erased.bookingTravellers, 'booking traveller')}, ${plural(r.erased.travellers, 'saved traveller')}, ` +
        `${plural(r.erased.remarks, 'remark')} and ${plural(r.erased.watches, 'watch', 'watches')}. Bookings and payments are kept.`);
      onChanged(r.customer);
    });
  };

  return (
    <section className="card" aria-labelledby="care-title">
      <h2 id="care-title">Merge or erase</h2>
      <form onSubmit={merge} aria-label="Merge another customer into this one">
        <DuplicateFinder key={merges} keep={customer} picked={twin} onPick={setTwin} />
        <button type="submit" className="btn" disabled={busy || !twin}>
          {twin ? `Merge ${twin.firstName} ${twin.lastName} (#${twin.id}) into this customer` : 'Merge into this customer'}
        </button>
      </form>
      <form className="row" onSubmit={erase} aria-label="Erase this customer's personal data">
        <label className="field">
          <span>Reason for erasing (kept in the audit)</span>
          <input value={reason} onChange={(e) => { setReason(e.target.value); setConfirming(false); }} maxLength={500} required minLength={3} />
        </label>
        <button type="submit" className={confirming ? 'btn btn-danger' : 'btn'} disabled={busy || reason.trim().length < 3}>
          {confirming ? 'Erase now: this cannot be undone' : 'Erase personal data…'}
        </button>
      </form>
      {done && <p className="notice" role="status">{done}</p>}
      <ErrorNote error={error} />
    </section>
  );
}
