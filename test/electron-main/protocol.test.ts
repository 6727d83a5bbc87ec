import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRIDGE_CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { appContentSecurityPolicy } from '../../main/electron-main/csp';
import { APP_SCHEME_PRIVILEGES, createRendererHandler } from '../../main/electron-main/protocol';
import { tempDir } from './coreFixture';

function rendererBuild(): string {
  const root = tempDir('protocol');
  const dir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>TripDesk</title><script type="module" src="./assets/app.js"></script>');
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log("tripdesk")');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer folder');
  return dir;
}

describe('the app:// protocol that serves the renderer', () => {
  const handler = createRendererHandler(rendererBuild());
  const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

  it('sends the CSP header with the page, with connections limited to our own origin', async () => {
    const res = await get('app://tripdesk/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(appContentSecurityPolicy());
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/ws:|127\.0\.0\.1|localhost/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>TripDesk</title>');
  });

  it('keeps every other directive of the web bridge policy', () => {
    const bridge = BRIDGE_CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('connect-src'));
    const app = appContentSecurityPolicy().split('; ').filter((d) => !d.startsWith('connect-src'));
    expect(app).toEqual(bridge);
  });

  it('sends the CSP header with assets, client-side routes and errors too', async () => {
    for (const url of ['app://tripdesk/assets/app.js', 'app://tripdesk/bookings/42', 'app://tripdesk/missing.js', 'app://evil/index.html']) {
      const res = await get(url);
      expect(res.headers.get('content-security-policy'), url).toBe(appContentSecurityPolicy());
    }
    expect((await get('app://tripdesk/assets/app.js')).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await (await get('app://tripdesk/bookings/42')).text()).toContain('<title>TripDesk</title>');
    expect((await get('app://tripdesk/missing.js')).status).toBe(404);
  });

  it('answers only for the tripdesk host and only GET/HEAD', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://tripdesk/index.html', 'POST')).status).toBe(405);
    const head = await get('app://tripdesk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never serves a file from outside the renderer folder', async () => {
    for (const url of ['app://tripdesk/../secret.txt', 'app://tripdesk/..%2Fsecret.txt', 'app://tripdesk/%2e%2e/%2e%2e/secret.txt', 'app://tripdesk/assets/..%2f..%2f..%2fsecret.txt']) {
      const res = await get(url);
      expect(await res.text(), url).not.toContain('outside the renderer folder');
    }
  });

  it('says so when the renderer is not built', async () => {
    const res = await createRendererHandler(path.join(tempDir('empty'), 'nothing'))(new Request('app://tripdesk/'));
    expect(res.status).toBe(503);
    expect(res.headers.get('content-security-policy')).toBe(appContentSecurityPolicy());
  });

  it('registers app:// as standard and secure, without CORS or a CSP bypass', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.corsEnabled).toBeFalsy();
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeFalsy();
  });
});
