import { BRIDGE_CONTENT_SECURITY_POLICY } from '../../shared/csp';
import fs from 'node:fs';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { channels, HTTP_STATUS, isChannel, type ChannelSpec, type Envelope } from '../../shared/contract';
import type { Core } from '../core/host/core';

export interface BridgeOptions {
  core: Core;
  port: number;
  /** Transport token every request must carry (`Authorization: Bearer …`). */
  token: string;
  /** Built renderer to serve at `/` (vite's outDir); absent → API only. */
  staticDir?: string;
}

export interface Bridge {
  url: string;
  port: number;
  close(): Promise<void>;
}


const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

/** The body limit of a channel whose contract row names none (`maxInputBytes`). */
const MAX_BODY = 1_000_000;

/** A channel's own limit comes from its row (an import carries its file); an unknown channel gets the default. */
function bodyLimitOf(channel: string): number {
  return (isChannel(channel) ? (channels[channel] as ChannelSpec).maxInputBytes : undefined) ?? MAX_BODY;
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1_000_000)} MB`;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(text);
}

function statusOf(env: Envelope<unknown>): number {
  return env.ok ? 200 : HTTP_STATUS[env.error.code];
}

/** How much of a too-large body is read and thrown away so the answer reaches the client before the connection closes. */
const MAX_DRAIN = 16 * MAX_BODY;
const DRAIN_MS = 2_000;

type Body = { ok: true; text: string } | { ok: false };

/**
 * The request body, at most `maxBody` bytes. A larger one is read on and dropped (up to
 * MAX_DRAIN, for at most DRAIN_MS) rather than cut off, so the 400 reaches the client intact
 * and the connection then closes cleanly instead of being reset under it.
 */
function readBody(req: http.IncomingMessage, maxBody: number): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let timer: NodeJS.Timeout | null = null;
    const done = (body: Body) => {
      if (timer) clearTimeout(timer);
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      req.removeListener('close', onClose);
      if (!body.ok) req.on('data', () => undefined); // whatever is still coming goes nowhere
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (!tooLarge && size > maxBody) {
        tooLarge = true;
        chunks.length = 0;
        timer = setTimeout(() => done({ ok: false }), DRAIN_MS);
      }
      if (tooLarge) {
        if (size > maxBody + MAX_DRAIN) done({ ok: false });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done(tooLarge ? { ok: false } : { ok: true, text: Buffer.concat(chunks).toString('utf8') });
    const onError = () => done({ ok: false });
    // The client went away before the end of its body: nothing to answer it with.
    const onClose = () => done({ ok: false });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody + MAX_DRAIN) {
      // Not worth reading: answer now; the connection closes after the answer.
      resolve({ ok: false });
      return;
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The request's path, decoded; null when the target is not a path or holds a malformed %-escape. */
function requestPath(rawUrl: string | undefined): { pathname: string; decoded: string; search: URLSearchParams } | null {
  const raw = rawUrl ?? '/';
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    const url = new URL(raw, 'http://127.0.0.1');
    return { pathname: url.pathname, decoded: decodeURIComponent(url.pathname), search: url.searchParams };
  } catch {
    return null;
  }
}

function serveStatic(dir: string, decodedPath: string, res: http.ServerResponse): void {
  const root = path.resolve(dir);
  const clean = path.normalize(decodedPath).replace(/^([/\\])+/, '');
  let file = path.join(root, clean);
  const inside = file === root || file.startsWith(root + path.sep);
  if (!inside || decodedPath.includes('\0') || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    file = path.join(root, 'index.html'); // single-page app: unknown paths get the shell
  }
  if (!fs.existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('The renderer is not built; run `npm run build:renderer`.');
    return;
  }
  res.writeHead(200, {
    'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'content-security-policy': BRIDGE_CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

/** What the bridge answers to: its own address by IP or by name, on its own port (no DNS rebinding). */
function hostsFor(port: number): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (port === 80) for (const h of ['127.0.0.1', 'localhost']) hosts.add(h);
  return hosts;
}

/** A page of the bridge's own origin may open `/events`; a page of any other origin may not. */
function originsFor(port: number): Set<string> {
  return new Set([...hostsFor(port)].map((h) => `http://${h}`));
}

function rawReply(socket: Duplex, status: number, reason: string): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

const refusals = {
  host: { code: 'FORBIDDEN', message: 'This bridge answers on 127.0.0.1 or localhost at its own port only (Host header refused).' },
  url: { code: 'VALIDATION', message: 'The request target is not a valid path (check its %-escapes).' },
} as const;

/**
 * The contract over loopback HTTP: `POST /rpc/<channel>`, `GET /rpc`, `GET /health`, push events on
 * `/events`. The renderer is served at `/`, so a browser (and the E2E tests) use the real core.
 *
 * Every request must name the bridge itself in `Host` (127.0.0.1 or localhost at its port;
 * otherwise 421), so a page whose DNS name was rebound to 127.0.0.1 reaches nothing; `/events`
 * also refuses a browser page of another origin (403). A malformed target is 400, never 500.
 */
export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const { core, token } = opts;
  // Known once the server listens (port 0 picks one); no request can arrive before.
  let hosts = new Set<string>();
  let origins = new Set<string>();
  const hostAllowed = (req: http.IncomingMessage) => {
    const host = req.headers.host;
    return typeof host === 'string' && hosts.has(host.toLowerCase());
  };

  const server = http.createServer((req, res) => {
    if (!hostAllowed(req)) {
      send(res, 421, { ok: false, error: refusals.host });
      return;
    }
    const url = requestPath(req.url);
    if (!url) {
      send(res, 400, { ok: false, error: refusals.url });
      return;
    }
    void (async () => {
      if (url.pathname === '/health') {
        send(res, 200, { ok: true, mode: core.mode() });
        return;
      }
      if (url.pathname === '/rpc' || url.pathname.startsWith('/rpc/')) {
        const auth = req.headers.authorization ?? '';
        if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) {
          send(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Missing or wrong bridge token (Authorization: Bearer …).' } });
          return;
        }
        if (url.pathname === '/rpc' && req.method === 'GET') {
          send(res, 200, {
            ok: true,
            value: Object.entries(channels).map(([name, spec]) => ({
              channel: name, access: spec.access, mutation: spec.mutation,
              input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
            })),
          });
          return;
        }
        if (req.method !== 'POST') {
          send(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Use POST /rpc/<channel> with a JSON body.' } });
          return;
        }
        const channel = url.pathname.slice(5);
        const limit = bodyLimitOf(channel);
        const body = await readBody(req, limit);
        if (!body.ok) {
          // The rest of the body was not read: this connection cannot carry another request.
          send(res, 400, { ok: false, error: { code: 'VALIDATION', message: `The body must be JSON of at most ${megabytes(limit)}.` } }, { connection: 'close' });
          return;
        }
        const input = parseJson(body.text);
        if (!input.ok) {
          send(res, 400, { ok: false, error: { code: 'VALIDATION', message: `The body must be JSON (at most ${megabytes(limit)}).` } });
          return;
        }
        const session = req.headers['x-tripdesk-session'];
        const result = await core.call(channel, input.value, typeof session === 'string' ? session : null);
        send(res, statusOf(result), result);
        return;
      }
      if (opts.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
        serveStatic(opts.staticDir, url.decoded, res);
        return;
      }
      send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'Nothing here.' } });
    })().catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'bridge failure' } }, { connection: 'close' });
      else res.destroy();
    });
  });

  // Browsers cannot set headers on a WebSocket, so the token comes as a query parameter here.
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!hostAllowed(req)) return rawReply(socket, 421, 'Misdirected Request');
    const url = requestPath(req.url);
    if (!url) return rawReply(socket, 400, 'Bad Request');
    const origin = req.headers.origin;
    // No Origin: not a browser page (tests, tools). A browser always sends one: it must be ours.
    if (origin !== undefined && !origins.has(origin.toLowerCase())) return rawReply(socket, 403, 'Forbidden');
    if (url.pathname !== '/events' || !sameToken(url.search.get('token') ?? '', token)) return rawReply(socket, 401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });
  const clients = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('error', () => ws.terminate());
    ws.on('close', () => clients.delete(ws));
  });
  const unsubscribe = core.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const ws of clients) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  hosts = hostsFor(port);
  origins = originsFor(port);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
