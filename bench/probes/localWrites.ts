/**
 * Child process for bench section 1: runs the local-writes measurement (bench/sections/local.ts)
 * on the core as the app ships it. bench/sections/localShipped.ts bundles this file with esbuild the
 * way scripts/build-main.mjs bundles the main process and runs it under plain Node; it prints
 * the section's rows, parameters and notes as one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SectionCtx } from '../lib/env';
import { measureLocalWrites } from '../sections/local';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const dirs: string[] = [];
  const deferred: Array<() => Promise<unknown> | unknown> = [];
  const ctx: SectionCtx = {
    opts: { quick },
    say: (msg) => console.error(msg),
    tmpDir: (prefix) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    defer: (fn) => { deferred.push(fn); },
    servers: () => Promise.reject(new Error('the local-writes section needs no servers')),
    params: {},
    notes: [],
  };
  try {
    const rows = await measureLocalWrites(ctx);
    console.log(JSON.stringify({ rows, params: ctx.params, notes: ctx.notes }));
  } finally {
    for (const fn of deferred.reverse()) await fn();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
