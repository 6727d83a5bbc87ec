import { useEffect, useState } from 'react';
import type { Customer } from '../../shared/contract';
import { useCustomerDirectory } from '../client/customerDirectory';

/** How long typing must pause before the directory is asked. */
const SETTLE_MS = 250;

/**
 * The customers matching what was typed, looked up once typing pauses; a newer query's answer
 * replaces an older one's, never the other way round. Paused (`active` false), it asks nothing.
 */
export function useCustomerMatches(q: string, active = true): { results: Customer[]; loading: boolean; error: unknown } {
  const [results, setResults] = useState<Customer[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!active) return;
    let stale = false;
    const t = setTimeout(() => {
      setLoading(true);
      useCustomerDirectory.getState().find(q)
        .then((found) => { if (!stale) { setResults(found); setError(null); } })
        .catch((err: unknown) => { if (!stale) setError(err); })
        .finally(() => { if (!stale) setLoading(false); });
    }, SETTLE_MS);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [q, active]);

  return { results, loading, error };
}
