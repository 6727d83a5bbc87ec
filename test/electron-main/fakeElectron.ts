/**
 * A stand-in for the `electron` module (the binary cannot run here). Tests load it with
 * `vi.mock('electron', () => import('./fakeElectron'))`; it records what main asks of Electron
 * and lets a test play the renderer's side (IPC events, navigations, permission requests).
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { vi } from 'vitest';
import type { AutoUpdaterLike } from '../../main/electron-main/updater';

let nextId = 1;

export class FakeFrame {
  detached = false;
  constructor(public url: string, public processId: number, public routingId: number, public parent: FakeFrame | null = null) {}
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame: FakeFrame;
  readonly sent: unknown[][] = [];
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  private destroyed = false;

  constructor(url = 'about:blank') {
    super();
    this.mainFrame = new FakeFrame(url, 100 + this.id, 1);
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** The IPC event Electron would hand `ipcMain.handle` for a message from `frame`. */
  ipcEvent(frame: FakeFrame | null = this.mainFrame) {
    return { sender: this, senderFrame: frame };
  }
  /** Fires `name` like Electron does; returns whether a listener called preventDefault(). */
  navigate(name: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    let prevented = false;
    const event = { url, preventDefault: () => { prevented = true; } };
    this.emit(name, event, url);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.webContents.isDestroyed());
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  show(): void {}
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
}

class FakeApp extends EventEmitter {
  name = 'tripdesk';
  isPackaged = false;
  appPath = process.cwd();
  readonly paths: Record<string, string> = {};
  readonly calls: string[] = [];
  locked = true;
  setName(name: string) {
    this.name = name;
  }
  setPath(name: string, value: string) {
    this.paths[name] = value;
  }
  getPath(name: string): string {
    const p = this.paths[name];
    if (!p) throw new Error(`fake app: no path "${name}" set`);
    return p;
  }
  setAppLogsPath(p?: string) {
    this.paths.logs = p ?? path.join(this.getPath('userData'), 'logs');
  }
  getAppPath() {
    return this.appPath;
  }
  getVersion() {
    return '0.1.0';
  }
  requestSingleInstanceLock = vi.fn(() => {
    this.calls.push('requestSingleInstanceLock');
    return this.locked;
  });
  enableSandbox = vi.fn(() => {
    this.calls.push('enableSandbox');
  });
  whenReady = vi.fn(async () => {
    this.calls.push('whenReady');
  });
  quit = vi.fn();
  relaunch = vi.fn();
}
export const app = new FakeApp();

export const protocol = {
  handlers: new Map<string, (req: Request) => Promise<Response>>(),
  privileged: [] as unknown[],
  registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) => {
    app.calls.push('registerSchemesAsPrivileged');
    protocol.privileged.push(...schemes);
  }),
  handle: vi.fn((scheme: string, handler: (req: Request) => Promise<Response>) => {
    protocol.handlers.set(scheme, handler);
  }),
};

type PermissionRequestHandler = (wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void;
type HeadersHandler = (details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;
export class FakeSession {
  permissionRequest: PermissionRequestHandler | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  devicePermission: ((...args: unknown[]) => boolean) | null = null;
  headersReceived: HeadersHandler | null = null;
  setPermissionRequestHandler(h: PermissionRequestHandler) {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: (...args: unknown[]) => boolean) {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler(h: (...args: unknown[]) => boolean) {
    this.devicePermission = h;
  }
  webRequest = {
    onHeadersReceived: (h: HeadersHandler) => {
      this.headersReceived = h;
    },
  };
}
export const session = { defaultSession: new FakeSession() };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's own listener type
type Handler = (event: any, ...args: any[]) => unknown;
export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(name: string, fn: Handler) {
    if (this.handlers.has(name)) throw new Error(`second handler for ${name}`);
    this.handlers.set(name, fn);
  }
  removeHandler(name: string) {
    this.handlers.delete(name);
  }
  /** What the renderer would get back from `ipcRenderer.invoke(name, ...args)`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- what comes back is whatever the handler sent
  async invoke(name: string, event: unknown, ...args: unknown[]): Promise<any> {
    const fn = this.handlers.get(name);
    if (!fn) throw new Error(`No handler registered for '${name}'`);
    // Electron passes arguments through the structured clone algorithm both ways.
    return structuredClone(await fn(event, ...args.map((a) => structuredClone(a))));
  }
}
export const ipcMain = new FakeIpcMain();

/** Reversible but never plain text: good enough to check that only ciphertext is stored. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable: vi.fn(() => safeStorage.available),
  getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
  encryptString: vi.fn((plain: string) => Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0xa5)])),
  decryptString: vi.fn((enc: Buffer) => {
    if (enc.subarray(0, 3).toString() !== 'v10') throw new Error('not ours');
    return Buffer.from(enc.subarray(3).map((b) => b ^ 0xa5)).toString('utf8');
  }),
};

/** The save dialog: cancelled unless a test says where the user saved. */
export const dialog = { showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })) };

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export class Notification {
  static shown: Array<{ title: string; body: string }> = [];
  static isSupported() {
    return true;
  }
  constructor(private readonly opts: { title: string; body: string }) {}
  show() {
    Notification.shown.push(this.opts);
  }
}

export const contextBridge = { exposeInMainWorld: vi.fn() };

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null }));
}
export const ipcRenderer = new FakeIpcRenderer();

/** electron-updater's autoUpdater, as main's Updater drives it (not part of `electron`; handed to Updater directly). */
export class FakeAutoUpdater extends EventEmitter implements AutoUpdaterLike {
  channel: string | null = null;
  allowPrerelease = false;
  allowDowngrade = true;
  autoDownload = true;
  autoInstallOnAppQuit = false;
  checkForUpdates = vi.fn(async () => null);
  downloadUpdate = vi.fn(async () => []);
  quitAndInstall = vi.fn();
}

export default { app, BrowserWindow, protocol, session, ipcMain, safeStorage, shell, Notification, contextBridge, ipcRenderer };
