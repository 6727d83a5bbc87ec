import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { navigate, useRoute } from '../client/router';
import { useSession } from '../client/sessionStore';
import { SlotsProvider } from '../client/slots';
import { useSync } from '../client/syncStore';
import { useTrip } from '../client/tripStore';
import { AttentionPage } from '../features/attention/AttentionPage';
import { BookingFlow } from '../features/booking/BookingFlow';
import { CarPage } from '../features/catalog/CarPage';
import { HotelPage } from '../features/catalog/HotelPage';
import { BookingRecord } from '../features/bookings/BookingRecord';
import { BookingsList } from '../features/bookings/BookingsList';
import { CustomerProfile } from '../features/customers/CustomerProfile';
import { CustomersPage } from '../features/customers/CustomersPage';
import { DealsPage } from '../features/deals/DealsPage';
import { ReviewsPage } from '../features/reviews/ReviewsPage';
import { SearchPage } from '../features/search/SearchPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ModeBanner } from '../features/sync/ModeBanner';
import { WatchAlertToast } from '../features/watches/PriceAlerts';
import { WatchesPage } from '../features/watches/WatchesPage';
import { useWatchAlerts } from '../features/watches/watchesStore';
import { formatCents } from '../ui/format';
import { useTheme } from '../ui/theme';
import { CommandPalette } from './CommandPalette';
import { NAV } from './nav';
import { useShortcuts } from './shortcuts';
import { slots } from './slots';
import type { Role } from '../../shared/contract';

// Screens only supervisors and admins open, the charts library behind Analytics above all, are
// chunks of their own: an agent's console never fetches them.
const AnalyticsPage = lazy(() => import('../features/analytics/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })));
const InventoryPage = lazy(() => import('../features/inventory/InventoryPage').then((m) => ({ default: m.InventoryPage })));
const ImportsPage = lazy(() => import('../features/backoffice/ImportsPage').then((m) => ({ default: m.ImportsPage })));
const CatalogPage = lazy(() => import('../features/catalog/CatalogPage').then((m) => ({ default: m.CatalogPage })));
const LogsPage = lazy(() => import('../features/logs/LogsPage').then((m) => ({ default: m.LogsPage })));
const OperatorsPage = lazy(() => import('../features/operators/OperatorsPage').then((m) => ({ default: m.OperatorsPage })));

function LoadingScreen() {
  return (
    <section className="page" aria-busy="true">
      <p className="muted">Loading…</p>
    </section>
  );
}

/** Focus on the new screen's heading, also when a lazily loaded screen renders it a moment later. */
function focusHeadingOf(main: HTMLElement): () => void {
  const focus = () => {
    // While a lazy screen loads, React keeps the previous one in the DOM, hidden: not that heading.
    const h1 = [...main.querySelectorAll<HTMLElement>('h1')].find((h) => h.checkVisibility());
    h1?.focus({ preventScroll: false });
    return h1 !== undefined;
  };
  if (focus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (focus()) observer.disconnect();
  });
  observer.observe(main, { childList: true, subtree: true });
  const timer = setTimeout(() => observer.disconnect(), 5_000);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

function Page() {
  const segments = useRoute((s) => s.segments);
  const can = useSession((s) => s.can);
  const [section = 'search', id] = segments;
  const guard = (access: Role, el: React.ReactNode) =>
    can(access) ? el : (
      <section className="page">
        <h1 tabIndex={-1}>Not available</h1>
        <p>This screen needs the {access} role.</p>
      </section>
    );
  switch (section) {
    case 'search': return <SearchPage tab={id} />;
    case 'book': return <BookingFlow />;
    case 'bookings': return id ? <BookingRecord bookingId={Number(id)} key={id} /> : <BookingsList />;
    case 'customers': return id ? <CustomerProfile customerId={Number(id)} key={id} /> : <CustomersPage />;
    case 'inventory': return guard('supervisor', <InventoryPage />);
    case 'catalog': return guard('supervisor', <CatalogPage tab={id} />);
    case 'hotels': return id ? <HotelPage hotelId={Number(id)} key={id} /> : <SearchPage tab="hotels" />;
    case 'cars': return id ? <CarPage carId={Number(id)} key={id} /> : <SearchPage tab="cars" />;
    case 'reviews': return <ReviewsPage />;
    case 'deals': return <DealsPage />;
    case 'watches': return <WatchesPage />;
    case 'logs': return guard('supervisor', <LogsPage />);
    case 'attention': return <AttentionPage />;
    case 'operators': return guard('admin', <OperatorsPage />);
    case 'settings': return <SettingsPage />;
    case 'analytics': return guard('supervisor', <AnalyticsPage />);
    case 'backoffice': return guard('supervisor', <ImportsPage />);
    default:
      return (
        <section className="page">
          <h1 tabIndex={-1}>Not found</h1>
          <p>
            There is no screen at <code>{segments.join('/')}</code>.{' '}
            <button type="button" className="link" onClick={() => navigate('/search')}>Go to Search</button>
          </p>
        </section>
      );
  }
}

export function Frame() {
  const user = useSession((s) => s.user)!;
  const can = useSession((s) => s.can);
  const signOut = useSession((s) => s.signOut);
  const sessionMode = useSession((s) => s.mode);
  const start = useSync((s) => s.start);
  const conflicts = useSync((s) => s.conflicts);
  const alerts = useWatchAlerts((s) => s.alerts?.length ?? 0);
  const attention = conflicts + alerts;
  const path = useRoute((s) => s.path);
  const theme = useTheme();
  const tripItems = useTrip((s) => s.items.length);
  const tripTotal = useTrip((s) => s.totalCents());
  const tripRefused = useTrip((s) => s.refusedCount());
  const [paletteOpen, setPaletteOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => start(sessionMode), [start, sessionMode]);
  useEffect(() => useTrip.getState().listenForExpiry(), []);
  useEffect(() => useWatchAlerts.getState().start(), []);
  // A sync counted elsewhere (Sync now, a resolve) may have refused a hold in the trip.
  useEffect(() => useSync.subscribe((s, prev) => {
    if (s.conflicts !== prev.conflicts || s.lastSyncUtc !== prev.lastSyncUtc) void useTrip.getState().checkRefused();
  }), []);
  useShortcuts(() => setPaletteOpen(true));

  // Move focus to the new screen's heading so keyboard and screen-reader users land on it.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    return mainRef.current ? focusHeadingOf(mainRef.current) : undefined;
  }, [path]);

  const section = `/${path.split('/')[1]?.split('?')[0] ?? ''}`;
  return (
    <SlotsProvider value={slots}>
      <div className="app-frame">
        <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); mainRef.current?.querySelector<HTMLElement>('h1')?.focus(); }}>
          Skip to content
        </a>
        <header className="topbar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">✈</span> TripDesk
          </div>
          <ModeBanner />
          <div className="topbar-actions">
            {tripItems > 0 && (
              <button type="button" className="btn btn-small btn-accent" onClick={() => navigate('/book')}>
                Current booking: {tripItems} item{tripItems === 1 ? '' : 's'} · {formatCents(tripTotal)}
                {tripRefused > 0 && (
                  <>
                    {' '}
                    <span className="badge badge-bad" title="The servers refused a seat hold made offline: see Needs attention.">
                      {tripRefused} hold{tripRefused === 1 ? '' : 's'} refused
                    </span>
                  </>
                )}
              </button>
            )}
            <button type="button" className="btn btn-small" onClick={() => setPaletteOpen(true)} aria-keyshortcuts="Control+K Meta+K">
              Commands <kbd>Ctrl K</kbd>
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={theme.toggle}
              aria-label={`Switch to ${theme.effective === 'dark' ? 'light' : 'dark'} theme`}
              aria-keyshortcuts="Alt+T"
            >
              {theme.effective === 'dark' ? '☀ Light' : '☾ Dark'}
            </button>
            <span className="user-chip" title={user.email}>
              {user.name} <span className="muted">({user.role})</span>
            </span>
            <button type="button" className="btn btn-small" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </header>
        <nav className="sidenav" aria-label="Main">
          <ul>
            {NAV.filter((n) => can(n.access)).map((n) => (
              <li key={n.path}>
                <a
                  href={`#${n.path}`}
                  aria-current={section === n.path ? 'page' : undefined}
                  aria-keyshortcuts={`Alt+${n.key}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(n.path);
                  }}
                >
                  {n.label}
                  {n.path === '/attention' && attention > 0 && <span className="nav-count" aria-label={`${attention} items`}>{attention}</span>}
                </a>
              </li>
            ))}
            <li className="nav-sep">
              <a href="#/book" aria-current={section === '/book' ? 'page' : undefined} aria-keyshortcuts="Alt+N" onClick={(e) => { e.preventDefault(); navigate('/book'); }}>
                + New booking
              </a>
            </li>
          </ul>
        </nav>
        <main id="main" className="content" ref={mainRef}>
          <Suspense fallback={<LoadingScreen />}>
            <Page />
          </Suspense>
        </main>
        <CommandPalette open={paletteOpen} onClose={() => setPaletteOpen(false)} />
        <WatchAlertToast />
      </div>
    </SlotsProvider>
  );
}
