import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../main/bridge/startBridge';
import { startTestCore, type TestCore } from '../support/testCore';
import { rawHttp, wsOpens } from './rawHttp';

const TOKEN = 'hardening-test-token';

/**
 * The bridge is reachable by every program on the machine and, through the browser, by every web
 * page: whatever it is sent it answers in HTTP terms (never 500, never a reset), and it answers
 * only requests addressed to itself.
 */
describe('the web bridge against malformed and foreign requests', () => {
  let t: TestCore;
  let bridge: Bridge;
  let staticDir: string;

  beforeAll(async () => {
    t = await startTestCore('standalone');
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-bridge-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>TripDesk</title>');
    bridge = await startBridge({ core: t.core, port: 0, token: TOKEN, staticDir });
  });
  afterAll(async () => {
    await bridge?.close();
    await t?.close();
    if (staticDir) fs.rmSync(staticDir, { recursive: true, force: true });
  });

  const host = () => `127.0.0.1:${bridge.port}`;

  it('answers a malformed %-escape in the path with 400, not an unauthenticated 500', async () => {
    for (const target of ['/%', '/%zz', '/app/%E0%A4%A', '/rpc/%', '/health%']) {
      const res = await rawHttp(bridge.port, `GET ${target} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
      expect(res.status, target).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    // A target that is not a path at all (the URL parser refuses it) is 400 too, and the bridge lives on.
    for (const target of ['//[', 'http://[', '//a:b@']) {
      const res = await rawHttp(bridge.port, `GET ${target} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`);
      expect(res.status, target).toBe(400);
    }
    expect((await fetch(`${bridge.url}/health`)).status).toBe(200);
    // Well-formed escapes still reach the static files.
    expect((await fetch(`${bridge.url}/%69ndex.html`)).status).toBe(200);
  });

  it('answers a too-large body with 400 and Connection: close, and the client\'s next request succeeds', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const request = (method: string, urlPath: string, body?: Buffer) => new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: bridge.port, method, path: urlPath, agent, headers: {
        authorization: `Bearer ${TOKEN}`, 'x-tripdesk-session': t.tokens.admin, 'content-type': 'application/json',
        ...(body ? { 'content-length': String(body.length) } : {}),
      } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
    try {
      for (let round = 0; round < 3; round++) {
        const huge = await request('POST', '/rpc/flights.search', Buffer.alloc(2_000_000, 0x20));
        expect(huge.status).toBe(400);
        expect(huge.headers.connection).toBe('close');
        expect(JSON.parse(huge.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
        // Same agent, same pool of one socket: the next request must not land on a reset connection.
        const next = await request('GET', '/health');
        expect(next.status).toBe(200);
        const call = await request('POST', '/rpc/auth.me', Buffer.from('{}'));
        expect(call.status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });

  it('a channel whose contract row takes more (imports.run, maxInputBytes) reads a 100,000-line file (2.6 MB); its 24 MB limit still holds', async () => {
    const post = (channel: string, body: string) => fetch(`${bridge.url}/rpc/${channel}`, {
      method: 'POST', body, headers: { authorization: `Bearer ${TOKEN}`, 'x-tripdesk-session': t.tokens.admin, 'content-type': 'application/json' },
    });
    const lines = ['room_type_id,date,price_usd,rooms_total'];
    for (let i = 0; i < 100_000; i++) lines.push(`9999,2026-07-01,189.00,${i % 50}`);
    const csv = `${lines.join('\n')}\n`;
    const body = JSON.stringify({ kind: 'hotelRates', csv, dryRun: true });
    expect(body.length).toBeGreaterThan(2_000_000);
    const res = await post('imports.run', body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { lines: 100_000, goodLines: 0, problemCount: 100_000 } });
    // The same body to a channel without a limit of its own is refused, as before.
    expect((await post('flights.search', body)).status).toBe(400);
    const tooLarge = await post('imports.run', JSON.stringify({ kind: 'hotelRates', csv: 'x'.repeat(25_000_000) }));
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'The body must be JSON of at most 24 MB.' } });
  });

  it('a too-large body sent raw gets its whole 400 and a clean close (no reset)', async () => {
    const body = 'x'.repeat(1_500_000);
    const res = await rawHttp(bridge.port,
      `POST /rpc/flights.search HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    expect(res.error).toBeNull();
    expect(res.status).toBe(400);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toMatchObject({ ok: false });
  });

  it('refuses a Host header that is not the bridge itself (DNS rebinding) with 421', async () => {
    const port = bridge.port;
    for (const h of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1', `localhost.evil.example:${port}`, `[::1]:${port}`]) {
      const health = await rawHttp(port, `GET /health HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`);
      expect(health.status, h).toBe(421);
      const rpc = await rawHttp(port, `POST /rpc/auth.me HTTP/1.1\r\nHost: ${h}\r\nAuthorization: Bearer ${TOKEN}\r\nX-TripDesk-Session: ${t.tokens.admin}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
      expect(rpc.status, h).toBe(421);
      expect(rpc.body).not.toContain('admin@');
      const page = await rawHttp(port, `GET /index.html HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`);
      expect(page.status, h).toBe(421);
    }
    // No Host at all (HTTP/1.0) is not addressed to the bridge either.
    expect((await rawHttp(port, 'GET /health HTTP/1.0\r\n\r\n')).status).toBe(421);
    // Its own names, on its own port, are welcome (any case).
    for (const h of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`]) {
      expect((await rawHttp(port, `GET /health HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`)).status, h).toBe(200);
    }
    const me = await fetch(`http://localhost:${port}/rpc/auth.me`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'x-tripdesk-session': t.tokens.admin }, body: '{}',
    }).catch(() => null);
    // localhost may resolve to ::1 first, where nothing listens; when it reaches the bridge it is served.
    if (me) expect(me.status).toBe(200);
  });

  it('refuses /events to a page of a foreign origin, and to a wrong Host; allows no Origin and its own origin', async () => {
    const url = `${bridge.url.replace('http', 'ws')}/events?token=${TOKEN}`;
    const port = bridge.port;
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `http://evil.example:${port}`, `https://127.0.0.1:${port}`]) {
      expect(await wsOpens(url, { origin }), origin).toEqual({ open: false, status: 403 });
    }
    expect(await wsOpens(url, { headers: { host: `evil.example:${port}` } })).toEqual({ open: false, status: 421 });
    expect(await wsOpens(url, {})).toEqual({ open: true, status: 101 });
    expect(await wsOpens(url, { origin: `http://127.0.0.1:${port}` })).toEqual({ open: true, status: 101 });
    expect(await wsOpens(url, { origin: `http://localhost:${port}` })).toEqual({ open: true, status: 101 });
    // The token still matters with a good origin.
    expect(await wsOpens(`${bridge.url.replace('http', 'ws')}/events?token=nope`, { origin: `http://127.0.0.1:${port}` })).toEqual({ open: false, status: 401 });
  });
});
