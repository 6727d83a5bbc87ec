import { BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './origin';
import { SAFE_WEB_PREFERENCES } from './security';

export function mainWindowOptions(preload: string, opts: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'TripDesk',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: { ...SAFE_WEB_PREFERENCES, preload, devTools: opts.devTools, spellcheck: true },
  };
}

/** The console's one window, showing the built renderer from `app://tripdesk/`. */
export function createMainWindow(
  preload: string,
  opts: { devTools: boolean; onLoadError?: (err: unknown) => void },
): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preload, opts));
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((err: unknown) => opts.onLoadError?.(err));
  return win;
}
