/**
 * 7. Main-process memory: a fresh Node process opens the bench-scale SQLite (≥ 1M flights; quick:
 * the 100k one) through startCore (standalone), signs in, runs a mix of searches and reports its
 * RSS. Raw limit: a fresh Node process running the same searches with better-sqlite3 alone.
 * Both probes are bundled with esbuild the way scripts/build-main.mjs bundles the app's main
 * process (CJS, native and driver packages left in node_modules) and run under plain Node, so
 * neither pays for a TypeScript loader.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { BENCH_DIR, ROOT, type SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { copySeedDb, ensureSeedDb } from '../lib/seedDb';
import { searchScale } from './search';
import type { Memory } from '../probes/searchMix';

interface ProbeOut { before: Memory; afterOpen: Memory; after: Memory; searches: number }

/** As scripts/build-main.mjs: native and driver packages stay in node_modules. */
const EXTERNALS = ['electron', 'better-sqlite3-multiple-ciphers', 'mongodb', 'mysql2', 'mysql2/*', 'bufferutil', 'utf-8-validate'];

async function bundleProbes(outdir: string): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: { rssCore: path.join(BENCH_DIR, 'probes', 'rssCore.ts'), rssRaw: path.join(BENCH_DIR, 'probes', 'rssRaw.ts') },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNALS,
    define: { 'import.meta.url': '__probeModuleUrl' },
    banner: { js: "'use strict';\nconst __probeModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
  });
}

function runProbe(bundle: string, dir: string, timeoutMs: number): Promise<ProbeOut> {
  const script = path.basename(bundle);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env, NODE_OPTIONS: '',
        // The bundle lives in a temp dir: find the external packages and the migrations here.
        NODE_PATH: path.join(ROOT, 'node_modules'), TRIPDESK_MIGRATIONS_DIR: path.join(ROOT, 'migrations'),
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) {
        reject(new Error(`${script} exited with ${code ?? signal}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
        return;
      }
      try {
        resolve(JSON.parse(last) as ProbeOut);
      } catch {
        reject(new Error(`${script}: no JSON on stdout (${last.slice(0, 200)})`));
      }
    });
  });
}

export async function benchRss(ctx: SectionCtx): Promise<Row[]> {
  const scale = searchScale(ctx.opts.quick);
  const seedDb = await ensureSeedDb(scale, ctx.say);
  const dir = ctx.tmpDir('td-bench-rss-');
  copySeedDb(seedDb, dir);
  ctx.params.scale = scale;
  ctx.params.flights = seedDb.flights;
  ctx.params.dbMB = Math.round(seedDb.bytes / 1e6);

  const out = ctx.tmpDir('td-bench-probes-');
  await bundleProbes(out);
  const timeout = ctx.opts.quick ? 45_000 : 180_000;
  // Raw first, then the core, then raw again (the OS page cache is warm for both core and raw #2).
  const raw1 = await runProbe(path.join(out, 'rssRaw.cjs'), dir, timeout);
  const core = await runProbe(path.join(out, 'rssCore.cjs'), dir, timeout);
  const raw2 = await runProbe(path.join(out, 'rssRaw.cjs'), dir, timeout);
  const raw = raw1.after.rssMB <= raw2.after.rssMB ? raw1 : raw2;
  ctx.params.core = core;
  ctx.params.raw = raw;
  ctx.notes.push(`RSS of a fresh Node process running the esbuild bundle: core ${core.before.rssMB} MB before startCore, ${core.afterOpen.rssMB} MB after start + sign-in, ${core.after.rssMB} MB after ${core.searches.toLocaleString('en-US')} rows of searches (heap ${core.after.heapUsedMB} MB)`);
  return [
    row({ metric: `RSS after searches, ${seedDb.flights.toLocaleString('en-US')} flights cached`, unit: 'MB', value: core.after.rssMB, raw: raw.after.rssMB, rawLabel: 'better-sqlite3 alone', better: 'lower', goals: [{ on: 'abs', op: '<=', value: 300 }] }),
    row({ metric: 'peak RSS (VmHWM)', unit: 'MB', value: core.after.peakRssMB, raw: raw.after.peakRssMB, rawLabel: 'better-sqlite3 alone', better: 'lower', goals: [{ on: 'abs', op: '<=', value: 300 }] }),
  ];
}
