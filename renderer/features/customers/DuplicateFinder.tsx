import { useState } from 'react';
import type { Customer } from '../../../shared/contract';
import { useCustomerMatches } from '../../ui/useCustomerMatches';
import { ErrorNote } from '../../ui/ErrorNote';

/**
 * Finds the other record of the same person for a merge, by name or email: the supervisor picks
 * it from the matches instead of reading a customer number off another screen. The record being
 * kept, and records already merged or erased, are not offered.
 */
export function DuplicateFinder({ keep, picked, onPick }: { keep: Customer; picked: Customer | null; onPick: (c: Customer | null) => void }) {
  const [q, setQ] = useState(`${keep.firstName} ${keep.lastName}`);
  const matches = useCustomerMatches(q);
  const results = matches.results.filter((c) => c.id !== keep.id && !c.mergedIntoId && !c.erasedAtUtc);
  const { loading, error } = matches;

  return (
    <div className="customer-picker">
      <label className="field grow">
        <span>Find the other record (name or email)</span>
        <input type="search" value={q} onChange={(e) => { setQ(e.target.value); onPick(null); }} autoComplete="off" />
      </label>
      <ErrorNote error={error} />
      <ul className="pick-list" aria-label="Records that may be the same person" aria-busy={loading}>
        {results.map((c) => (
          <li key={c.id}>
            <span>
              <strong>{c.firstName} {c.lastName}</strong> <span className="muted">{c.email} · #{c.id}</span>
            </span>
            <button type="button" className={picked?.id === c.id ? 'btn btn-small btn-primary' : 'btn btn-small'} aria-pressed={picked?.id === c.id}
              onClick={() => onPick(c)} aria-label={`Pick ${c.firstName} ${c.lastName} (${c.email}, #${c.id})`}>
              {picked?.id === c.id ? 'Picked' : 'Pick'}
            </button>
          </li>
        ))}
        {!loading && results.length === 0 && <li className="muted">No other record matches.</li>}
      </ul>
    </div>
  );
}
