/**
 * Child process for the multi-console benchmark (bench/sections/multiConsole.ts): runs several
 * real consoles (startCore in central mode, background work on, as the app runs them) in one
 * Node process, each on its own copy of a hydrated device database. Driven over the IPC channel:
 * the parent says when to start consoles, when each should book (one booking a minute), when to
 * send a burst of holds on one flight, and asks for the pulls' timings.
 */
import fs from 'node:fs';
import { loadConfig } from '../../main/core/config';
import { startCore, type Core } from '../../main/core/host/core';
import type { PullTiming } from '../../main/core/device/syncRunner';
import type { ConsoleReply, ConsoleRequest, ConsoleSpec, PullSample, WriteSample } from './consolesProtocol';

interface Desk {
  index: number;
  core: Core;
  token: string;
  timer: NodeJS.Timeout | null;
}

const desks: Desk[] = [];
const pulls: PullSample[] = [];
const writes: WriteSample[] = [];

function send(msg: ConsoleReply): void {
  process.send?.(msg);
}

async function startDesk(spec: ConsoleSpec): Promise<Desk> {
  fs.cpSync(spec.templateDir, spec.dir, { recursive: true });
  const core = await startCore(loadConfig({
    TRIPDESK_DATA_DIR: spec.dir,
    TRIPDESK_MYSQL_URL: spec.mysqlUrl,
    TRIPDESK_MONGO_URL: spec.mongoUrl,
    TRIPDESK_CONSOLE_NAME: `desk-${spec.index}`,
    TRIPDESK_DEMO_DATA: '0',
    TRIPDESK_SESSION_HOURS: '1000',
  }), {
    jobs: true,
    dbKey: spec.dbKey,
    log: (level, msg) => { if (level === 'error') console.error(`desk-${spec.index}: ${msg}`); },
    onPull: (p: PullTiming) => { pulls.push({ at: Date.now(), ms: p.ms, changes: p.changes, reached: p.reached }); },
  });
  const login = await core.call('auth.login', { email: spec.email, password: spec.password }, null);
  if (!login.ok) throw new Error(`desk-${spec.index}: sign-in failed: ${login.error.code} ${login.error.message}`);
  // On a loaded machine the first check can time out (3 s): the console's own watch retries, as in the app.
  const deadline = Date.now() + 90_000;
  while (core.mode() !== 'online' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  if (core.mode() !== 'online') throw new Error(`desk-${spec.index} is still ${core.mode()} 90 s after it started`);
  return { index: spec.index, core, token: (login.value as { sessionToken: string }).sessionToken, timer: null };
}

async function book(desk: Desk, booking: Extract<ConsoleRequest, { type: 'writes' }>['booking']): Promise<void> {
  const t = performance.now();
  const res = await desk.core.call('bookings.create', booking, desk.token);
  writes.push({ at: Date.now(), ms: performance.now() - t, ok: res.ok, ...(res.ok ? {} : { code: res.error.code }) });
}

async function handle(msg: ConsoleRequest): Promise<void> {
  switch (msg.type) {
    case 'start': {
      const t = performance.now();
      // One at a time: start-up (migration checks, sign-in) is not what is measured.
      for (const spec of msg.consoles) desks.push(await startDesk(spec));
      send({ type: 'started', count: desks.length, ms: performance.now() - t });
      return;
    }
    case 'writes': {
      for (const desk of desks) {
        if (desk.timer) clearTimeout(desk.timer);
        desk.timer = null;
        if (!msg.on) continue;
        // One booking a minute per console, each at its own second of the minute.
        const first = Math.floor(Math.random() * msg.everyMs);
        const loop = () => {
          void book(desk, msg.booking);
          desk.timer = setTimeout(loop, msg.everyMs);
        };
        desk.timer = setTimeout(loop, first);
      }
      send({ type: 'ack' });
      return;
    }
    case 'burst': {
      // Every console at once, as agents do when a fare is announced.
      const outcomes = await Promise.all(desks.map(async (desk) => {
        const t = performance.now();
        const res = await desk.core.call('holds.create', { flightId: msg.flightId, seats: 1 }, desk.token);
        return { ms: performance.now() - t, code: res.ok ? 'OK' : res.error.code };
      }));
      send({ type: 'burst', outcomes });
      return;
    }
    case 'collect': {
      send({ type: 'samples', pulls: pulls.splice(0), writes: writes.splice(0) });
      return;
    }
    case 'stop': {
      for (const desk of desks) if (desk.timer) clearTimeout(desk.timer);
      await Promise.allSettled(desks.map((d) => d.core.close()));
      send({ type: 'stopped' });
      process.exit(0);
    }
  }
}

process.on('message', (msg: ConsoleRequest) => {
  handle(msg).catch((err: unknown) => {
    send({ type: 'error', message: String((err as Error)?.message ?? err) });
  });
});
send({ type: 'ready' });
