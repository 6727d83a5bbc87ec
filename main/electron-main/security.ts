import type { Session, WebContents, WebPreferences } from 'electron';
import { appContentSecurityPolicy } from './csp';
import { isAppUrl, safeExternalUrl } from './origin';

/** The web preferences of every window TripDesk opens; `window.ts` adds the preload. */
export const SAFE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const satisfies WebPreferences;

export interface HardeningDeps {
  /** `shell.openExternal`; only ever called with a URL that passed `safeExternalUrl`. */
  openExternal(url: string): Promise<void> | void;
  log(level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>): void;
}

/** Strips the URL to scheme and host for the log: paths and queries may hold personal data. */
function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(unparsable url)';
  }
}

function sendOut(url: string, deps: HardeningDeps): void {
  const target = safeExternalUrl(url);
  if (!target) return;
  Promise.resolve(deps.openExternal(target)).catch((err: unknown) => {
    deps.log('warn', 'could not open a link in the system browser', { error: String(err) });
  });
}

/** The event's URL: Electron ≥ 25 puts it on the event; the positional argument is deprecated. */
function urlOf(event: unknown, positional: unknown): string {
  const fromEvent = (event as { url?: unknown } | null)?.url;
  if (typeof fromEvent === 'string') return fromEvent;
  return typeof positional === 'string' ? positional : '';
}

/**
 * Every webContents may show our origin and nothing else. A click on an https link opens the
 * system browser instead; redirects and new windows elsewhere are refused outright.
 */
export function hardenWebContents(contents: WebContents, deps: HardeningDeps): void {
  contents.on('will-navigate', (event, positional) => {
    const url = urlOf(event, positional);
    if (isAppUrl(url)) return;
    event.preventDefault();
    deps.log('warn', 'blocked navigation away from the app', { to: where(url) });
    sendOut(url, deps);
  });
  contents.on('will-frame-navigate', (event) => {
    const url = urlOf(event, undefined);
    if (isAppUrl(url)) return;
    event.preventDefault();
    deps.log('warn', 'blocked a frame navigating away from the app', { to: where(url) });
  });
  contents.on('will-redirect', (event, positional) => {
    const url = urlOf(event, positional);
    if (isAppUrl(url)) return;
    event.preventDefault();
    deps.log('warn', 'blocked a redirect away from the app', { to: where(url) });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.log('warn', 'blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAppUrl(url)) {
      // A window of our own (a printable itinerary, say): same lock-down, and main's IPC guard
      // trusts only the main window, so it cannot call the core.
      return { action: 'allow', overrideBrowserWindowOptions: { webPreferences: SAFE_WEB_PREFERENCES } };
    }
    sendOut(url, deps);
    return { action: 'deny' };
  });
}

/**
 * No web permission is ever granted (camera, notifications, clipboard-read, geolocation…), and
 * the CSP header is added to every response the session sees, in case a response ever bypasses
 * the protocol handler that sets it too.
 */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  const csp = appContentSecurityPolicy();
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
}
