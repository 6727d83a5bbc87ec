import { create } from 'zustand';
import type { Mode, OfflineCopy, SyncStatus } from '../../shared/contract';
import { call, onEventConnection, subscribe } from './contractClient';

export interface SyncProgressView {
  phase: string;
  done: number;
  total: number | null;
}

interface SyncState {
  mode: Mode | null;
  pending: number;
  conflicts: number;
  lastSyncUtc: string | null;
  progress: SyncProgressView | null;
  /** How much of the device's offline copy is in; null until the core has said. */
  offlineCopy: OfflineCopy | null;
  /** Whether the push-event channel to the core is up (the bridge's WebSocket). */
  eventsUp: boolean;
  syncing: boolean;
  /** Why the last "Sync now" failed. */
  error: unknown;
  applyStatus(s: SyncStatus): void;
  refresh(): Promise<void>;
  syncNow(): Promise<void>;
  start(initialMode: Mode | null): () => void;
}

let hideTimer: ReturnType<typeof setTimeout> | null = null;
/** Counts sync.status pushes: a status read that a push overtook is older than that push. */
let pushes = 0;

/** The core's mode and sync counts: the banner shows them, several screens reload when they move. */
export const useSync = create<SyncState>((set, get) => ({
  mode: null,
  pending: 0,
  conflicts: 0,
  lastSyncUtc: null,
  progress: null,
  offlineCopy: null,
  eventsUp: true,
  syncing: false,
  error: null,

  applyStatus(s) {
    set({ mode: s.mode, pending: s.pending, conflicts: s.conflicts, lastSyncUtc: s.lastSyncUtc, offlineCopy: s.offlineCopy });
    if (s.progress) showProgress(s.progress);
  },

  async refresh() {
    const seen = pushes;
    try {
      const status = await call('sync.status', {});
      // The core went offline while this read was on its way: keep what the push said.
      if (pushes === seen) get().applyStatus(status);
    } catch {
      /* older cores without sync: keep the mode auth.me reported */
    }
  },

  async syncNow() {
    set({ syncing: true, error: null });
    try {
      get().applyStatus(await call('sync.now', {}));
    } catch (err) {
      set({ error: err });
    } finally {
      set({ syncing: false });
    }
  },

  start(initialMode) {
    set({ mode: initialMode });
    void get().refresh();
    const offs = [
      subscribe('sync.status', (s) => {
        pushes++;
        get().applyStatus(s);
        // The core says the run is over: the bar goes at once (no 15 s of a stale bar).
        if (s.progress === null) hideProgress();
      }),
      subscribe('sync.progress', (p) => showProgress(p)),
      onEventConnection((up) => {
        set({ eventsUp: up });
        if (up) void get().refresh();
      }),
    ];
    return () => offs.forEach((off) => off());
  },
}));

function hideProgress(): void {
  if (hideTimer) clearTimeout(hideTimer);
  hideTimer = null;
  if (useSync.getState().progress !== null) useSync.setState({ progress: null });
}

function showProgress(p: SyncProgressView): void {
  useSync.setState({ progress: p });
  if (hideTimer) clearTimeout(hideTimer);
  const finished = p.total !== null && p.done >= p.total;
  // A finished run lingers briefly so the agent sees it end; a stalled one fades after 15 s.
  hideTimer = setTimeout(() => useSync.setState({ progress: null }), finished ? 2000 : 15_000);
}
