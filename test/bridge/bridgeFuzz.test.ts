import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, type ChannelName } from '../../shared/contract';
import { uuidv7 } from '../../shared/uuidv7';
import { startBridge, type Bridge } from '../../main/bridge/startBridge';
import { MODES, ok, signInAs, startTestCore, type TestCore } from '../support/testCore';
import { loadFixture, type Fixture } from '../support/fixture';
import { rawHttp, wsOpens } from './rawHttp';

const TOKEN = 'bridge-fuzz-token';

interface Answer { status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }

/**
 * Every channel over the bridge, with input it should refuse or could trip on, answers with a
 * contract error of its own — never INTERNAL, never a 500; and HTTP that is malformed or not
 * addressed to the bridge is answered in HTTP terms, never with a 500.
 */
describe.each(MODES)('the bridge under fuzz, %s', (_name, mode) => {
  let t: TestCore;
  let fx: Fixture;
  let bridge: Bridge;
  let staticDir: string;

  beforeAll(async () => {
    t = await startTestCore(mode);
    fx = await loadFixture(t.engine);
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'td-fuzz-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>TripDesk</title>');
    bridge = await startBridge({ core: t.core, port: 0, token: TOKEN, staticDir });
  });
  afterAll(async () => {
    await bridge?.close();
    await t?.close();
    if (staticDir) fs.rmSync(staticDir, { recursive: true, force: true });
  });

  const rpc = async (channel: string, body: unknown, session: string | null): Promise<Answer> => {
    const res = await fetch(`${bridge.url}/rpc/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...(session ? { 'x-tripdesk-session': session } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };

  /** Each channel with `input(channel)`, as every role and as nobody; what came back INTERNAL or 500. */
  const sweep = async (input: (channel: ChannelName) => unknown): Promise<string[]> => {
    const broken: string[] = [];
    for (const channel of channelNames) {
      for (const who of ['agent', 'supervisor', 'admin', null] as const) {
        // auth.logout would end the shared session: it gets one of its own.
        const session = who === null ? null : channel === 'auth.logout' ? await signInAs(t, who) : t.tokens[who];
        const r = await rpc(channel, input(channel), session);
        if (r.status >= 500 || r.body.error?.code === 'INTERNAL') broken.push(`${channel} as ${who ?? 'nobody'}: ${r.status} ${r.body.error?.code} ${r.body.error?.message}`);
      }
    }
    return broken;
  };

  it('(a) every channel with empty input answers no INTERNAL', async () => {
    expect(await sweep(() => ({}))).toEqual([]);
  });

  it('(b) every channel with a fresh opId answers no INTERNAL', async () => {
    expect(await sweep(() => ({ opId: uuidv7() }))).toEqual([]);
  });

  it('(c) every channel with an opId holds.create already used answers no INTERNAL', async () => {
    const opId = uuidv7();
    await ok(t, t.tokens.agent, 'holds.create', { opId, flightId: fx.flightId, seats: 1 });
    expect(await sweep(() => ({ opId }))).toEqual([]);
    // The opId is taken: its owner hears the first answer, anyone or anything else CONFLICT.
    const again = await rpc('holds.create', { opId, flightId: fx.flightId, seats: 1 }, t.tokens.agent);
    expect(again.status).toBe(200);
    const other = await rpc('holds.create', { opId, flightId: fx.flightId, seats: 1 }, t.tokens.supervisor);
    expect(other.body.error?.code).toBe('CONFLICT');
    const elsewhere = await rpc('customers.update', { opId, customerId: fx.customerId, firstName: 'Grace' }, t.tokens.agent);
    expect(elsewhere.body.error?.code).toBe('CONFLICT');
  });

  it('malformed HTTP never gets a 500: bad escapes, odd targets, bodies, Host headers, Origins', async () => {
    const port = bridge.port;
    const host = `127.0.0.1:${port}`;
    const auth = `Authorization: Bearer ${TOKEN}\r\nX-TripDesk-Session: ${t.tokens.admin}\r\n`;
    const requests: Array<[label: string, raw: string]> = [];
    for (const target of ['/%', '/%%', '/%zz', '/%E0%A4%A', '/%C0%AF', '/rpc/%', '/rpc/holds.create%', '/rpc/%2e%2e', '/rpc/%00', '/health%ff',
      '//[', 'http://[', '//a:b@', '*', '/..%2f..%2fetc%2fpasswd', '/index.html?x=%', '/rpc', '/rpc/', '/events']) {
      for (const method of ['GET', 'POST', 'HEAD', 'OPTIONS', 'DELETE']) {
        requests.push([`${method} ${target}`, `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\n${auth}Content-Length: 2\r\nConnection: close\r\n\r\n{}`]);
      }
    }
    for (const body of ['{', '[]', 'null', '"x"', '1e999', '{"opId":"not-a-uuid"}', '\u0000', '{"__proto__":{"x":1}}', '{"a":'.repeat(5000)]) {
      const bytes = Buffer.byteLength(body);
      requests.push([`body ${body.slice(0, 20)}`, `POST /rpc/holds.create HTTP/1.1\r\nHost: ${host}\r\n${auth}Content-Length: ${bytes}\r\nConnection: close\r\n\r\n${body}`]);
    }
    for (const h of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '', `127.0.0.1:${port}@evil.example`, `localhost:${port}.evil.example`]) {
      requests.push([`Host ${h}`, `POST /rpc/auth.me HTTP/1.1\r\nHost: ${h}\r\n${auth}Content-Length: 2\r\nConnection: close\r\n\r\n{}`]);
      requests.push([`Host ${h} /`, `GET / HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`]);
    }
    requests.push(['no Host', 'GET /health HTTP/1.0\r\n\r\n']);
    requests.push(['huge declared', `POST /rpc/holds.create HTTP/1.1\r\nHost: ${host}\r\n${auth}Content-Length: 99999999999\r\n\r\n{}`]);
    requests.push(['huge sent', `POST /rpc/holds.create HTTP/1.1\r\nHost: ${host}\r\n${auth}Content-Length: 1200000\r\n\r\n${' '.repeat(1_200_000)}`]);
    requests.push(['huge chunked', `POST /rpc/holds.create HTTP/1.1\r\nHost: ${host}\r\n${auth}Transfer-Encoding: chunked\r\n\r\n${`100000\r\n${' '.repeat(0x100000)}\r\n`.repeat(2)}0\r\n\r\n`]);

    const fiveHundreds: string[] = [];
    for (const [label, raw] of requests) {
      const res = await rawHttp(port, raw);
      if (res.status >= 500 || res.body.includes('"INTERNAL"')) fiveHundreds.push(`${label}: ${res.status} ${res.body.slice(0, 120)}`);
    }
    expect(fiveHundreds).toEqual([]);

    const ws = `ws://${host}/events?token=${TOKEN}`;
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `http://localhost.evil.example:${port}`]) {
      const r = await wsOpens(ws, { origin });
      expect(r.open, origin).toBe(false);
      expect(r.status, origin).toBeLessThan(500);
    }
    for (const target of ['/events%', '/%', '//[']) {
      const r = await rawHttp(port, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
      expect(r.status, target).toBeGreaterThanOrEqual(400);
      expect(r.status, target).toBeLessThan(500);
    }
    // Still alive and serving.
    expect((await rpc('auth.me', {}, t.tokens.admin)).status).toBe(200);
  });
});
