import { createHash, createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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

/** A release's checksum file and its detached signature, as published beside the Linux packages. */
export interface SignedSums {
  /** `SHA256SUMS-Linux.txt`: `<sha256 hex>  <file name>` lines. */
  sums: Buffer;
  /** `SHA256SUMS-Linux.txt.sig`: the raw 64-byte Ed25519 signature of `sums`. */
  signature: Buffer;
}

/** Where a Linux update's signed checksums and the key that must have signed them come from. */
export interface LinuxUpdateSource {
  /** The release's signed checksums for `version`; throws when they cannot be had. */
  fetchSums(version: string): Promise<SignedSums>;
  /** The Ed25519 public key (PEM) shipped in this build; null when the build carries none. */
  publicKey(): Promise<string | null>;
}

/** The checksum file and its signature, published on every release (see .github/workflows/release.yml). */
export const LINUX_SUMS_FILE = 'SHA256SUMS-Linux.txt';
export const LINUX_SUMS_SIGNATURE_FILE = `${LINUX_SUMS_FILE}.sig`;
/** The update-signing public key, shipped in the Linux build's resources (electron-builder.yml). */
export const UPDATE_SIGNING_KEY_FILE = 'update-signing-key.pem';

export interface UpdaterDeps {
  autoUpdater: AutoUpdaterLike;
  /** Which checks apply (default: this process's platform). */
  platform?: NodeJS.Platform;
  /** Linux only: the signed checksums and the shipped key (default: from the app's resources). */
  linuxSource?: LinuxUpdateSource;
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

/** Why a Linux update was refused; the message is the operator's. */
export class UpdateVerificationError extends Error {
  override name = 'UpdateVerificationError';
}

const MAX_SUMS_BYTES = 1024 * 1024;

/**
 * Checks on start and every four hours; a found update downloads at once and installs when the
 * app quits (or now, if the operator asks).
 *
 * Signature checks, failing closed on each system:
 * - Windows: electron-updater checks the update's Authenticode signature against the publisher
 *   name electron-builder wrote into app-update.yml (`win.signtoolOptions.publisherName`).
 * - macOS: Squirrel.Mac checks the update's code signature against the running app's.
 * - Linux: nothing signs an AppImage, deb or rpm, and latest-linux.yml's SHA-512 comes from the
 *   same server as the file. So a downloaded update counts as downloaded only once its SHA-256 is
 *   in the release's SHA256SUMS-Linux.txt and that file's Ed25519 signature verifies with the key
 *   shipped in this build; until then it is neither installed on quit nor by Restart now.
 */
export class Updater {
  private current: UpdateStatus;
  private timer: TimerHandle | null = null;
  private readonly listeners: Array<[string, Listener]> = [];
  private readonly platform: NodeJS.Platform;
  /** Linux: the downloaded file whose signed checksum verified; nothing else may be installed. */
  private verifiedFile: string | null = null;
  /** Bumped on each download, so a slow verification of an older one cannot unlock a newer one. */
  private downloads = 0;

  constructor(private readonly deps: UpdaterDeps) {
    this.current = { state: 'idle', channel: deps.channel, version: null, percent: null, message: null };
    this.platform = deps.platform ?? process.platform;
  }

  private get checksLinuxSums(): boolean {
    return this.platform === 'linux';
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
    this.listen('update-downloaded', (info: { version?: string; downloadedFile?: string } | undefined) => {
      const version = info?.version ?? this.current.version;
      if (!this.checksLinuxSums) {
        this.ready(version);
        return;
      }
      this.verifiedFile = null;
      const download = ++this.downloads;
      // electron-updater adds its install-on-quit handler right after this event, and only while
      // autoInstallOnAppQuit is on; the handler reads the flag again at quit. So the flag stays on
      // until that handler exists and goes off in the same tick (no quit can come in between),
      // and back on only once the download verified.
      queueMicrotask(() => {
        if (this.verifiedFile === null) u.autoInstallOnAppQuit = false;
      });
      this.set({ state: 'downloading', version, percent: 100, message: 'Checking the download against the signed checksums…' });
      void this.verifyLinux(info?.downloadedFile, version).then(
        (file) => {
          if (download !== this.downloads) return;
          this.verifiedFile = file;
          u.autoInstallOnAppQuit = true;
          this.deps.log('info', `update ${version ?? '?'} matches the signed ${LINUX_SUMS_FILE}`);
          this.ready(version);
        },
        (err: unknown) => {
          if (download !== this.downloads) return;
          this.verifiedFile = null;
          u.autoInstallOnAppQuit = false;
          const reason = err instanceof UpdateVerificationError ? err.message : `could not check it (${(err as Error)?.message ?? String(err)})`;
          this.deps.log('error', `update ${version ?? '?'} NOT installed: ${reason}`, { file: info?.downloadedFile ?? null });
          this.set({
            state: 'error',
            percent: null,
            message: `The downloaded update ${version ?? ''} could not be verified, so it will not be installed: ${reason}`.replace(/\s+/g, ' '),
          });
        },
      );
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

  /** Quits and installs now; false when nothing is downloaded (and, on Linux, verified) yet. */
  installNow(): boolean {
    if (this.current.state !== 'downloaded') return false;
    if (this.checksLinuxSums && this.verifiedFile === null) return false;
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

  private ready(version: string | null): void {
    this.set({ state: 'downloaded', version, percent: 100, message: 'Installs when TripDesk quits, or restart now.' });
    this.deps.log('info', `update ${version ?? '?'} downloaded; it installs when the app quits`);
    this.deps.onReady?.(version);
  }

  /** The downloaded file, once its signed checksum verified; throws otherwise. */
  private async verifyLinux(file: string | undefined, version: string | null): Promise<string> {
    if (!file) throw new UpdateVerificationError('electron-updater named no downloaded file');
    if (!version) throw new UpdateVerificationError('the update has no version');
    const source = this.deps.linuxSource ?? linuxUpdateSourceFromResources();
    const publicKey = await source.publicKey();
    if (!publicKey) throw new UpdateVerificationError(`this build carries no update-signing key (${UPDATE_SIGNING_KEY_FILE})`);
    const signed = await source.fetchSums(version);
    await verifySignedUpdate({ file, version, publicKeyPem: publicKey, ...signed });
    return file;
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

/**
 * Throws an UpdateVerificationError unless `sums` carries a valid Ed25519 signature by
 * `publicKeyPem`, names `file` (by its base name, which must carry `version`, so an older signed
 * release cannot stand in for this one) and gives the SHA-256 the file has.
 */
export async function verifySignedUpdate(opts: { file: string; version: string; sums: Buffer; signature: Buffer; publicKeyPem: string }): Promise<void> {
  let key: KeyObject;
  try {
    key = createPublicKey(opts.publicKeyPem);
  } catch {
    throw new UpdateVerificationError('the shipped update-signing key cannot be read');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UpdateVerificationError('the shipped update-signing key is not an Ed25519 key');
  if (opts.sums.length === 0 || opts.sums.length > MAX_SUMS_BYTES) throw new UpdateVerificationError(`${LINUX_SUMS_FILE} is empty or too large`);
  if (opts.signature.length !== 64 || !verifySignature(null, opts.sums, key, opts.signature)) {
    throw new UpdateVerificationError(`the signature of ${LINUX_SUMS_FILE} does not verify with this build's key`);
  }
  const expected = parseSums(opts.sums.toString('utf8'));
  const name = path.basename(opts.file);
  const want = expected.get(name);
  if (want === undefined) throw new UpdateVerificationError(`${name} is not listed in the signed ${LINUX_SUMS_FILE}`);
  if (want === null) throw new UpdateVerificationError(`${name} is listed twice in ${LINUX_SUMS_FILE}`);
  const escaped = opts.version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // `<product>-<version>-<arch>.<ext>` (linux.artifactName): exactly this version, so neither an
  // older release nor a pre-release of it (1.2.0-beta.1 for 1.2.0) passes for it.
  if (!new RegExp(`^.+-${escaped}-[A-Za-z0-9_]+\\.(AppImage|deb|rpm)$`).test(name)) throw new UpdateVerificationError(`${name} is not a package of version ${opts.version}`);
  let actual: string;
  try {
    actual = await sha256File(opts.file);
  } catch (err) {
    throw new UpdateVerificationError(`the downloaded file cannot be read (${(err as Error).message})`);
  }
  if (actual !== want) throw new UpdateVerificationError(`the SHA-256 of ${name} does not match the signed ${LINUX_SUMS_FILE}`);
}

/** `sha256sum` output: name → hash (null when a name appears twice). Other lines are refused. */
function parseSums(text: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    if (!m) throw new UpdateVerificationError(`${LINUX_SUMS_FILE} has a line that is not a checksum`);
    const name = m[2]!;
    out.set(name, out.has(name) ? null : m[1]!.toLowerCase());
  }
  return out;
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    fs.createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The flat `key: value` YAML electron-builder writes as app-update.yml. */
export function parseAppUpdateConfig(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z][A-Za-z0-9_]*):\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    if (value.length >= 2 && ((value.startsWith("'") && value.endsWith("'")) || (value.startsWith('"') && value.endsWith('"')))) value = value.slice(1, -1);
    out[m[1]!] = value;
  }
  return out;
}

/**
 * The address of one of a release's files, from the feed electron-updater itself reads
 * (app-update.yml): a GitHub release (`.../releases/download/v<version>/<name>`) or a generic
 * HTTPS server (`<url>/<name>`). Anything else cannot be verified, and is refused.
 */
export function releaseFileUrl(config: Record<string, string>, version: string, name: string): URL {
  const file = encodeURIComponent(name);
  if (config.provider === 'github') {
    const { owner, repo } = config;
    if (!owner || !repo) throw new UpdateVerificationError('app-update.yml names no GitHub owner and repository');
    const host = config.host && config.host !== 'github.com' ? config.host : 'github.com';
    const tag = `${config.vPrefixedTagName === 'false' ? '' : 'v'}${version}`;
    return new URL(`https://${host}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/releases/download/${encodeURIComponent(tag)}/${file}`);
  }
  if (config.provider === 'generic' && config.url) {
    const base = new URL(config.url.endsWith('/') ? config.url : `${config.url}/`);
    if (base.protocol !== 'https:') throw new UpdateVerificationError('the update server is not HTTPS');
    return new URL(file, base);
  }
  throw new UpdateVerificationError(`updates from provider "${config.provider ?? '?'}" cannot be verified on Linux`);
}

/**
 * The default Linux source: the key from the app's resources (put there by electron-builder),
 * the checksums from the release the update came from (the feed in app-update.yml).
 */
export function linuxUpdateSourceFromResources(
  resourcesPath: string | undefined = (process as { resourcesPath?: string }).resourcesPath,
  fetchImpl: typeof fetch = fetch,
): LinuxUpdateSource {
  const readOptional = async (name: string): Promise<string | null> => {
    if (!resourcesPath) return null;
    try {
      return await fs.promises.readFile(path.join(resourcesPath, name), 'utf8');
    } catch {
      return null;
    }
  };
  const download = async (url: URL): Promise<Buffer> => {
    const res = await fetchImpl(url, { redirect: 'follow', signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new UpdateVerificationError(`${path.basename(url.pathname)} could not be downloaded (HTTP ${res.status})`);
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length > MAX_SUMS_BYTES) throw new UpdateVerificationError(`${path.basename(url.pathname)} is too large`);
    return body;
  };
  return {
    publicKey: () => readOptional(UPDATE_SIGNING_KEY_FILE),
    async fetchSums(version) {
      const yml = await readOptional('app-update.yml');
      if (yml === null) throw new UpdateVerificationError('this build has no app-update.yml');
      const config = parseAppUpdateConfig(yml);
      const [sums, signature] = await Promise.all([
        download(releaseFileUrl(config, version, LINUX_SUMS_FILE)),
        download(releaseFileUrl(config, version, LINUX_SUMS_SIGNATURE_FILE)),
      ]);
      return { sums, signature };
    },
  };
}
