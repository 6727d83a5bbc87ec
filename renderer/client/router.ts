/*
 * Why not TanStack Router: TripDesk is a desktop app with a dozen flat screens (at most one id in the
 * address) under hash URLs; a route tree, loaders and a router provider around every screen and test
 * would buy nothing the fifty lines below lack. It stays small, and lives here so features take
 * routes from client/ like any other app-wide state.
 */
import { create } from 'zustand';

/**
 * Hash routes (`#/bookings/12`): they work the same under app://tripdesk/ in Electron and
 * under the bridge's `/`, with no server-side routing.
 */
export interface RouteState {
  path: string;
  segments: string[];
  navigate(path: string): void;
}

function readPath(): string {
  if (typeof location === 'undefined') return '/search';
  const h = location.hash.replace(/^#/, '');
  return h.startsWith('/') ? h : '/search';
}

const split = (p: string) => p.split('?')[0]!.split('/').filter(Boolean);

export const useRoute = create<RouteState>((set) => ({
  path: readPath(),
  segments: split(readPath()),
  navigate(path) {
    if (typeof location !== 'undefined' && location.hash !== `#${path}`) location.hash = path;
    set({ path, segments: split(path) });
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    const path = readPath();
    if (path !== useRoute.getState().path) useRoute.setState({ path, segments: split(path) });
  });
}

export const navigate = (path: string) => useRoute.getState().navigate(path);

/** Goes to `path` in place of the current entry (Back does not return to the old address). */
export function replaceRoute(path: string): void {
  if (typeof location !== 'undefined' && location.hash !== `#${path}`) {
    if (typeof history !== 'undefined' && typeof history.replaceState === 'function') {
      history.replaceState(history.state, '', `#${path}`);
    } else {
      location.replace(`#${path}`);
    }
  }
  useRoute.setState({ path, segments: split(path) });
}

export function queryParam(name: string): string | null {
  const q = useRoute.getState().path.split('?')[1];
  return q ? new URLSearchParams(q).get(name) : null;
}
