import { create } from 'zustand';
import { subscribe } from '../../client/contractClient';

const STALE_MS = 5_000;

export interface DemoLoadProgress {
  phase: string;
  done: number;
  total: number | null;
}

interface DemoLoadingState {
  /** Set while the core loads the demo data of its first standalone start. */
  progress: DemoLoadProgress | null;
  /** Listens to the core from before sign-in; returns the unsubscribe. */
  start(): () => void;
}

/**
 * The first standalone start loads the demo data while the window is already up. Standalone has
 * no sync, so a standalone `sync.status` that carries progress means the demo is loading, and the
 * same status without progress that it is ready (main/core/host/demoData.ts). Push events reach
 * the window without a session, so the sign-in screen hears it before anyone can sign in.
 */
export const useDemoLoading = create<DemoLoadingState>((set) => {
  let stale: ReturnType<typeof setTimeout> | null = null;
  return {
    progress: null,
    start() {
      const off = subscribe('sync.status', (s) => {
        if (s.mode !== 'standalone') return;
        if (stale) clearTimeout(stale);
        stale = null;
        if (!s.progress) {
          set({ progress: null });
          return;
        }
        set({ progress: { ...s.progress, phase: s.progress.phase.replace(/_/g, ' ') } });
        // The core repeats its progress twice a second while it loads; a window that missed the
        // "ready" (its event socket dropped meanwhile) must not wait behind a stale bar forever.
        stale = setTimeout(() => set({ progress: null }), STALE_MS);
      });
      return () => {
        off();
        if (stale) clearTimeout(stale);
      };
    },
  };
});
