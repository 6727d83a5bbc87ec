import { BRIDGE_CONTENT_SECURITY_POLICY } from '../../shared/csp';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { channels, HTTP_STATUS, type Envelope } from '../../shared/contract';
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

const MAX_BODY = 1_000_000;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

function statusOf(env: Envelope<unknown>): number {
  return env.ok ? 200 : HTTP_STATUS[env.error.code];
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text === '' ? {} : (JSON.parse(text) as unknown);
}

function serveStatic(dir: string, urlPath: string, res: http.ServerResponse): void {
  const clean = path.normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  let file = path.join(dir, clean);
  if (!file.startsWith(path.resolve(dir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    file = path.join(dir, 'index.html'); // single-page app: unknown paths get the shell
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
  fs.createReadStream(file).pipe(res);
}

/**
 * The contract over loopback HTTP: `POST /rpc/<channel>`, `GET /rpc`, `GET /health`, push events on
 * `/events`. The renderer is served at `/`, so a browser (and the E2E tests) use the real core.
 */
export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const { core, token } = opts;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
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
        let input: unknown;
        try {
          input = await readBody(req);
        } catch {
          send(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The body must be JSON (at most 1 MB).' } });
          return;
        }
        const session = req.headers['x-tripdesk-session'];
        const result = await core.call(url.pathname.slice(5), input, typeof session === 'string' ? session : null);
        send(res, statusOf(result), result);
        return;
      }
      if (opts.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
        serveStatic(opts.staticDir, url.pathname, res);
        return;
      }
      send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'Nothing here.' } });
    })().catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'bridge failure' } });
    });
  });

  // Browsers cannot set headers on a WebSocket, so the token comes as a query parameter here.
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/events' || !sameToken(url.searchParams.get('token') ?? '', token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });
  const clients = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    clients.add(ws);
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
