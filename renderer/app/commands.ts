import { useEffect, useState } from 'react';
import type { Customer } from '../../shared/contract';
import { useCustomerDirectory } from '../client/customerDirectory';
import { navigate } from '../client/router';
import { useSession } from '../client/sessionStore';
import { useSync } from '../client/syncStore';
import { useTrip } from '../client/tripStore';
import { useTheme } from '../ui/theme';
import { NAV } from './nav';

export interface Command {
  id: string;
  label: string;
  hint?: string;
  /** The palette stays open: the command goes on in it (a hold continues with the booking's steps). */
  stay?: boolean;
  run(): void;
}

/** Everything the palette offers, for the signed-in operator's role. */
export function commands(): Command[] {
  const can = useSession.getState().can;
  const list: Command[] = NAV.filter((n) => can(n.access)).map((n) => ({
    id: `go${n.path}`, label: `Go to ${n.label}`, hint: `Alt+${n.key}`, run: () => navigate(n.path),
  }));
  list.push(
    { id: 'book', label: 'New booking', hint: 'Alt+N', run: () => navigate('/book') },
    { id: 'search.flights', label: 'Search flights', run: () => navigate('/search/flights') },
    { id: 'search.hotels', label: 'Search hotels', run: () => navigate('/search/hotels') },
    { id: 'search.cars', label: 'Search cars', run: () => navigate('/search/cars') },
    { id: 'customers.new', label: 'New customer', run: () => navigate('/customers?new=1') },
    { id: 'theme', label: 'Toggle light / dark theme', hint: 'Alt+T', run: () => useTheme.getState().toggle() },
    { id: 'sync', label: 'Sync now', run: () => void useSync.getState().syncNow() },
    { id: 'print', label: 'Print this page', run: () => window.print() },
    { id: 'signout', label: 'Sign out', run: () => void useSession.getState().signOut() },
  );
  return list;
}

/**
 * A name, email or phone typed in the palette finds customers (customers.search): Enter makes the
 * customer the booking's and opens their profile, so a hold that follows is theirs.
 */
export function useCustomerCommands(q: string, skip: boolean): { commands: Command[]; status: string | null } {
  const text = q.trim();
  const wanted = !skip && text.length >= 3 ? text : null;
  const [found, setFound] = useState<{ q: string; customers: Customer[] } | null>(null);
  useEffect(() => {
    if (!wanted) return undefined;
    let live = true;
    const timer = setTimeout(() => {
      useCustomerDirectory.getState().find(wanted)
        .then((customers) => { if (live) setFound({ q: wanted, customers }); })
        .catch(() => { if (live) setFound({ q: wanted, customers: [] }); });
    }, 150);
    return () => { live = false; clearTimeout(timer); };
  }, [wanted]);
  if (!wanted) return { commands: [], status: null };
  if (found?.q !== wanted) return { commands: [], status: 'Looking for customers…' };
  return {
    commands: found.customers.map((c) => ({
      id: `customer-${c.id}`,
      label: `Customer ${c.firstName} ${c.lastName} · ${c.email}${c.phone ? ` · ${c.phone}` : ''}`,
      hint: 'Book for',
      run: () => {
        useTrip.getState().setCustomer(c);
        navigate(`/customers/${c.id}`);
      },
    })),
    status: null,
  };
}
