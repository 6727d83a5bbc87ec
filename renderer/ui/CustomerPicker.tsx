import { useState } from 'react';
import type { Customer } from '../../shared/contract';
import { ProvisionalBadge } from './Badge';
import { ErrorNote } from './ErrorNote';
import { CustomerForm } from './CustomerForm';
import { useCustomerMatches } from './useCustomerMatches';

/** Find a customer by name or email, or create one on the spot. */
export function CustomerPicker({ onPick }: { onPick: (c: Customer) => void }) {
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const { results, loading, error } = useCustomerMatches(q, !creating);

  if (creating) {
    return <CustomerForm onSaved={(c) => { setCreating(false); onPick(c); }} onCancel={() => setCreating(false)} />;
  }
  return (
    <div className="customer-picker">
      <div className="row">
        <label className="field grow">
          <span>Find customer</span>
          <input type="search" name="customerQuery" value={q} placeholder="Name or email" onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        </label>
        <button type="button" className="btn" onClick={() => setCreating(true)}>New customer</button>
      </div>
      <ErrorNote error={error} />
      <ul className="pick-list" aria-label="Matching customers" aria-busy={loading}>
        {results.map((c) => (
          <li key={c.id}>
            <span>
              <strong>{c.firstName} {c.lastName}</strong> <span className="muted">{c.email}</span> <ProvisionalBadge show={c.provisional} />
            </span>
            <button type="button" className="btn btn-small" onClick={() => onPick(c)} aria-label={`Select ${c.firstName} ${c.lastName} (${c.email})`}>
              Select
            </button>
          </li>
        ))}
        {!loading && results.length === 0 && <li className="muted">No customer matches. Create one with “New customer”.</li>}
      </ul>
    </div>
  );
}
