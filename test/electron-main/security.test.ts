import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { appContentSecurityPolicy } from '../../main/electron-main/csp';
import { APP_ORIGIN, isAppUrl, safeExternalUrl } from '../../main/electron-main/origin';
import { hardenSession, hardenWebContents, SAFE_WEB_PREFERENCES } from '../../main/electron-main/security';
import { mainWindowOptions } from '../../main/electron-main/window';
import { FakeSession, FakeWebContents } from './fakeElectron';

vi.mock('electron', () => import('./fakeElectron'));

describe('the window', () => {
  it('is created isolated, sandboxed, without Node, with web security and our preload', () => {
    const prefs = mainWindowOptions('/app/dist/main/preload.cjs', { devTools: false }).webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      devTools: false,
      preload: '/app/dist/main/preload.cjs',
    });
  });

  it('opens child windows of our own origin with the same lock-down and no preload', () => {
    const contents = new FakeWebContents(`${APP_ORIGIN}/index.html`);
    hardenWebContents(contents as unknown as WebContents, { openExternal: vi.fn(), log: vi.fn() });
    const answer = contents.windowOpenHandler?.({ url: `${APP_ORIGIN}/print/7` }) as { action: string; overrideBrowserWindowOptions?: { webPreferences?: Record<string, unknown> } };
    expect(answer.action).toBe('allow');
    expect(answer.overrideBrowserWindowOptions?.webPreferences).toEqual(SAFE_WEB_PREFERENCES);
    expect(answer.overrideBrowserWindowOptions?.webPreferences).not.toHaveProperty('preload');
  });
});

describe('navigation and new windows', () => {
  let contents: FakeWebContents;
  const openExternal = vi.fn();
  const log = vi.fn();

  beforeEach(() => {
    openExternal.mockReset();
    contents = new FakeWebContents(`${APP_ORIGIN}/index.html`);
    hardenWebContents(contents as unknown as WebContents, { openExternal, log });
  });

  it('lets the page move within app://tripdesk', () => {
    expect(contents.navigate('will-navigate', `${APP_ORIGIN}/bookings`)).toBe(false);
    expect(contents.navigate('will-redirect', `${APP_ORIGIN}/index.html`)).toBe(false);
    expect(contents.navigate('will-frame-navigate', `${APP_ORIGIN}/x`)).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses to navigate anywhere else; an https link goes to the system browser', () => {
    expect(contents.navigate('will-navigate', 'https://evil.example/login')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://evil.example/login');
    openExternal.mockReset();
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://evil/index.html', 'app://tripdesk:8080/', 'ms-settings:', 'https://user:pw@example.com/']) {
      expect(contents.navigate('will-navigate', url), url).toBe(true);
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses redirects and frame navigations to foreign origins without opening them', () => {
    expect(contents.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-frame-navigate', 'https://evil.example/frame')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('denies window.open to foreign URLs; https ones open in the system browser after the check', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://docs.example/help' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.example/help');
    openExternal.mockReset();
    for (const url of ['file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', 'http://example.com', 'smb://host/share']) {
      expect(contents.windowOpenHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses <webview>', () => {
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => { prevented = true; } }, {}, {});
    expect(prevented).toBe(true);
  });
});

describe('origin checks', () => {
  it('knows our origin and nothing else', () => {
    expect(isAppUrl('app://tripdesk/index.html')).toBe(true);
    expect(isAppUrl('app://tripdesk')).toBe(true);
    for (const url of ['app://tripdesk.evil/', 'app://evil/', 'app://u:p@tripdesk/', 'app://tripdesk:1/', 'https://tripdesk/', 'file:///tripdesk', '', 42, null]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('lets only plain https links out', () => {
    expect(safeExternalUrl('https://example.com/a?b=c')).toBe('https://example.com/a?b=c');
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'https://a:b@example.com', 'vbscript:x', undefined]) {
      expect(safeExternalUrl(url), String(url)).toBeNull();
    }
  });
});

describe('the session', () => {
  const ses = new FakeSession();
  hardenSession(ses as unknown as Session);

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'unknown']) {
      const cb = vi.fn();
      ses.permissionRequest?.({}, permission, cb, {});
      expect(cb, permission).toHaveBeenCalledWith(false);
      expect(ses.permissionCheck?.({}, permission, APP_ORIGIN, {}), permission).toBe(false);
    }
    expect(ses.devicePermission?.({})).toBe(false);
  });

  it('puts our CSP on every response, replacing whatever came with it', () => {
    const cb = vi.fn();
    ses.headersReceived?.({ responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } }, cb);
    const headers = cb.mock.calls[0]?.[0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([appContentSecurityPolicy()]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
  });
});
