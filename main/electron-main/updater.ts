import type { LogFn } from '../core/host/core';
import type { UpdateChannel, UpdateStatus } from '../../shared/desktop';

// Each updater event has its own argument types; electron-updater's typed emitter and a plain
// EventEmitter only both fit a listener that takes `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

/**
 * The part of electron-updater's `autoUpdater` we drive. Taking it as a parameter keeps
 * electron-updater (which needs a packaged app) out of the tests.
 */
export interface AutoUpdaterLike {
  channel: string | null;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
}

export interface UpdaterDeps {
  autoUpdater: AutoUpdaterLike;
  channel: UpdateChannel;
  log: LogFn;
  /** Every status change: main pushes it to the renderer as `update.status`. */
  onStatus(status: UpdateStatus): void;
  /** Once a download is ready: tell the operator (a system notification). */
  onReady?(version: string | null): void;
  intervalMs?: number;
  setInterval?: (fn: () => void, ms: number) => TimerHandle;
  clearInterval?: (handle: TimerHandle) => void;
}

/** Whatever `setInterval` returns (a Node Timeout, or a test's stand-in). */
type TimerHandle = object;

export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/**
 * Checks on start and every four hours; a found update downloads at once and installs when the
 * app quits (or now, if the operator asks). Signature checks stay electron-updater's defaults:
 * the Windows publisher name and the macOS code signature must match the running app's.
 */
export class Updater {
  private current: UpdateStatus;
  private timer: TimerHandle | null = null;
  private readonly listeners: Array<[string, Listener]> = [];

  constructor(private readonly deps: UpdaterDeps) {
    this.current = { state: 'idle', channel: deps.channel, version: null, percent: null, message: null };
  }

  status(): UpdateStatus {
    return { ...this.current };
  }

  start(): void {
    const u = this.deps.autoUpdater;
    u.autoDownload = false;
    u.autoInstallOnAppQuit = true;
    this.applyChannel(this.deps.channel);
    this.listen('checking-for-update', () => this.set({ state: 'checking', message: null }));
    this.listen('update-not-available', () => this.set({ state: 'not-available', percent: null }));
    this.listen('update-available', (info: { version?: string } | undefined) => {
      this.set({ state: 'available', version: info?.version ?? null, percent: 0 });
      this.deps.log('info', `update ${info?.version ?? '?'} available on the ${this.current.channel} channel; downloading`);
      this.deps.autoUpdater.downloadUpdate().catch((err: unknown) => this.failed(err));
    });
    this.listen('download-progress', (p: { percent?: number } | undefined) => {
      this.set({ state: 'downloading', percent: typeof p?.percent === 'number' ? Math.round(p.percent) : null });
    });
    this.listen('update-downloaded', (info: { version?: string } | undefined) => {
      const version = info?.version ?? this.current.version;
      this.set({ state: 'downloaded', version, percent: 100, message: 'Installs when TripDesk quits, or restart now.' });
      this.deps.log('info', `update ${version ?? '?'} downloaded; it installs when the app quits`);
      this.deps.onReady?.(version);
    });
    this.listen('error', (err: unknown) => this.failed(err));
    void this.check();
    const every = this.deps.setInterval ?? ((fn: () => void, ms: number): TimerHandle => setInterval(fn, ms));
    this.timer = every(() => void this.check(), this.deps.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
    (this.timer as { unref?: () => unknown }).unref?.();
  }

  /** Never throws: a failed check is logged and shown as the `error` state. */
  async check(): Promise<UpdateStatus> {
    if (this.current.state === 'downloading' || this.current.state === 'downloaded') return this.status();
    try {
      await this.deps.autoUpdater.checkForUpdates();
    } catch (err) {
      this.failed(err);
    }
    return this.status();
  }

  setChannel(channel: UpdateChannel): void {
    this.applyChannel(channel);
    this.set({ channel });
  }

  /** Quits and installs now; false when nothing is downloaded yet. */
  installNow(): boolean {
    if (this.current.state !== 'downloaded') return false;
    this.deps.autoUpdater.quitAndInstall(false, true);
    return true;
  }

  dispose(): void {
    if (this.timer) {
      if (this.deps.clearInterval) this.deps.clearInterval(this.timer);
      else clearInterval(this.timer as NodeJS.Timeout);
    }
    this.timer = null;
    for (const [event, fn] of this.listeners) this.deps.autoUpdater.removeListener(event, fn);
    this.listeners.length = 0;
  }

  private applyChannel(channel: UpdateChannel): void {
    const u = this.deps.autoUpdater;
    // 'latest' is electron-builder's name for the stable feed (latest.yml).
    u.channel = channel === 'beta' ? 'beta' : 'latest';
    u.allowPrerelease = channel === 'beta';
    // Setting `channel` turns downgrades on; a signed older build is still a rollback, so a
    // beta tester who switches back to stable keeps the beta until stable overtakes it.
    u.allowDowngrade = false;
  }

  private listen(event: string, fn: Listener): void {
    this.deps.autoUpdater.on(event, fn);
    this.listeners.push([event, fn]);
  }

  private failed(err: unknown): void {
    const message = (err as Error)?.message ?? String(err);
    this.deps.log('warn', 'update check or download failed; will try again later', { error: message });
    this.set({ state: 'error', message: 'Could not check for updates; TripDesk will try again later.' });
  }

  private set(patch: Partial<UpdateStatus>): void {
    this.current = { ...this.current, ...patch };
    this.deps.onStatus(this.status());
  }
}
