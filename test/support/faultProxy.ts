/**
 * A TCP proxy on 127.0.0.1 for injecting network faults between a client and a server.
 *
 *   const proxy = await startFaultProxy(inject('mysqlUrl'));   // or { host, port }
 *   const url = proxy.proxyUrlFor(dbUrl);                       // same URL, proxy's host:port
 *   proxy.cut();      // reset every open connection; new connections are reset at once
 *   proxy.stall();    // connections stay open, no bytes flow either way (incl. new ones)
 *   proxy.restore();  // back to normal; bytes held during a stall are delivered
 *   await proxy.close();
 *
 * `cut({ refuse: true })` instead closes the listening socket so new connections get
 * ECONNREFUSED (like a stopped server); restore() then listens on the same port again,
 * so await it in that case.
 */
import net from 'node:net';
import { LOOPBACK } from './ports';

export type FaultMode = 'pass' | 'cut' | 'stall';

export interface FaultTarget {
  host: string;
  port: number;
}

export interface CutOptions {
  /** Close the listener so new connections are refused (ECONNREFUSED) instead of reset. */
  refuse?: boolean;
}

export interface FaultProxy {
  readonly host: string;
  readonly port: number;
  readonly target: FaultTarget;
  readonly mode: FaultMode;
  /** Currently open client connections. */
  readonly activeConnections: number;
  /** Client connections accepted since start (including ones reset because of cut()). */
  readonly totalConnections: number;
  /** Destroy (RST) all current connections and reset/refuse new ones until restore(). */
  cut(opts?: CutOptions): Promise<void>;
  /** Keep connections open but stop forwarding bytes (both directions, also for new connections). */
  stall(): Promise<void>;
  /** Forward again (flushing bytes held by a stall); re-listens after cut({ refuse: true }). */
  restore(): Promise<void>;
  /** Destroy all connections and stop listening. Idempotent. */
  close(): Promise<void>;
  /** Rewrite `url` (mysql://, mongodb://, http://...) so its host:port is the proxy's. */
  proxyUrlFor(originalUrl: string): string;
}

const AUTHORITY_RE = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is;

/** Replace host:port in a URL's authority (keeps user:password@, path and query). */
export function rewriteUrlHostPort(url: string, host: string, port: number): string {
  const m = AUTHORITY_RE.exec(url);
  if (!m) throw new Error(`not a URL with an authority: ${url}`);
  const [, scheme = '', authority = '', rest = ''] = m;
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at + 1) : '';
  const hosts = at >= 0 ? authority.slice(at + 1) : authority;
  if (hosts.includes(',')) throw new Error(`cannot proxy a multi-host URL: ${url}`);
  return `${scheme}${userinfo}${host}:${port}${rest}`;
}

/** host/port of a URL such as mysql://root@127.0.0.1:3306/db (default port by scheme if absent). */
export function targetFromUrl(url: string): FaultTarget {
  const m = AUTHORITY_RE.exec(url);
  if (!m) throw new Error(`not a URL with an authority: ${url}`);
  const scheme = (m[1] ?? '').replace('://', '').toLowerCase();
  const authority = m[2] ?? '';
  const hosts = authority.slice(authority.lastIndexOf('@') + 1);
  if (hosts.includes(',')) throw new Error(`cannot proxy a multi-host URL: ${url}`);
  const hp = /^(\[[^\]]+\]|[^:]*)(?::(\d+))?$/.exec(hosts);
  const defaults: Record<string, number> = { mysql: 3306, mariadb: 3306, mongodb: 27017, http: 80, https: 443, postgres: 5432, postgresql: 5432 };
  const host = (hp?.[1] ?? '').replace(/^\[|\]$/g, '') || LOOPBACK;
  const port = hp?.[2] ? Number(hp[2]) : defaults[scheme];
  if (port === undefined) throw new Error(`no port in ${url}`);
  return { host, port };
}

interface Pipe {
  client: net.Socket;
  upstream: net.Socket;
  /** Chunks that arrived while stalled, per direction. */
  heldUp: Buffer[];
  heldDown: Buffer[];
}

export async function startFaultProxy(target: FaultTarget | string): Promise<FaultProxy> {
  const tgt = typeof target === 'string' ? targetFromUrl(target) : target;
  let mode: FaultMode = 'pass';
  let refused = false;
  let closed = false;
  let total = 0;
  const pipes = new Set<Pipe>();

  const destroyPipe = (p: Pipe): void => {
    pipes.delete(p);
    // resetAndDestroy sends RST (as a crashed peer / pulled cable would look to the client).
    for (const s of [p.client, p.upstream]) {
      if (s.destroyed) continue;
      try {
        if (s.readyState === 'open' || s.readyState === 'readOnly' || s.readyState === 'writeOnly') s.resetAndDestroy();
        else s.destroy();
      } catch {
        s.destroy();
      }
    }
  };

  const forward = (p: Pipe, from: net.Socket, to: net.Socket, held: Buffer[]): void => {
    from.on('data', (chunk: Buffer) => {
      if (mode === 'stall') {
        held.push(chunk);
        from.pause();
        return;
      }
      if (!to.write(chunk)) from.pause();
    });
    to.on('drain', () => {
      if (mode === 'pass') from.resume();
    });
    from.on('end', () => {
      // Propagate half-close once held bytes have been flushed.
      const finish = (): void => {
        if (held.length === 0 || mode === 'pass') {
          to.end();
          return;
        }
        setTimeout(finish, 20);
      };
      finish();
    });
    from.on('error', () => destroyPipe(p));
    from.on('close', () => {
      if (held.length === 0) {
        // Let the other side finish its own close after end(); destroy if it lingers.
        setTimeout(() => {
          if (!to.destroyed && to.writableEnded) to.destroy();
        }, 1000).unref();
      }
      if (p.client.destroyed && p.upstream.destroyed) pipes.delete(p);
    });
  };

  const onConnection = (client: net.Socket): void => {
    total++;
    if (mode === 'cut' || closed) {
      client.on('error', () => undefined);
      client.resetAndDestroy();
      return;
    }
    client.setNoDelay(true);
    const upstream = net.connect({ host: tgt.host, port: tgt.port });
    upstream.setNoDelay(true);
    const p: Pipe = { client, upstream, heldUp: [], heldDown: [] };
    pipes.add(p);
    if (mode === 'stall') {
      client.pause();
      upstream.pause();
    }
    forward(p, client, upstream, p.heldUp);
    forward(p, upstream, client, p.heldDown);
  };

  const server = net.createServer({ pauseOnConnect: false }, onConnection);
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('fault proxy: no port');
  const port = addr.port;

  const listenAgain = async (): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen({ host: LOOPBACK, port }, () => {
            server.off('error', reject);
            resolve();
          });
        });
        return;
      } catch (e) {
        if (attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };

  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
    });

  const proxy: FaultProxy = {
    host: LOOPBACK,
    port,
    target: tgt,
    get mode() {
      return mode;
    },
    get activeConnections() {
      return pipes.size;
    },
    get totalConnections() {
      return total;
    },
    async cut(opts?: CutOptions) {
      mode = 'cut';
      for (const p of [...pipes]) destroyPipe(p);
      if (opts?.refuse && !refused) {
        refused = true;
        await stopListening();
      }
    },
    stall() {
      if (mode === 'cut') return Promise.reject(new Error('fault proxy: restore() before stall() after a cut()'));
      mode = 'stall';
      for (const p of pipes) {
        p.client.pause();
        p.upstream.pause();
      }
      return Promise.resolve();
    },
    async restore() {
      if (closed) throw new Error('fault proxy is closed');
      mode = 'pass';
      for (const p of pipes) {
        for (const [to, held] of [
          [p.upstream, p.heldUp],
          [p.client, p.heldDown],
        ] as const) {
          while (held.length > 0 && !to.destroyed) {
            const chunk = held.shift();
            if (chunk) to.write(chunk);
          }
        }
        p.client.resume();
        p.upstream.resume();
      }
      if (refused) {
        refused = false;
        await listenAgain();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      mode = 'cut';
      for (const p of [...pipes]) destroyPipe(p);
      await stopListening();
    },
    proxyUrlFor(originalUrl: string) {
      return rewriteUrlHostPort(originalUrl, LOOPBACK, port);
    },
  };
  return proxy;
}
