import { navigate } from '../client/router';
import { useSession } from '../client/sessionStore';
import { useSync } from '../client/syncStore';
import { useTheme } from '../ui/theme';
import { NAV } from './nav';

export interface Command {
  id: string;
  label: string;
  hint?: string;
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
