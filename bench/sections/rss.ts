/**
 * 7. Main-process memory: a fresh Node process opens the bench-scale SQLite (≥ 1M flights; quick:
 * the 100k one) through startCore (standalone), signs in, runs a mix of searches and reports its
 * RSS. Raw limit: a fresh Node process running the same searches with better-sqlite3 alone.
 * Both probes are bundled with esbuild the way scripts/build-main.mjs bundles the app's main
 * process (CJS, native and driver packages left in node_modules) and run under plain Node, so
 * neither pays for a TypeScript loader.
 */
import path from 'node:path';
import { bundleProbes, runBundled } from '../lib/bundled';
import { BENCH_DIR, type SectionCtx } from '../lib/env';
import { row, type Row } from '../lib/report';
import { copySeedDb, ensureSeedDb } from '../lib/seedDb';
import { searchScale } from './search';
import type { Memory } from '../probes/searchMix';

interface ProbeOut { before: Memory; afterOpen: Memory; after: Memory; searches: number }

export async function benchRss(ctx: SectionCtx): Promise<Row[]> {
  const scale = searchScale(ctx.opts.quick);
  const seedDb = await ensureSeedDb(scale, ctx.say);
  const dir = ctx.tmpDir('td-bench-rss-');
  copySeedDb(seedDb, dir);
  ctx.params.scale = scale;
  ctx.params.flights = seedDb.flights;
  ctx.params.dbMB = Math.round(seedDb.bytes / 1e6);

  const out = ctx.tmpDir('td-bench-probes-');
  await bundleProbes(out, { rssCore: path.join(BENCH_DIR, 'probes', 'rssCore.ts'), rssRaw: path.join(BENCH_DIR, 'probes', 'rssRaw.ts') });
  const runProbe = (bundle: string, data: string, ms: number) => runBundled<ProbeOut>(bundle, [data], ms);
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
