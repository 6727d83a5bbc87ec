import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './coreFixture';

const root = path.resolve(__dirname, '..', '..');

/**
 * Stands in for Electron when the CommonJS bundle runs under plain Node: `electron` becomes a
 * small fake, electron-log/main becomes electron-log/node, electron-updater a no-op.
 */
const ELECTRON_HOOK = String.raw`
const Module = require('module');
const path = require('path');
const { EventEmitter } = require('events');
const paths = { appData: process.env.SMOKE_APPDATA };
const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  setName() {}, setPath(k, v) { paths[k] = v; }, getPath(k) { return paths[k]; },
  setAppLogsPath() { paths.logs = path.join(paths.userData, 'logs'); },
  requestSingleInstanceLock: () => true, enableSandbox() {}, whenReady: async () => {},
  getAppPath: () => process.env.SMOKE_APP_PATH, getVersion: () => '0.0.0-smoke', quit() {}, relaunch() {},
});
class WebContents extends EventEmitter {
  constructor() { super(); this.id = 1; this.mainFrame = { url: '', processId: 1, routingId: 1 }; }
  setWindowOpenHandler() {} send() {} isDestroyed() { return false; } getURL() { return this.mainFrame.url; }
}
class BrowserWindow extends EventEmitter {
  constructor(o) { super(); this.webContents = new WebContents(); app.emit('web-contents-created', {}, this.webContents);
    console.log('SMOKE preload ' + o.webPreferences.preload); }
  loadURL(u) { this.webContents.mainFrame.url = u; console.log('SMOKE load ' + u); console.log('SMOKE ipc ' + handlers.join(',')); return Promise.resolve(); }
  static getAllWindows() { return []; } show() {}
}
const handlers = [];
const fake = {
  app, BrowserWindow,
  ipcMain: { handle(n) { handlers.push(n); }, removeHandler() {} },
  protocol: { registerSchemesAsPrivileged() {}, handle(s) { console.log('SMOKE protocol ' + s); } },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {}, webRequest: { onHeadersReceived() {} } } },
  safeStorage: { isEncryptionAvailable: () => false, encryptString() { throw new Error('no'); }, decryptString() { throw new Error('no'); } },
  shell: { openExternal() {} },
  Notification: class { static isSupported() { return false; } },
};
// Electron's event loop keeps the process alive; here an interval does.
setInterval(() => {}, 1000);
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'electron') return fake;
  if (request === 'electron-log/main') return load.call(this, 'electron-log/node', parent, isMain);
  if (request === 'electron-updater') return { autoUpdater: {} };
  return load.apply(this, arguments);
};
`;

describe('the bundled main process (dist/main/main.cjs)', () => {
  const out = tempDir('bundle');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-main.mjs'), '--outdir', out], { cwd: root, encoding: 'utf8' });

  it('builds main.cjs and preload.cjs as CommonJS', () => {
    expect(build.status, build.stderr).toBe(0);
    const main = fs.readFileSync(path.join(out, 'main.cjs'), 'utf8');
    expect(main.startsWith("'use strict';")).toBe(true);
    expect(main).not.toMatch(/\bimport\.meta\b/);
    expect(main).not.toMatch(/^\s*import\s/m);
  });

  it('keeps native and runtime-loading packages external', () => {
    const main = fs.readFileSync(path.join(out, 'main.cjs'), 'utf8');
    for (const dep of ['electron', 'better-sqlite3-multiple-ciphers', 'mongodb', 'mysql2/promise', 'electron-log/main', 'electron-updater']) {
      expect(main, dep).toContain(`require("${dep}")`);
    }
    // zod and uuid are ESM-only or ESM-first: bundled, not required
    expect(main).not.toContain('require("zod")');
    expect(main).not.toContain('require("uuid")');
  });

  it('gives the sandboxed preload nothing to require but electron', () => {
    const preload = fs.readFileSync(path.join(out, 'preload.cjs'), 'utf8');
    const requires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
  });

  it('starts under a stand-in Electron: finds its migrations, opens SQLite, loads app://tripdesk', async () => {
    const hook = path.join(out, 'electron-hook.cjs');
    fs.writeFileSync(hook, ELECTRON_HOOK);
    const appData = tempDir('bundle-appdata');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_PATH: path.join(root, 'node_modules'),
      SMOKE_APPDATA: appData,
      SMOKE_APP_PATH: root,
      TRIPDESK_DEMO_DATA: '0',
    };
    delete env.TRIPDESK_MIGRATIONS_DIR;
    delete env.TRIPDESK_DATA_DIR;
    delete env.TRIPDESK_MYSQL_URL;
    delete env.TRIPDESK_MONGO_URL;
    const child = spawn(process.execPath, ['-r', hook, path.join(out, 'main.cjs')], { cwd: out, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out; output so far:\n${output}`)), 30_000);
        const check = () => {
          if (output.includes('SMOKE ipc ')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', check);
        child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code}:\n${output}`)); });
      });
    } finally {
      child.kill('SIGKILL');
    }
    expect(output).toContain('core started in standalone mode');
    expect(output).toContain(`SMOKE preload ${path.join(out, 'preload.cjs')}`);
    expect(output).toContain('SMOKE protocol app');
    expect(output).toContain('SMOKE load app://tripdesk/index.html');
    expect(output).toMatch(/SMOKE ipc .*tripdesk:invoke/);
    expect(fs.existsSync(path.join(appData, 'TripDesk', 'tripdesk.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(appData, 'TripDesk', 'logs', 'main.log'))).toBe(true);
  });
});
