import { create } from 'zustand';
import {
  preload, unwrap, type ConnectionTestResult, type SettingsInput, type SettingsView, type UpdateStatus,
} from '../../client/preloadApi';

interface DesktopSettingsState {
  /** Which of the desktop's settings and update calls this build's preload offers. */
  offered(): { settings: boolean; updates: boolean };
  load(): Promise<SettingsView>;
  save(values: SettingsInput): Promise<SettingsView>;
  testConnection(values: SettingsInput): Promise<ConnectionTestResult>;
  restart(): Promise<void>;
  updateStatus(): Promise<UpdateStatus>;
  checkForUpdates(): Promise<UpdateStatus>;
  installUpdate(): Promise<void>;
  /** Follows the updater while the screen is open; returns the unsubscribe. */
  onUpdateStatus(cb: (s: UpdateStatus) => void): () => void;
}

/** The preload's settings calls; only asked for where `offered()` says they exist. */
function settingsApi() {
  const api = preload()?.settings;
  if (!api) throw new Error('This build of TripDesk does not expose connection settings.');
  return api;
}

function updatesApi() {
  const api = preload()?.updates;
  if (!api) throw new Error('This build of TripDesk does not expose updates.');
  return api;
}

/**
 * Server connection and updates, desktop app only: main keeps them (passwords encrypted with the
 * OS keychain), so these go through the preload rather than the contract. Nothing is kept here;
 * the form holds what it shows and forgets passwords once sent.
 */
export const useDesktopSettings = create<DesktopSettingsState>(() => ({
  offered() {
    const api = preload();
    return { settings: Boolean(api?.settings), updates: Boolean(api?.updates) };
  },
  load() {
    return unwrap(settingsApi().get());
  },
  save(values) {
    return unwrap(settingsApi().set(values));
  },
  testConnection(values) {
    return unwrap(settingsApi().testConnection(values));
  },
  async restart() {
    await unwrap(settingsApi().restart());
  },
  updateStatus() {
    return unwrap(updatesApi().status());
  },
  checkForUpdates() {
    return unwrap(updatesApi().check());
  },
  async installUpdate() {
    await unwrap(updatesApi().installNow());
  },
  onUpdateStatus(cb) {
    // An app event beside the contract's push events, so it is not in PushEvents.
    return preload()?.subscribe('update.status', (s) => cb(s as UpdateStatus)) ?? (() => undefined);
  },
}));
