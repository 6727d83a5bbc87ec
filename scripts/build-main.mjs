#!/usr/bin/env node
// Bundles the Electron main process and the preload with esbuild:
//   main/electron-main/main.ts    → dist/main/main.cjs     (package.json "main")
//   main/electron-sandbox/preload.ts → dist/main/preload.cjs  (sandboxed preloads cannot load ESM or Node)
// Usage: node scripts/build-main.mjs [--outdir DIR]
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Left to node_modules rather than bundled: `electron` is the runtime itself; better-sqlite3 is
 * native (rebuilt for Electron's ABI by electron-builder and unpacked from the asar);
 * mongodb and mysql2 load optional add-ons (kerberos, snappy, zstd…) at run time;
 * electron-log and electron-updater read their own files. Pure-JS ESM deps (zod, uuid, ws) are
 * bundled, which spares a CJS bundle from `require()`-ing ESM-only packages.
 */
export const MAIN_EXTERNALS = [
  'electron',
  'better-sqlite3-multiple-ciphers',
  'mongodb',
  'mysql2',
  'mysql2/*',
  'electron-log',
  'electron-log/*',
  'electron-updater',
  // reads its font metrics and colour profiles from its own data/ folder at run time
  'pdfkit',
  // optional speed-ups `ws` tries inside try/catch
  'bufferutil',
  'utf-8-validate',
];

export async function buildMain({ outdir = path.join(root, 'dist', 'main'), quiet = false } = {}) {
  const logLevel = quiet ? 'error' : 'warning';
  // Both bundles: CommonJS files beside each other, named .cjs (the package is "type": "module").
  const common = { absWorkingDir: root, outdir, outExtension: { '.js': '.cjs' }, bundle: true, format: 'cjs', logLevel };
  await build({
    ...common,
    entryPoints: { main: path.join(root, 'main/electron-main/main.ts') },
    platform: 'node',
    target: 'node22',
    sourcemap: true,
    external: MAIN_EXTERNALS,
    // CJS has no import.meta; the core uses import.meta.url only to find migrations/, which main
    // points at with TRIPDESK_MIGRATIONS_DIR, but it must still evaluate to a real file URL.
    define: { 'import.meta.url': '__tripdeskModuleUrl' },
    banner: { js: "'use strict';\nconst __tripdeskModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  await build({
    ...common,
    entryPoints: { preload: path.join(root, 'main/electron-sandbox/preload.ts') },
    // 'browser': a Node built-in reaching the preload fails the build instead of the sandbox.
    platform: 'browser',
    target: 'chrome140',
    sourcemap: 'inline',
    external: ['electron'],
  });
  return { main: path.join(outdir, 'main.cjs'), preload: path.join(outdir, 'preload.cjs') };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--outdir');
  const outdir = i > 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : undefined;
  buildMain({ outdir }).then(
    (out) => console.log(`built ${path.relative(root, out.main)} and ${path.relative(root, out.preload)}`),
    (err) => {
      console.error(`build-main failed: ${err?.message ?? err}`);
      process.exit(1);
    },
  );
}
