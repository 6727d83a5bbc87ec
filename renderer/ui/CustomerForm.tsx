import { useState, type FormEvent } from 'react';
import type { Customer } from '../../shared/contract';
import { useCustomerDirectory } from '../client/customerDirectory';
import { useReference } from '../client/referenceStore';
import { ErrorNote } from './ErrorNote';

/** Create a customer, or edit one when `customer` is given. */
export function CustomerForm({ customer, onSaved, onCancel }: {
  customer?: Customer;
  onSaved: (c: Customer) => void;
  onCancel?: () => void;
}) {
  const states = useReference((s) => s.states);
  const [email, setEmail] = useState(customer?.email ?? '');
  const [firstName, setFirst] = useState(customer?.firstName ?? '');
  const [lastName, setLast] = useState(customer?.lastName ?? '');
  const [phone, setPhone] = useState(customer?.phone ?? '');
  const [stateCode, setStateCode] = useState(customer?.stateCode ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    const fields = {
      email: email.trim(), firstName: firstName.trim(), lastName: lastName.trim(),
      phone: phone.trim() ? phone.trim() : null, stateCode: stateCode || null,
    };
    try {
      const { create, update } = useCustomerDirectory.getState();
      const saved = customer ? await update(customer.id, fields) : await create(fields);
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="grid-form" onSubmit={(e) => void submit(e)} aria-label={customer ? 'Edit customer' : 'New customer'}>
      <label className="field">
        <span>First name</span>
        <input name="firstName" required maxLength={80} value={firstName} onChange={(e) => setFirst(e.target.value)} autoComplete="off" />
      </label>
      <label className="field">
        <span>Last name</span>
        <input name="lastName" required maxLength={80} value={lastName} onChange={(e) => setLast(e.target.value)} autoComplete="off" />
      </label>
      <label className="field">
        <span>Customer email</span>
        <input type="email" name="customerEmail" required maxLength={190} value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </label>
      <label className="field">
        <span>Phone</span>
        <input type="tel" name="phone" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
      </label>
      <label className="field">
        <span>Home state</span>
        <select name="customerState" value={stateCode} onChange={(e) => setStateCode(e.target.value)}>
          <option value="">Not given</option>
          {states.map((s) => <option key={s.code} value={s.code}>{s.code} — {s.name}</option>)}
        </select>
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : customer ? 'Save customer' : 'Create customer'}</button>
        {onCancel && <button type="button" className="btn" onClick={onCancel}>Cancel</button>}
      </div>
      <ErrorNote error={error} onRetry={() => void submit()} />
    </form>
  );
}
