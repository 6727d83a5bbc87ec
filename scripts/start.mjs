#!/usr/bin/env node
// `npm start`: build the renderer and the main bundles, then open the desktop app — or, where
// Electron cannot run (no binary, no display), the same core behind the web bridge.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`npm start: \`${[cmd, ...args].join(' ')}\` failed`);
    process.exit(r.status ?? 1);
  }
}

/**
 * The Electron binary, without `require('electron')`: that call tries to download the binary
 * when it is missing, which must not happen here.
 */
export function electronBinary(dir = path.join(root, 'node_modules', 'electron')) {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(dir, 'path.txt');
  const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const bin = path.join(override, rel || 'electron');
    return fs.existsSync(bin) ? bin : null;
  }
  if (!rel) return null;
  const bin = path.join(dir, 'dist', rel);
  return fs.existsSync(bin) ? bin : null;
}

/**
 * Why Electron cannot be started here, or null when it can: the one line `npm start` prints
 * before it falls back to the server, naming what to change.
 */
export function whyNoElectron(env = process.env, platform = process.platform, bin = electronBinary(), dir = path.join(root, 'node_modules', 'electron')) {
  if (!bin) {
    if (env.ELECTRON_OVERRIDE_DIST_PATH) {
      return `the Electron binary is not installed where ELECTRON_OVERRIDE_DIST_PATH points (${env.ELECTRON_OVERRIDE_DIST_PATH})`;
    }
    if (!fs.existsSync(path.join(dir, 'package.json'))) {
      return 'the electron package is not installed (node_modules/electron missing); run npm ci';
    }
    if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
      return 'the Electron binary is not installed: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so npm ci skipped its download';
    }
    return 'the Electron binary is not installed (node_modules/electron/dist missing: its download failed); '
      + 'run npm ci again, without ELECTRON_SKIP_BINARY_DOWNLOAD';
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  return null;
}

function main() {
  if (fs.existsSync(path.join(root, 'vite.config.ts'))) run(npx, ['vite', 'build']);
  else console.log('npm start: vite.config.ts does not exist yet; skipping the renderer build');
  run(process.execPath, [path.join(root, 'scripts', 'build-main.mjs')]);

  const reason = whyNoElectron();
  let child;
  if (reason === null) {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    child = spawn(electronBinary(), ['.'], { cwd: root, stdio: 'inherit', env });
  } else {
    console.log(`npm start: ${reason} — starting the headless server instead`);
    child = spawn(npx, ['tsx', 'main/bridge/serve.ts'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  }
  // Ctrl+C reaches the child from the terminal already; wait for it to stop instead of dying first.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
