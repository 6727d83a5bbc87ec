import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, safeStorage, session, shell } from 'electron';
import type { NodeLogger } from 'electron-log';
import { loadConfig } from '../core/config';
import { startCore, type Core, type CoreOptions, type LogFn } from '../core/host/core';
import type { Probe } from './connectionTest';
import { bindIpc, type CoreHost, type IpcBinding } from './ipc';
import { configureLogging, Redactor } from './logging';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { deviceKeyFromKeychain } from './deviceKeychain';
import { coreEnv, SettingsStore } from './settings';
import { createSettingsService, serverFingerprint } from './settingsService';
import { Updater, type AutoUpdaterLike, type UpdaterDeps } from './updater';
import { createMainWindow } from './window';
import { createDocumentSaver } from './saveDocument';

export interface LaunchOptions {
  /** electron-log's main logger (tests pass electron-log/node). */
  logger: NodeLogger;
  /** electron-updater's `autoUpdater`; null, or an unpackaged app, means no updates. */
  autoUpdater: AutoUpdaterLike | null;
  seedDemo?: CoreOptions['seedDemo'];
  /** Defaults: `preload.cjs` beside the main bundle; `dist/renderer` and `migrations` in the app folder. */
  preloadPath?: string;
  rendererDir?: string;
  migrationsDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Also log to stdout (default: only when not packaged). */
  console?: boolean;
  probes?: { mysql: Probe; mongo: Probe };
  /** Which update checks apply, and where Linux checksums come from (default: this platform, the release feed). */
  updateChecks?: Pick<UpdaterDeps, 'platform' | 'linuxSource'>;
}

/** What a started app holds; tests look inside, main.ts ignores it. */
export interface AppRuntime {
  core(): Core | null;
  coreProblem(): string | null;
  window(): BrowserWindow | null;
  ipc: IpcBinding;
  settings: SettingsStore;
  updater: Updater | null;
  redactor: Redactor;
  log: LogFn;
  logFile: string;
  shutdown(): Promise<void>;
}

const here = typeof __dirname === 'string' ? __dirname : process.cwd();

/**
 * The desktop app: one locked-down window on `app://tripdesk/`, the core in this process, the
 * contract over IPC, settings in the keychain, and signed auto-updates. Resolves to null when
 * another TripDesk already runs (that one gets focused instead).
 */
export async function launch(opts: LaunchOptions): Promise<AppRuntime | null> {
  const env = opts.env ?? process.env;
  app.setName('TripDesk');
  // Pin the folders to the product name: package.json's lowercase `name` must not decide them.
  app.setPath('userData', path.join(app.getPath('appData'), 'TripDesk'));
  app.setAppLogsPath();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerAppScheme(protocol);
  app.enableSandbox();

  const redactor = new Redactor();
  const logging = configureLogging(opts.logger, { logsDir: app.getPath('logs'), redactor, console: opts.console ?? !app.isPackaged });
  const log = logging.log;

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { openExternal: (url) => shell.openExternal(url), log });
  });

  await app.whenReady();
  log('info', `TripDesk ${app.getVersion()} starting (electron ${process.versions.electron ?? '?'}, ${process.platform})`);

  const userData = app.getPath('userData');
  const appRoot = app.getAppPath();
  const rendererDir = opts.rendererDir ?? path.join(appRoot, 'dist', 'renderer');
  const preloadPath = opts.preloadPath ?? path.join(here, 'preload.cjs');
  // Bundled main has no import.meta.url to find migrations by; inside the asar they sit here.
  if (!env.TRIPDESK_MIGRATIONS_DIR) process.env.TRIPDESK_MIGRATIONS_DIR = opts.migrationsDir ?? path.join(appRoot, 'migrations');

  hardenSession(session.defaultSession);
  serveRenderer(protocol, rendererDir);

  const store = new SettingsStore(path.join(userData, 'settings.json'), safeStorage);
  const stored = store.read();
  if (store.readProblem) log('warn', store.readProblem);
  const secrets = store.secrets(stored);
  for (const p of secrets.problems) log('warn', p);
  redactor.remember(secrets.mysqlPassword);
  redactor.remember(secrets.mongoPassword);
  redactor.remember(secrets.smtpPassword ?? null);
  const built = coreEnv(env, stored, secrets, userData);

  let core: Core | null = null;
  let coreProblem: string | null = null;
  try {
    // Neither the first download (central) nor the demo load (standalone) holds the window back:
    // it opens at once and shows their progress.
    const config = loadConfig(built.env);
    // TRIPDESK_DB_KEY, when an operator sets it, wins; otherwise the keychain keeps the key.
    const dbKey = built.env.TRIPDESK_DB_KEY ? undefined : deviceKeyFromKeychain(config.dataDir, safeStorage, log);
    core = await startCore(config, { log, dbKey, seedDemo: opts.seedDemo, syncInBackground: true, demoInBackground: true });
    log('info', `core started in ${core.mode()} mode; data in ${core.dataFile}`);
  } catch (err) {
    coreProblem = redactor.text(`TripDesk could not start its core: ${(err as Error)?.message ?? String(err)}. Check the server settings.`);
    log('error', coreProblem);
  }
  const host: CoreHost = { core: () => core, problem: () => coreProblem };

  let updater: Updater | null = null;
  const dataDir = built.env.TRIPDESK_DATA_DIR ?? userData;
  const settingsService = createSettingsService({
    store,
    host,
    redactor,
    paths: { dataDir, dataFile: core?.dataFile ?? path.join(dataDir, 'tripdesk.sqlite'), logDir: app.getPath('logs') },
    envOverride: built.fromEnv,
    env,
    startedWith: serverFingerprint(stored),
    onUpdateChannel: (channel) => updater?.setChannel(channel),
    relaunch: () => {
      app.relaunch();
      app.quit();
    },
    probes: opts.probes,
  });

  const documents = createDocumentSaver({
    dialog, writeFile: (file, data) => fs.promises.writeFile(file, data), defaultDir: () => app.getPath('downloads'),
    windowOf: (contents) => BrowserWindow.fromWebContents(contents),
  });
  const ipc = bindIpc({ ipcMain, host, settings: settingsService, updates: () => updater, redactor, log, documents });
  const unsubscribe = core?.subscribe((event, payload) => ipc.broadcast(event, payload)) ?? (() => undefined);

  let win: BrowserWindow | null = null;
  const openWindow = () => {
    win = createMainWindow(preloadPath, {
      devTools: !app.isPackaged,
      onLoadError: (err) => log('error', 'the window could not load the renderer', { error: String(err) }),
    });
    ipc.trust(win.webContents);
    win.webContents.on('render-process-gone', (_event, details) => {
      log('error', 'the window\'s renderer process went away', { reason: details.reason, exitCode: details.exitCode });
    });
    win.on('closed', () => {
      win = null;
    });
  };
  openWindow();

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  if (opts.autoUpdater && app.isPackaged) {
    updater = new Updater({
      ...opts.updateChecks,
      autoUpdater: opts.autoUpdater,
      channel: stored.updateChannel,
      log,
      onStatus: (status) => ipc.broadcast('update.status', status),
      onReady: (version) => {
        if (!Notification.isSupported()) return;
        new Notification({
          title: 'TripDesk update ready',
          body: `Version ${version ?? 'new'} installs when you quit TripDesk.`,
        }).show();
      },
    });
    updater.start();
  } else {
    log('info', 'auto-update is off (not a packaged build)');
  }

  let closed = false;
  const shutdown = async () => {
    if (closed) return;
    closed = true;
    updater?.dispose();
    unsubscribe();
    ipc.dispose();
    if (core) await core.close().catch((err: unknown) => log('error', 'closing the core failed', { error: String(err) }));
  };
  app.on('will-quit', (event) => {
    if (closed) return;
    // Let the core flush SQLite and close its pools before the process goes.
    event.preventDefault();
    void shutdown().finally(() => app.quit());
  });

  return {
    core: () => core,
    coreProblem: () => coreProblem,
    window: () => win,
    ipc,
    settings: store,
    updater,
    redactor,
    log,
    logFile: logging.file,
    shutdown,
  };
}
