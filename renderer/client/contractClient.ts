import {
  channels, ContractError, PushEvents,
  type ChannelInput, type ChannelName, type ChannelOutput, type ContractErrorShape, type Envelope, type PushEventName,
} from '../../shared/contract';
import { uuidv7 } from '../../shared/uuidv7';
import type { z } from 'zod';
import { preload } from './preloadApi';

const TOKEN_KEY = 'tripdesk.transportToken';
const SESSION_KEY = 'tripdesk.sessionToken';

export type PushPayload<E extends PushEventName> = z.output<(typeof PushEvents)[E]>;

/** One way to reach the core: the Electron preload or the loopback web bridge. */
export interface Transport {
  readonly kind: 'electron' | 'bridge';
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: string, cb: (payload: unknown) => void): () => void;
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The bridge prints `…/#token=…`. Keep the token for this tab only and take it out of the
 * address bar, so it is neither bookmarked nor shown over someone's shoulder.
 */
export function captureTransportToken(loc: Location = window.location): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(loc.hash);
  if (match?.[1]) {
    storage()?.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    const rest = loc.hash.replace(/(^#|&)token=[^&]+/, '$1').replace(/^#&/, '#');
    history.replaceState(null, '', `${loc.pathname}${loc.search}${rest === '#' ? '' : rest}`);
  }
  return transportToken();
}

export function transportToken(): string | null {
  return storage()?.getItem(TOKEN_KEY) ?? null;
}

export function sessionToken(): string | null {
  return storage()?.getItem(SESSION_KEY) ?? null;
}

export function setSessionToken(token: string | null): void {
  if (token) storage()?.setItem(SESSION_KEY, token);
  else storage()?.removeItem(SESSION_KEY);
}

const NETWORK = { transport: 'unreachable' } as const;

/** The error a call gets when the core could not be reached at all (not a business failure). */
export function isNetworkError(err: unknown): boolean {
  return err instanceof ContractError && err.code === 'OFFLINE'
    && (err.details as { transport?: string } | undefined)?.transport === NETWORK.transport;
}

class BridgeTransport implements Transport {
  readonly kind = 'bridge' as const;
  private socket: WebSocket | null = null;
  private listeners = new Map<string, Set<(payload: unknown) => void>>();
  private retryMs = 500;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  readonly connection = new Set<(up: boolean) => void>();

  async invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const token = transportToken();
    if (token) headers.authorization = `Bearer ${token}`;
    const session = sessionToken();
    if (session) headers['x-tripdesk-session'] = session;
    let res: Response;
    try {
      res = await fetch(`/rpc/${encodeURIComponent(channel)}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
    } catch {
      return { ok: false, error: { code: 'OFFLINE', message: 'TripDesk could not be reached. Check that it is running, then try again.', details: NETWORK } };
    }
    try {
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: `TripDesk answered ${res.status} without a contract envelope.` } };
    }
  }

  subscribe(event: string, cb: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(cb);
    this.connect();
    return () => {
      set.delete(cb);
      if ([...this.listeners.values()].every((s) => s.size === 0)) this.disconnect();
    };
  }

  private connect(): void {
    if (this.socket || typeof WebSocket === 'undefined') return;
    const token = transportToken();
    if (!token) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/events?token=${encodeURIComponent(token)}`);
    this.socket = ws;
    ws.onopen = () => {
      this.retryMs = 500;
      for (const fn of this.connection) fn(true);
    };
    ws.onmessage = (msg) => {
      let data: { event?: string; payload?: unknown };
      try {
        data = JSON.parse(String(msg.data)) as typeof data;
      } catch {
        return;
      }
      if (typeof data.event !== 'string') return;
      for (const fn of this.listeners.get(data.event) ?? []) fn(data.payload);
    };
    ws.onclose = () => {
      if (this.socket !== ws) return;
      this.socket = null;
      for (const fn of this.connection) fn(false);
      // Back off up to 10 s: the core may be restarting.
      this.reconnectTimer = setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
  }

  private disconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const ws = this.socket;
    this.socket = null;
    ws?.close();
  }
}

class ElectronTransport implements Transport {
  readonly kind = 'electron' as const;
  constructor(private readonly api: NonNullable<ReturnType<typeof preload>>) {}
  async invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
    try {
      return await this.api.invoke(channel, input);
    } catch (err) {
      return { ok: false, error: { code: 'INTERNAL', message: (err as Error)?.message ?? 'IPC failure' } };
    }
  }
  subscribe(event: string, cb: (payload: unknown) => void): () => void {
    return this.api.subscribe(event, cb);
  }
}

let current: Transport | null = null;

export function transport(): Transport {
  if (!current) {
    const api = preload();
    current = api ? new ElectronTransport(api) : new BridgeTransport();
  }
  return current;
}

/** Tests install a fake transport. */
export function setTransport(t: Transport | null): void {
  current = t;
}

export function transportKind(): Transport['kind'] {
  return transport().kind;
}

const unauthenticated = new Set<(err: ContractError) => void>();
/** Called when a signed-in call comes back UNAUTHENTICATED (session expired or revoked). */
export function onUnauthenticated(fn: (err: ContractError) => void): () => void {
  unauthenticated.add(fn);
  return () => unauthenticated.delete(fn);
}

export function toContractError(shape: ContractErrorShape): ContractError {
  return new ContractError(shape.code, shape.message, shape.details);
}

const RETRY_DELAYS_MS = [300, 1200];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Calls one channel of the contract. Mutations always carry an opId (the idempotency key):
 * the caller's, or a fresh UUIDv7. When the core cannot be reached the same call (same opId)
 * is retried a couple of times, so a request that did land is not applied twice.
 */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  let body = input as Record<string, unknown>;
  if (channels[channel].mutation && typeof body.opId !== 'string') body = { ...body, opId: uuidv7() };
  const t = transport();
  let env = await t.invoke(channel, body);
  for (const delay of RETRY_DELAYS_MS) {
    if (env.ok || env.error.code !== 'OFFLINE' || (env.error.details as { transport?: string } | undefined)?.transport !== NETWORK.transport) break;
    await sleep(delay);
    env = await t.invoke(channel, body);
  }
  if (env.ok) return env.value as ChannelOutput<C>;
  const err = toContractError(env.error);
  if (err.code === 'UNAUTHENTICATED' && channel !== 'auth.login') for (const fn of unauthenticated) fn(err);
  throw err;
}

/**
 * One user action (press "Confirm booking", "Hold seats"…): the first run makes an opId and
 * keeps it while the outcome is unknown (network failure), so "Try again" reuses it and the
 * core answers the first result instead of booking twice. A definite answer — success or a
 * business error — or different input starts a new action.
 */
function fingerprint(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}${text.length}`;
}

export interface UserAction {
  run<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  readonly pendingOpId: string | null;
}

export function createAction(): UserAction {
  // Outcome-unknown attempts by input digest: several can be pending at once (one action may
  // serve a whole screen), each keeping its opId until it gets a definite answer.
  const pending = new Map<string, string>();
  let lastKey: string | null = null;
  return {
    get pendingOpId() {
      return lastKey === null ? null : (pending.get(lastKey) ?? null);
    },
    async run(channel, input) {
      // Not a mutation: nothing to de-duplicate, and an `opId` in its input (sync.inbox.resolve's
      // target op) is data, not this action's key.
      if (!channels[channel].mutation) return call(channel, input);
      // A digest, not the input itself: card numbers must not linger in memory.
      const key = fingerprint(`${channel} ${JSON.stringify(input)}`);
      const opId = pending.get(key) ?? uuidv7();
      pending.set(key, opId);
      lastKey = key;
      try {
        const out = await call(channel, { ...(input as object), opId } as typeof input);
        pending.delete(key);
        return out;
      } catch (err) {
        if (!isNetworkError(err)) pending.delete(key);
        throw err;
      }
    },
  };
}

/** Typed push-event subscription; payloads that do not match the contract are dropped. */
export function subscribe<E extends PushEventName>(event: E, cb: (payload: PushPayload<E>) => void): () => void {
  return transport().subscribe(event, (raw) => {
    const parsed = PushEvents[event].safeParse(raw);
    if (parsed.success) cb(parsed.data as PushPayload<E>);
  });
}

/** Bridge only: whether the event socket is up (Electron's IPC is always there). */
export function onEventConnection(fn: (up: boolean) => void): () => void {
  const t = transport();
  if (t instanceof BridgeTransport) {
    t.connection.add(fn);
    return () => t.connection.delete(fn);
  }
  return () => undefined;
}

export { ContractError };
