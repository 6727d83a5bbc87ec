import fs from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { rendererSecurityHeaders } from './csp';
import { APP_HOST, APP_SCHEME } from './origin';

/**
 * `app://tripdesk/` is a standard, secure scheme so the renderer gets a real origin (storage,
 * relative URLs, `'self'` in the CSP) without `file://`. `corsEnabled` stays off: it would let
 * other origins read our files.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// Response's own body type: BodyInit is a DOM name, and this process has Node's fetch types, not the DOM's.
type Body = ConstructorParameters<typeof Response>[0];

function reply(status: number, body: Body, contentType: string, extra: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...rendererSecurityHeaders(), 'content-type': contentType, ...extra } });
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built renderer (vite's outDir) for `app://tripdesk/…`. Paths cannot leave the
 * folder; a path without an extension is a client-side route and gets `index.html`; every
 * response, errors included, carries the CSP.
 */
export function createRendererHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir);
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return reply(400, 'Bad request', 'text/plain; charset=utf-8');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) {
      return reply(404, 'Not found', 'text/plain; charset=utf-8');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply(405, 'Method not allowed', 'text/plain; charset=utf-8', { allow: 'GET, HEAD' });
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return reply(400, 'Bad request', 'text/plain; charset=utf-8');
    }
    if (rel.includes('\0')) return reply(400, 'Bad request', 'text/plain; charset=utf-8');
    let file = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
    if (file !== root && !file.startsWith(root + path.sep)) return reply(404, 'Not found', 'text/plain; charset=utf-8');
    if (!(await isFile(file))) {
      if (path.extname(file) !== '') return reply(404, 'Not found', 'text/plain; charset=utf-8');
      file = path.join(root, 'index.html');
      if (!(await isFile(file))) {
        return reply(503, 'The renderer is not built; run `npm run build:renderer`.', 'text/plain; charset=utf-8');
      }
    }
    const body = request.method === 'HEAD' ? null : await fs.readFile(file);
    const cache = path.basename(file) === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable';
    return reply(200, body, MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream', { 'cache-control': cache });
  };
}

/** Before `app.ready`: the scheme must be privileged before any session exists. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** After `app.ready`: answer `app://` from the renderer folder. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createRendererHandler(rendererDir));
}
