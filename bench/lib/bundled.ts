/**
 * Bench probes run as the app ships: bundled with esbuild the way scripts/build-main.mjs bundles
 * the main process (CJS, native and driver packages left in node_modules), then run under plain
 * Node in a child process. tsx's on-the-fly transform is not what ships: it adds a function-name
 * helper to every function it creates (keepNames), which allocates on every closure made.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './env';

/** As scripts/build-main.mjs: native and driver packages stay in node_modules. */
export const PROBE_EXTERNALS = ['electron', 'better-sqlite3-multiple-ciphers', 'mongodb', 'mysql2', 'mysql2/*', 'bufferutil', 'utf-8-validate', 'pdfkit', 'playwright-core'];

/** Bundles each entry (name → source file) into `outdir` as `<name>.cjs`. */
export async function bundleProbes(outdir: string, entryPoints: Record<string, string>): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: PROBE_EXTERNALS,
    define: { 'import.meta.url': '__probeModuleUrl' },
    banner: { js: "'use strict';\nconst __probeModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
  });
}

/**
 * Runs a bundled probe under plain Node and parses the JSON of its last stdout line. Its stderr
 * lines go to `say` (progress), the last few into the error if it fails.
 */
export function runBundled<T>(bundle: string, args: string[], timeoutMs: number, say?: (line: string) => void): Promise<T> {
  const script = path.basename(bundle);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
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
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      if (say) for (const line of c.toString().split('\n')) if (line.trim()) say(line.trim());
    });
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
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script}: no JSON on stdout (${last.slice(0, 200)})`));
      }
    });
  });
}
