import fs from 'node:fs';
import path from 'node:path';
import nodeLog from 'electron-log/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appContentSecurityPolicy } from '../../main/electron-main/csp';
import { IPC, SESSION_HELD_BY_MAIN } from '../../shared/ipcChannels';
import { launch, type AppRuntime } from '../../main/electron-main/launch';
import { addOperators, filesUnder, PASSWORD, tempDir } from './coreFixture';
import { app, BrowserWindow, FakeAutoUpdater, ipcMain, Notification, protocol, safeStorage, session, shell } from './fakeElectron';
import { KEYCHAIN_KEY_FILE } from '../../main/electron-main/deviceKeychain';
import { DEVICE_KEY_FILE, openDeviceDatabase } from '../../main/core/engine/sqlite/deviceDatabase';

vi.mock('electron', () => import('./fakeElectron'));

const root = path.resolve(__dirname, '..', '..');
const DB_SECRET = 'Db-Pa55word-for-central!';

function rendererDir(): string {
  const dir = path.join(tempDir('renderer'), 'renderer');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>TripDesk</title>');
  return dir;
}

describe('the desktop app, started with Electron mocked', () => {
  const appData = tempDir('appdata');
  const renderer = rendererDir();
  let runtime: AppRuntime;
  const updater = new FakeAutoUpdater();

  const start = async (extra: Partial<Parameters<typeof launch>[0]> = {}) => {
    const r = await launch({
      logger: nodeLog.create({ logId: `launch-${Date.now()}-${Math.random()}` }),
      autoUpdater: updater,
      rendererDir: renderer,
      preloadPath: path.join(root, 'dist', 'main', 'preload.cjs'),
      env: { TRIPDESK_DEMO_DATA: '0' },
      console: false,
      ...extra,
    });
    if (!r) throw new Error('launch returned null');
    return r;
  };
  const win = () => BrowserWindow.instances.at(-1) as BrowserWindow;
  const invoke = (name: string, ...args: unknown[]) => ipcMain.invoke(name, win().webContents.ipcEvent(), ...args);

  beforeAll(async () => {
    app.paths.appData = appData;
    app.appPath = root;
    runtime = await start();
  });
  afterAll(async () => {
    await runtime.shutdown();
  });

  it('takes the single-instance lock and privileges app:// before the app is ready', () => {
    expect(app.calls.slice(0, 4)).toEqual(['requestSingleInstanceLock', 'registerSchemesAsPrivileged', 'enableSandbox', 'whenReady']);
    expect(protocol.privileged).toContainEqual(expect.objectContaining({ scheme: 'app' }));
    expect(app.getPath('userData')).toBe(path.join(appData, 'TripDesk'));
  });

  it('opens one locked-down window on app://tripdesk with the preload', () => {
    expect(BrowserWindow.instances).toHaveLength(1);
    expect(win().loadedUrl).toBe('app://tripdesk/index.html');
    expect(win().options.webPreferences).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true,
      allowRunningInsecureContent: false, preload: path.join(root, 'dist', 'main', 'preload.cjs'),
    });
  });

  it('serves the renderer over app:// with the CSP header', async () => {
    const handler = protocol.handlers.get('app');
    const res = await handler?.(new Request('app://tripdesk/index.html'));
    expect(res?.status).toBe(200);
    expect(res?.headers.get('content-security-policy')).toBe(appContentSecurityPolicy());
    expect(session.defaultSession.headersReceived).not.toBeNull();
  });

  it('hardens every webContents and the session', () => {
    expect(win().webContents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://evil.example/');
    expect(win().webContents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    const cb = vi.fn();
    session.defaultSession.permissionRequest?.(win().webContents, 'media', cb, {});
    expect(cb).toHaveBeenCalledWith(false);
  });

  it('runs the core in this process and serves the contract over IPC, role-checked', async () => {
    const core = runtime.core();
    expect(core?.mode()).toBe('standalone');
    expect(core?.dataFile).toBe(path.join(appData, 'TripDesk', 'tripdesk.sqlite'));
    await addOperators(core!);
    const login = await invoke(IPC.invoke, 'auth.login', { email: 'agent@tripdesk.test', password: PASSWORD });
    expect(login).toMatchObject({ ok: true, value: { sessionToken: SESSION_HELD_BY_MAIN } });
    expect(await invoke(IPC.invoke, 'operators.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const evil = { sender: win().webContents, senderFrame: { url: 'https://evil.example', processId: win().webContents.mainFrame.processId, routingId: 1 } };
    expect(await ipcMain.invoke(IPC.invoke, evil, 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('keeps database passwords only encrypted: in no file under userData, not in the log', async () => {
    // The server settings are an admin's (the agent signed in above is refused).
    expect(await invoke(IPC.settingsSet, { mysqlUrl: '' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(IPC.invoke, 'auth.login', { email: 'admin@tripdesk.test', password: PASSWORD })).toMatchObject({ ok: true });
    const saved = await invoke(IPC.settingsSet, {
      mysqlUrl: 'mysql://tripdesk@db.example:3306/tripdesk', mysqlPassword: DB_SECRET,
      mongoUrl: `mongodb://tripdesk:${encodeURIComponent(DB_SECRET)}@docs.example:27017/tripdesk`,
      updateChannel: 'beta',
    });
    expect(saved).toMatchObject({ ok: true, value: { hasMysqlPassword: true, hasMongoPassword: true, restartRequired: true, updateChannel: 'beta' } });
    expect(JSON.stringify(saved)).not.toContain(DB_SECRET);
    const got = await invoke(IPC.settingsGet);
    expect(got.value).toMatchObject({ mysqlUrl: 'mysql://tripdesk@db.example:3306/tripdesk', mongoUrl: 'mongodb://tripdesk@docs.example:27017/tripdesk', encryptionAvailable: true });
    runtime.log('info', `would connect to mysql://tripdesk:${DB_SECRET}@db.example:3306/tripdesk`);
    runtime.log('warn', `retrying with ${DB_SECRET}`);
    const userData = app.getPath('userData');
    const files = filesUnder(userData);
    expect(files).toContain(runtime.logFile);
    expect(files).toContain(path.join(userData, 'settings.json'));
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(DB_SECRET), file).toBe(false);
      expect(bytes.includes(encodeURIComponent(DB_SECRET)), file).toBe(false);
    }
    expect(fs.readFileSync(runtime.logFile, 'utf8')).toContain('would connect to mysql://tripdesk:[redacted]@db.example');
  });

  it("keeps the local database's key in the keychain only: no key file, and the database unreadable without it", async () => {
    const dataDir = path.dirname(runtime.core()!.dataFile);
    const sealed = path.join(dataDir, KEYCHAIN_KEY_FILE);
    expect(fs.existsSync(sealed)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, DEVICE_KEY_FILE))).toBe(false);
    const key = safeStorage.decryptString(Buffer.from(fs.readFileSync(sealed, 'utf8'), 'base64'));
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(sealed, 'utf8')).not.toContain(key);
    expect(() => openDeviceDatabase(dataDir, 'not-the-keychain-key-000000000000', { readonly: true })).toThrow(/cannot be opened with this console's key/);
    const db = openDeviceDatabase(dataDir, key, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM admins').get()).toMatchObject({ n: expect.any(Number) });
    db.close();
  });

  it('leaves updates off in an unpackaged build', async () => {
    expect(runtime.updater).toBeNull();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(await invoke(IPC.updateStatus)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('restart relaunches the app', async () => {
    expect(await invoke(IPC.settingsRestart)).toEqual({ ok: true, value: { restarting: true } });
    expect(app.relaunch).toHaveBeenCalled();
    expect(app.quit).toHaveBeenCalled();
  });

  it('closes the core before quitting', async () => {
    app.quit.mockClear();
    const core = runtime.core()!;
    const close = vi.spyOn(core, 'close');
    let prevented = false;
    app.emit('will-quit', { preventDefault: () => { prevented = true; } });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(close).toHaveBeenCalledTimes(1);
    app.removeAllListeners();
  });

  it('a packaged build checks for updates on its saved channel and tells the operator when one is ready', async () => {
    app.isPackaged = true;
    // The Windows path: on Linux the download must first pass the signed-checksum check (updater.test.ts).
    const packaged = await start({ updateChecks: { platform: 'win32' } });
    try {
      expect(packaged.updater).not.toBeNull();
      expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
      expect(updater).toMatchObject({ channel: 'beta', allowPrerelease: true, autoInstallOnAppQuit: true });
      expect(win().options.webPreferences.devTools).toBe(false);
      updater.emit('update-available', { version: '0.2.0-beta.1' });
      expect(updater.downloadUpdate).toHaveBeenCalled();
      updater.emit('update-downloaded', { version: '0.2.0-beta.1' });
      expect(Notification.shown.at(-1)?.body).toMatch(/0\.2\.0-beta\.1 installs when you quit/);
      expect(win().webContents.sent).toContainEqual([IPC.event, 'update.status', expect.objectContaining({ state: 'downloaded' })]);
      expect(await invoke(IPC.updateInstall)).toEqual({ ok: true, value: { installing: true } });
      expect(updater.quitAndInstall).toHaveBeenCalled();
    } finally {
      await packaged.shutdown();
      app.isPackaged = false;
    }
  });

  it('a second instance quits and focuses the first', async () => {
    app.locked = false;
    app.quit.mockClear();
    expect(await launch({ logger: nodeLog.create({ logId: 'second' }), autoUpdater: null })).toBeNull();
    expect(app.quit).toHaveBeenCalled();
    app.locked = true;
  });
});
