import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { channelNames } from '../../shared/contract';
import { startBridge, type Bridge } from '../../main/bridge/startBridge';
import { startTestCore, type CoreMode, type TestCore } from '../support/testCore';
import { GOOD_CARD, loadFixture, type Fixture } from '../support/fixture';
import { passengers } from '../support/travellers';

const TOKEN = 'bridge-test-token';

describe.each<CoreMode>(['standalone', 'central'])('the contract over loopback HTTP (%s)', (mode) => {
  let t: TestCore;
  let bridge: Bridge;
  let fx: Fixture;
  let admin: string;

  beforeAll(async () => {
    t = await startTestCore(mode);
    fx = await loadFixture(t.engine);
    admin = t.tokens.admin;
    bridge = await startBridge({ core: t.core, port: 0, token: TOKEN });
  });
  afterAll(async () => {
    await bridge?.close();
    await t?.close();
  });

  const rpc = async (channel: string, body: unknown, session: string | null = admin, token = TOKEN) => {
    const res = await fetch(`${bridge.url}/rpc/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(session ? { 'x-tripdesk-session': session } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } } };
  };

  it('listens on 127.0.0.1 only, answers /health and lists every channel with its input JSON Schema', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await (await fetch(`${bridge.url}/health`)).json();
    expect(health).toEqual({ ok: true, mode: mode === 'standalone' ? 'standalone' : 'online' });
    const list = await (await fetch(`${bridge.url}/rpc`, { headers: { authorization: `Bearer ${TOKEN}` } })).json() as { value: Array<{ channel: string; input: { type?: string } }> };
    expect(list.value.map((c) => c.channel).sort()).toEqual([...channelNames].sort());
    expect(list.value.find((c) => c.channel === 'holds.create')?.input.type).toBe('object');
  });

  it('refuses a wrong bridge token, and maps contract errors to HTTP statuses', async () => {
    expect((await rpc('flights.search', {}, admin, 'wrong')).status).toBe(401);
    expect((await rpc('flights.search', {}, null)).status).toBe(401);
    expect((await rpc('flights.teleport', {})).status).toBe(404);
    expect((await rpc('holds.create', { flightId: 'x' })).status).toBe(400);
    expect((await rpc('holds.create', '{not json')).status).toBe(400);
    expect((await rpc('operators.list', {}, t.tokens.agent)).status).toBe(403);
    expect((await rpc('holds.create', { flightId: fx.flightId, seats: 2 })).status).toBe(200);
    const shrink = await rpc('inventory.flights.update', { flightId: fx.flightId, seatsTotal: 1 });
    expect(shrink.status).toBe(409);
    expect(shrink.body.error?.code).toBe('CONFLICT');
  });

  it('answers every channel: a real journey through HTTP, and no channel says INTERNAL', async () => {
    const hold = await rpc('holds.create', { flightId: fx.flightId, seats: 1 });
    expect(hold.status).toBe(200);
    const holdId = (hold.body.value as { holdId: string }).holdId;
    const booking = await rpc('bookings.create', {
      customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents, items: [{ kind: 'flight', holdId, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD, save: true },
    });
    expect(booking.status).toBe(200);
    const bookingId = (booking.body.value as { id: number }).id;
    const cancelled = await rpc('bookings.cancel', { bookingId, reason: 'bridge test' });
    expect((cancelled.body.value as { status: string }).status).toBe('cancelled');
    const seen = new Map<string, number>();
    for (const channel of channelNames) {
      if (channel === 'auth.logout') continue;
      const r = await rpc(channel, {});
      seen.set(channel, r.status);
      expect(r.body.error?.code, `${channel}: ${r.body.error?.message}`).not.toBe('INTERNAL');
    }
    expect(seen.size).toBe(channelNames.length - 1);
  });

  it('pushes events on the /events WebSocket to a client with the token', async () => {
    const ws = new WebSocket(`${bridge.url.replace('http', 'ws')}/events?token=${TOKEN}`);
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    const events: string[] = [];
    const statusSeen = new Promise<void>((resolve) => ws.on('message', (data) => {
      const e = (JSON.parse(String(data)) as { event: string }).event;
      events.push(e);
      if (e === 'sync.status') resolve();
    }));
    if (mode === 'central') {
      // sync.now pushes its progress and then the new status.
      expect((await rpc('sync.now', {})).status).toBe(200);
      await statusSeen;
      expect(events).toContain('sync.status');
    } else {
      // Standalone has no sync: the socket stays open and quiet.
      expect((await rpc('sync.now', {})).status).toBe(200);
      expect(events).toEqual([]);
    }
    ws.close();
    const refused = new WebSocket(`${bridge.url.replace('http', 'ws')}/events?token=nope`);
    await expect(new Promise((resolve, reject) => { refused.once('open', resolve); refused.once('error', reject); })).rejects.toThrow();
  });
});
