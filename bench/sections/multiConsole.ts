/**
 * 12. Many consoles on one server: 10, then 50, then 200 real consoles (startCore in central mode,
 * background work on, each on its own copy of a hydrated device database) in child processes of
 * 25 consoles each, against the run's one MariaDB + FerretDB on loopback. At each size:
 * - an idle phase: the consoles do only what they do by themselves (a pull every 5 s, which is
 *   also their check that the servers are there; the job leases; the leader's jobs);
 * - a mixed phase: one booking a minute per console through the real op path (`bookings.create`),
 *   and a burst of holds on one 150-seat flight, every console at once.
 * Measured at the server: SHOW GLOBAL STATUS deltas (Questions, Bytes_received + Bytes_sent,
 * Threads_connected), MariaDB's CPU from /proc/<pid> (all its threads), and the pulls' latency
 * as the consoles time them. The server's own background (no console at all) is measured first
 * and taken off. Raw limit, in the same run before any console starts: as many bare pollers (one
 * mysql2 connection each, `SELECT 1` every 5 s), the least a console that polls every 5 s costs.
 * The figures are drawn to docs/bench/multi-console.png (echarts SVG → Chromium screenshot).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import mysql from 'mysql2/promise';
import { loadConfig, TEST_PASSWORD_COST } from '../../main/core/config';
import { startCore } from '../../main/core/host/core';
import { hashPassword } from '../../main/core/ops/auth/passwords';
import { addDays, toDbInstant, utcDay } from '../../shared/time';
import { GOOD_CARD, loadFixture } from '../../test/support/fixture';
import { passengers } from '../../test/support/travellers';
import { BENCH_DB_KEY, BENCH_DIR, BENCH_PASSWORD, ROOT, centralDatabases, sleep, type SectionCtx } from '../lib/env';
import { drawMultiConsole } from '../lib/plot';
import { row, type Row } from '../lib/report';
import { summarize } from '../lib/stats';
import type { BookingInput, ConsoleReply, ConsoleRequest, ConsoleSpec, PullSample, WriteSample } from '../probes/consolesProtocol';

const SIZES = [10, 50, 200] as const;
const PER_PROCESS = 25;
const POLL_MS = 5_000;
const WRITE_EVERY_MS = 60_000;
const BURST_SEATS = 150;
const EMAIL = 'desk@bench.tripdesk';
const EXTERNALS = ['electron', 'better-sqlite3-multiple-ciphers', 'mongodb', 'mysql2', 'mysql2/*', 'bufferutil', 'utf-8-validate', 'kafkajs', 'pdfkit'];

// ---- the server's side ----------------------------------------------------------------------------

interface ServerMark { at: number; questions: number; bytes: number; threads: number; cpuNs: number; cpuTicks: number; ferretNs: number; mongoConns: number }

/** CPU of every thread of a process: schedstat (ns) summed over its tasks, and utime + stime (ticks). */
function processCpu(pid: number | null): { ns: number; ticks: number } {
  if (pid === null) return { ns: 0, ticks: 0 };
  let ns = 0;
  try {
    for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
      try { ns += Number(fs.readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0] ?? 0); } catch { /* a thread that just ended */ }
    }
  } catch { /* gone */ }
  let ticks = 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks = Number(f[11]) + Number(f[12]);
  } catch { /* gone */ }
  return { ns, ticks };
}

/** The pid of the process whose command line mentions `needle` (the server's private temp dir). */
function pidByCmdline(needle: string): number | null {
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes(needle) && !cmd.includes('watchdog') && !cmd.startsWith('/bin/sh') && !cmd.startsWith('bash')) return Number(name);
    } catch { /* gone */ }
  }
  return null;
}

/** Established TCP connections to a local port (the consoles' MongoDB connections, counted at the server's end). */
function connectionsTo(port: number): number {
  let n = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try { text = fs.readFileSync(file, 'utf8'); } catch { continue; }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      const local = f[1]?.split(':')[1];
      if (local && parseInt(local, 16) === port && f[3] === '01') n++;
    }
  }
  return n;
}

class ServerMeter {
  constructor(private readonly conn: mysql.Connection, private readonly mariaPid: number | null, private readonly ferretPid: number | null, private readonly mongoPort: number) {}

  async mark(): Promise<ServerMark> {
    const [rows] = await this.conn.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Bytes_received', 'Bytes_sent', 'Threads_connected')");
    const v = new Map((rows as Array<{ Variable_name: string; Value: string }>).map((r) => [r.Variable_name, Number(r.Value)]));
    const cpu = processCpu(this.mariaPid);
    return {
      at: performance.now(), questions: v.get('Questions') ?? 0, bytes: (v.get('Bytes_received') ?? 0) + (v.get('Bytes_sent') ?? 0),
      threads: v.get('Threads_connected') ?? 0, cpuNs: cpu.ns, cpuTicks: cpu.ticks, ferretNs: processCpu(this.ferretPid).ns, mongoConns: connectionsTo(this.mongoPort),
    };
  }
}

/** What one idle client cost the server, per second, over a window (the server's own background taken off). */
interface PerClient { queriesPerS: number; bytesPerS: number; connections: number; mongoConnections: number; cpuMsPerS: number; ferretCpuMsPerS: number; cpuMsPerSTicks: number }

function perClient(a: ServerMark, b: ServerMark, base: Baseline, clients: number): PerClient {
  const s = (b.at - a.at) / 1000;
  return {
    queriesPerS: (b.questions - a.questions - base.questionsPerPair) / clients / s,
    bytesPerS: (b.bytes - a.bytes - base.bytesPerPair) / clients / s,
    connections: (b.threads - base.threads) / clients,
    mongoConnections: (b.mongoConns - base.mongoConns) / clients,
    cpuMsPerS: Math.max(0, (b.cpuNs - a.cpuNs) / 1e6 - base.cpuMsPerS * s) / clients / s,
    ferretCpuMsPerS: Math.max(0, (b.ferretNs - a.ferretNs) / 1e6 - base.ferretMsPerS * s) / clients / s,
    cpuMsPerSTicks: Math.max(0, (b.cpuTicks - a.cpuTicks) * 10 - base.cpuMsPerS * s) / clients / s,
  };
}

interface Baseline { questionsPerPair: number; bytesPerPair: number; threads: number; mongoConns: number; cpuMsPerS: number; ferretMsPerS: number }

// ---- the console processes --------------------------------------------------------------------------

class ConsoleProcess {
  readonly child: ChildProcess;
  count = 0;
  private waiting: Array<{ resolve: (m: ConsoleReply) => void; reject: (e: Error) => void }> = [];
  private stderr = '';
  private exited: Error | null = null;
  private readonly ready: Promise<ConsoleReply>;

  constructor(bundle: string) {
    this.child = fork(bundle, [], {
      cwd: ROOT, execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: '', NODE_PATH: path.join(ROOT, 'node_modules'), TRIPDESK_MIGRATIONS_DIR: path.join(ROOT, 'migrations') },
    });
    this.child.stderr?.on('data', (c: Buffer) => { this.stderr = (this.stderr + c.toString()).slice(-2_000); });
    this.child.on('message', (m: ConsoleReply) => this.waiting.shift()?.resolve(m));
    this.child.on('exit', (code, signal) => {
      this.exited = new Error(`console process exited with ${code ?? signal}: ${this.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      for (const w of this.waiting.splice(0)) w.reject(this.exited);
    });
    this.ready = new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** One request at a time per process: each answer goes to the request before it. */
  async ask<T extends ConsoleReply['type']>(msg: ConsoleRequest, expect: T, timeoutMs = 120_000): Promise<Extract<ConsoleReply, { type: T }>> {
    await this.ready;
    if (this.exited) throw this.exited;
    const reply = new Promise<ConsoleReply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`console process: no answer to ${msg.type} in ${timeoutMs / 1000} s (${this.stderr.trim().split('\n').at(-1) ?? ''})`)), timeoutMs);
      this.waiting.push({ resolve: (m) => { clearTimeout(timer); resolve(m); }, reject: (e) => { clearTimeout(timer); reject(e); } });
    });
    this.child.send(msg);
    const m = await reply;
    if (m.type === 'error') throw new Error(`console process: ${m.message}`);
    if (m.type !== expect) throw new Error(`console process answered ${m.type} to ${msg.type}`);
    return m as Extract<ConsoleReply, { type: T }>;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.exited) return;
    await this.ask({ type: 'stop' }, 'stopped', 30_000).catch(() => this.child.kill('SIGKILL'));
  }
}

async function bundleProbe(outdir: string): Promise<string> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: { consoles: path.join(BENCH_DIR, 'probes', 'consoles.ts') },
    outdir, outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: EXTERNALS,
    define: { 'import.meta.url': '__probeModuleUrl' },
    banner: { js: "'use strict';\nconst __probeModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
  });
  return path.join(outdir, 'consoles.cjs');
}

// ---- the raw limit: bare pollers --------------------------------------------------------------------

async function barePollers(url: string, n: number, ms: number, meter: ServerMeter, base: Baseline): Promise<PerClient & { p95: number }> {
  const conns = await Promise.all(Array.from({ length: n }, () => mysql.createConnection({ uri: url })));
  const lat: number[] = [];
  let stop = false;
  const loops = conns.map(async (c, i) => {
    await sleep((i * POLL_MS) / n);
    while (!stop) {
      const t = performance.now();
      await c.query('SELECT 1');
      lat.push(performance.now() - t);
      await sleep(POLL_MS - (performance.now() - t));
    }
  });
  await sleep(POLL_MS);
  const a = await meter.mark();
  await sleep(ms);
  const b = await meter.mark();
  stop = true;
  await Promise.all(loops);
  await Promise.all(conns.map((c) => c.end()));
  return { ...perClient(a, b, base, n), p95: summarize(lat).p95 };
}

// ---- the section ------------------------------------------------------------------------------------

export interface SizeFigures {
  consoles: number;
  idle: PerClient;
  raw: PerClient & { p95: number };
  pullIdle: { p95: number; n: number; failed: number };
  pullMixed: { p95: number; n: number; failed: number };
  mixed: PerClient;
  writes: { ok: number; failed: number; p95: number };
  burst: { ok: number; soldOut: number; other: number; p95: number; oversold: number };
}

function pullStats(samples: PullSample[]): { p95: number; n: number; failed: number } {
  return { p95: summarize(samples.map((s) => s.ms)).p95, n: samples.length, failed: samples.filter((s) => !s.reached).length };
}

export async function benchMultiConsole(ctx: SectionCtx): Promise<Row[]> {
  const idleMs = ctx.opts.quick ? 20_000 : 60_000;
  const mixedMs = ctx.opts.quick ? 20_000 : 60_000;
  const rawMs = ctx.opts.quick ? 10_000 : 30_000;
  Object.assign(ctx.params, { sizes: SIZES, perProcess: PER_PROCESS, idleSeconds: idleMs / 1000, mixedSeconds: mixedMs / 1000, rawSeconds: rawMs / 1000, pollMs: POLL_MS, writeEveryMs: WRITE_EVERY_MS, burstSeats: BURST_SEATS });

  const servers = await ctx.servers();
  const { mysqlUrl, mongoUrl } = await centralDatabases(ctx, 'bench_mc');
  const mariaPidText = servers.mysql.dir ? fs.readFileSync(path.join(servers.mysql.dir, 'mariadbd.pid'), 'utf8').trim() : '';
  const mariaPid = Number(mariaPidText) || null;
  const ferretPid = servers.mongo.dir ? pidByCmdline(servers.mongo.dir) : null;
  if (mariaPid === null) ctx.notes.push('MariaDB\'s pid was not found: no server CPU figures');
  const meterConn = await mysql.createConnection({ uri: servers.mysql.url });
  ctx.defer(() => meterConn.end());
  const meter = new ServerMeter(meterConn, mariaPid, ferretPid, servers.mongo.port);
  // The test server allows 500 connections; 200 consoles may open up to 4 each in a busy moment.
  // docs/SCALING.md says the same of a production server past a few dozen consoles.
  const [mc] = await meterConn.query("SHOW GLOBAL VARIABLES LIKE 'max_connections'");
  const maxBefore = Number((mc as Array<{ Value: string }>)[0]?.Value ?? 0);
  if (maxBefore < 1_000) {
    await meterConn.query('SET GLOBAL max_connections = 1000');
    ctx.defer(() => meterConn.query(`SET GLOBAL max_connections = ${maxBefore}`).catch(() => undefined));
  }
  ctx.params.maxConnections = { before: maxBefore, during: Math.max(maxBefore, 1_000) };
  const admin = mysql.createPool({ uri: mysqlUrl, connectionLimit: 1, dateStrings: true, timezone: 'Z' });
  ctx.defer(() => admin.end());

  // A hydrated device to copy: the operator and a small world, pulled once.
  ctx.say('preparing a hydrated device database to copy…');
  const templateDir = ctx.tmpDir('td-bench-mc-template-');
  const template = await startCore(loadConfig({ TRIPDESK_DATA_DIR: templateDir, TRIPDESK_MYSQL_URL: mysqlUrl, TRIPDESK_MONGO_URL: mongoUrl, TRIPDESK_DEMO_DATA: '0' }),
    { jobs: false, log: () => undefined, dbKey: BENCH_DB_KEY });
  const centralEngine = template.central;
  if (!centralEngine) {
    await template.close();
    throw new Error(`the template device started ${template.mode()}`);
  }
  const at = toDbInstant(Date.now());
  // The bench's consoles sign in with a cheap hash: 200 sign-ins at the production cost would be the section's main CPU cost, and they are not what is measured.
  await centralEngine.sql.run("INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, 'Bench desk', 'agent', ?, 1, ?, ?)",
    [EMAIL, await hashPassword(BENCH_PASSWORD, TEST_PASSWORD_COST), at, at]);
  const fx = await loadFixture(centralEngine, { seats: 100_000 });
  await template.sync?.sync();
  await template.close();
  const booking: BookingInput = {
    customerId: fx.customerId, expectedTotalCents: fx.flightPriceCents,
    items: [{ kind: 'flight', flightId: fx.flightId, seats: 1, travellers: passengers(1) }], payment: { kind: 'card', card: GOOD_CARD },
  };

  const bundle = await bundleProbe(ctx.tmpDir('td-bench-mc-probe-'));
  const consoleDirs = ctx.tmpDir('td-bench-mc-desks-');

  // The server with no console at all: what it costs by itself, and what the meter's own query costs.
  await sleep(2_000);
  const b0 = await meter.mark();
  await sleep(10_000);
  const b1 = await meter.mark();
  const baseS = (b1.at - b0.at) / 1000;
  const base: Baseline = {
    questionsPerPair: b1.questions - b0.questions, bytesPerPair: b1.bytes - b0.bytes, threads: b1.threads, mongoConns: b1.mongoConns,
    cpuMsPerS: (b1.cpuNs - b0.cpuNs) / 1e6 / baseS, ferretMsPerS: (b1.ferretNs - b0.ferretNs) / 1e6 / baseS,
  };
  ctx.params.baseline = base;

  const raws = new Map<number, PerClient & { p95: number }>();
  for (const n of SIZES) {
    ctx.say(`raw: ${n} bare pollers (SELECT 1 every 5 s), ${rawMs / 1000} s…`);
    raws.set(n, await barePollers(mysqlUrl, n, rawMs, meter, base));
  }

  const procs: ConsoleProcess[] = [];
  ctx.defer(() => Promise.allSettled(procs.map((p) => p.stop())));
  const collect = async () => {
    const all = await Promise.all(procs.map((p) => p.ask({ type: 'collect' }, 'samples')));
    return { pulls: all.flatMap((s) => s.pulls), writes: all.flatMap((s) => s.writes) };
  };
  const figures: SizeFigures[] = [];
  let started = 0;
  for (const n of SIZES) {
    // Grow to n consoles, 25 to a process.
    const t = performance.now();
    const batches = new Map<ConsoleProcess, ConsoleSpec[]>();
    while (started < n) {
      let proc = procs.find((p) => p.count < PER_PROCESS);
      if (!proc) {
        proc = new ConsoleProcess(bundle);
        procs.push(proc);
      }
      const spec: ConsoleSpec = { index: started, templateDir, dir: path.join(consoleDirs, `desk-${started}`), mysqlUrl, mongoUrl, dbKey: BENCH_DB_KEY, email: EMAIL, password: BENCH_PASSWORD };
      batches.set(proc, [...(batches.get(proc) ?? []), spec]);
      proc.count++;
      started++;
    }
    await Promise.all([...batches].map(([p, consoles]) => p.ask({ type: 'start', consoles }, 'started', 300_000)));
    ctx.say(`${n} consoles up (${procs.length} processes, ${((performance.now() - t) / 1000).toFixed(1)} s to start the new ones); idle ${idleMs / 1000} s…`);

    // Idle: let start-up traffic drain, then measure.
    await sleep(POLL_MS + 1_000);
    await collect();
    const i0 = await meter.mark();
    await sleep(idleMs);
    const i1 = await meter.mark();
    const idleSamples = await collect();

    // Mixed: a booking a minute per console, and a burst of holds on one flight.
    ctx.say(`${n} consoles: bookings + a burst of ${n} holds on one ${BURST_SEATS}-seat flight, ${mixedMs / 1000} s…`);
    const depart = addDays(utcDay(Date.now()), 12);
    const [ins] = await admin.query(
      `INSERT INTO flights (flight_number, airline, departure_airport, arrival_airport, departure_ts_utc, arrival_ts_utc, seats_total, seats_available, price_cents, updated_at_utc)
       VALUES (?, 'Bench Air', 'JFK', 'LAX', ?, ?, ?, ?, 19900, ?)`,
      [`BU ${n}`, `${depart} 08:00:00.000`, `${depart} 14:00:00.000`, BURST_SEATS, BURST_SEATS, toDbInstant(Date.now())]);
    const burstFlight = (ins as mysql.ResultSetHeader).insertId;
    const m0 = await meter.mark();
    await Promise.all(procs.map((p) => p.ask({ type: 'writes', on: true, everyMs: WRITE_EVERY_MS, booking }, 'ack')));
    // The consoles' next pull brings the new flight in; the burst comes after it.
    await sleep(POLL_MS + 1_000);
    const burstReplies = await Promise.all(procs.map((p) => p.ask({ type: 'burst', flightId: burstFlight }, 'burst')));
    const outcomes = burstReplies.flatMap((r) => r.outcomes);
    const left = mixedMs - (performance.now() - m0.at);
    if (left > 0) await sleep(left);
    const m1 = await meter.mark();
    await Promise.all(procs.map((p) => p.ask({ type: 'writes', on: false, everyMs: WRITE_EVERY_MS, booking }, 'ack')));
    const mixedSamples = await collect();
    const [check] = await admin.query(
      `SELECT f.seats_total - f.seats_available AS taken,
              (SELECT COALESCE(SUM(h.seats), 0) FROM flight_seat_holds h WHERE h.flight_id = f.id AND h.status = 'active') AS held
         FROM flights f WHERE f.id = ?`, [burstFlight]);
    const c = (check as Array<{ taken: number; held: number | string }>)[0];

    const writes: WriteSample[] = mixedSamples.writes;
    const raw = raws.get(n);
    if (!raw) throw new Error(`no raw run for ${n}`);
    const f: SizeFigures = {
      consoles: n,
      idle: perClient(i0, i1, base, n),
      raw,
      pullIdle: pullStats(idleSamples.pulls),
      pullMixed: pullStats(mixedSamples.pulls),
      mixed: perClient(m0, m1, base, n),
      writes: { ok: writes.filter((w) => w.ok).length, failed: writes.filter((w) => !w.ok).length, p95: summarize(writes.filter((w) => w.ok).map((w) => w.ms)).p95 },
      burst: {
        ok: outcomes.filter((o) => o.code === 'OK').length, soldOut: outcomes.filter((o) => o.code === 'SOLD_OUT').length,
        other: outcomes.filter((o) => o.code !== 'OK' && o.code !== 'SOLD_OUT').length, p95: summarize(outcomes.map((o) => o.ms)).p95,
        oversold: Number(c?.taken ?? 0) - Number(c?.held ?? 0),
      },
    };
    figures.push(f);
    const failedWrites = [...new Set(writes.filter((w) => !w.ok).map((w) => w.code))];
    ctx.notes.push(`${n} consoles: idle ${f.idle.queriesPerS.toFixed(3)} queries/s, ${f.idle.connections.toFixed(2)} MySQL + ${f.idle.mongoConnections.toFixed(2)} MongoDB connections, ${Math.round(f.idle.bytesPerS)} B/s, MariaDB CPU ${f.idle.cpuMsPerS.toFixed(3)} ms/s (by ticks ${f.idle.cpuMsPerSTicks.toFixed(3)}), FerretDB CPU ${f.idle.ferretCpuMsPerS.toFixed(3)} ms/s per console; ${f.pullIdle.n} idle pulls p95 ${f.pullIdle.p95.toFixed(1)} ms (${f.pullIdle.failed} failed); mixed: ${f.mixed.queriesPerS.toFixed(2)} queries/s and MariaDB CPU ${f.mixed.cpuMsPerS.toFixed(2)} ms/s per console, ${f.writes.ok} bookings (p95 ${f.writes.p95.toFixed(0)} ms, ${f.writes.failed} refused${failedWrites.length ? `: ${failedWrites.join(', ')}` : ''}), ${f.pullMixed.n} pulls p95 ${f.pullMixed.p95.toFixed(1)} ms; burst: ${f.burst.ok} held, ${f.burst.soldOut} sold out, ${f.burst.other} other, p95 ${f.burst.p95.toFixed(0)} ms, oversold ${f.burst.oversold}`);
  }
  ctx.params.figures = figures;
  ctx.params.mariaPid = mariaPid;
  ctx.params.ferretPid = ferretPid;

  const plot = path.join(ROOT, 'docs', 'bench', 'multi-console.png');
  try {
    await drawMultiConsole(figures, plot, ctx.opts.quick ? 'quick' : 'full');
    ctx.notes.push(`plot written to ${path.relative(ROOT, plot)}`);
  } catch (err) {
    ctx.notes.push(`the plot could not be drawn: ${String((err as Error)?.message ?? err)}`);
  }

  const rows: Row[] = [];
  const rawLabel = 'bare poller: SELECT 1 every 5 s';
  for (const f of figures) {
    const at200 = f.consoles === 200;
    rows.push(
      row({ metric: `${f.consoles} consoles: MySQL queries/s per idle console`, unit: 'q/s', value: f.idle.queriesPerS, raw: f.raw.queriesPerS, rawLabel, better: 'lower', goals: [{ on: 'abs', op: '<=', value: 0.5 }] }),
      row({ metric: `${f.consoles} consoles: MySQL connections per idle console`, unit: 'conns', value: f.idle.connections, raw: f.raw.connections, rawLabel: 'bare poller, one connection', better: 'lower', goals: [{ on: 'abs', op: '<=', value: 4 }] }),
      row({ metric: `${f.consoles} consoles: MySQL bytes/s per idle console`, unit: 'B/s', value: f.idle.bytesPerS, raw: f.raw.bytesPerS, rawLabel, better: 'lower' }),
      row({ metric: `${f.consoles} consoles: MariaDB CPU per idle console`, unit: 'ms/s', value: f.idle.cpuMsPerS, raw: f.raw.cpuMsPerS, rawLabel, better: 'lower' }),
      row({ metric: `${f.consoles} consoles: pull p95, idle`, unit: 'ms', value: f.pullIdle.p95, raw: f.raw.p95, rawLabel: 'bare SELECT 1 p95', better: 'lower', ...(at200 ? { goals: [{ on: 'abs', op: '<=', value: 1000 }] } : {}) }),
      row({ metric: `${f.consoles} consoles: pull p95, bookings + hold burst`, unit: 'ms', value: f.pullMixed.p95, raw: f.raw.p95, rawLabel: 'bare SELECT 1 p95', better: 'lower', ...(at200 ? { goals: [{ on: 'abs', op: '<=', value: 1000 }] } : {}) }),
      row({ metric: `${f.consoles} consoles: seats oversold in the hold burst`, unit: 'seats', value: f.burst.oversold, raw: null, rawLabel: `${f.burst.ok} held, ${f.burst.soldOut} sold out`, better: 'lower', goals: [{ on: 'abs', op: '==', value: 0 }] }),
    );
  }
  const first = figures[0];
  const last = figures.at(-1);
  if (first && last) {
    const growth = first.idle.cpuMsPerS > 0 ? last.idle.cpuMsPerS / first.idle.cpuMsPerS : Number.NaN;
    const rawGrowth = first.raw.cpuMsPerS > 0 ? last.raw.cpuMsPerS / first.raw.cpuMsPerS : null;
    ctx.params.growthRatio = growth;
    rows.push(row({ metric: `growth: MariaDB CPU per idle console at ${last.consoles} ÷ at ${first.consoles}`, unit: '×', value: growth, raw: rawGrowth, rawLabel: 'bare pollers, same sizes', better: 'lower', goals: [{ on: 'abs', op: '<=', value: 1.5 }] }));
    const qGrowth = first.idle.queriesPerS > 0 ? last.idle.queriesPerS / first.idle.queriesPerS : Number.NaN;
    rows.push(row({ metric: `growth: queries/s per idle console at ${last.consoles} ÷ at ${first.consoles}`, unit: '×', value: qGrowth, raw: first.raw.queriesPerS > 0 ? last.raw.queriesPerS / first.raw.queriesPerS : null, rawLabel: 'bare pollers, same sizes', better: 'lower', goals: [{ on: 'abs', op: '<=', value: 1.5 }] }));
  }
  return rows;
}
