/**
 * Section 1 as it runs: the local-writes measurement (local.ts) in a fresh Node process running
 * the esbuild bundle of bench/probes/localWrites.ts, so the core measured is the code the app
 * ships, not tsx's transform of it (bench/lib/bundled.ts says what differs).
 */
import path from 'node:path';
import { bundleProbes, runBundled } from '../lib/bundled';
import { BENCH_DIR, type SectionCtx } from '../lib/env';
import type { Row } from '../lib/report';

export async function benchLocal(ctx: SectionCtx): Promise<Row[]> {
  const out = ctx.tmpDir('td-bench-local-probe-');
  await bundleProbes(out, { localWrites: path.join(BENCH_DIR, 'probes', 'localWrites.ts') });
  const res = await runBundled<{ rows: Row[]; params: Record<string, unknown>; notes: string[] }>(
    path.join(out, 'localWrites.cjs'), ctx.opts.quick ? ['--quick'] : [], ctx.opts.quick ? 55_000 : 290_000, ctx.say);
  Object.assign(ctx.params, res.params, { runs: 'esbuild bundle (as scripts/build-main.mjs), plain Node' });
  ctx.notes.push(...res.notes, 'measured on the core as it ships: an esbuild bundle under plain Node (tsx, which runs the rest of the bench, adds a name helper to every function it creates)');
  return res.rows;
}
