import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../shared/desktop';
import {
  LINUX_SUMS_FILE,
  LINUX_SUMS_SIGNATURE_FILE,
  UPDATE_CHECK_INTERVAL_MS,
  UPDATE_SIGNING_KEY_FILE,
  Updater,
  linuxUpdateSourceFromResources,
  parseAppUpdateConfig,
  releaseFileUrl,
  type LinuxUpdateSource,
} from '../../main/electron-main/updater';
import { FakeAutoUpdater } from './fakeElectron';

/**
 * electron-updater's BaseUpdater, as far as installing goes: when a download completes it emits
 * `update-downloaded` and then adds its install-on-quit handler (only if autoInstallOnAppQuit is
 * on at that moment); at quit the handler installs if autoInstallOnAppQuit is still on.
 */
class InstallingAutoUpdater extends FakeAutoUpdater {
  private quitHandler = false;
  readonly installed: string[] = [];
  private file: string | null = null;

  finishDownload(info: { version: string; downloadedFile?: string }): void {
    this.file = info.downloadedFile ?? null;
    this.emit('update-downloaded', info);
    if (!this.quitHandler && this.autoInstallOnAppQuit) this.quitHandler = true;
  }

  /** The app quits normally: what electron-updater's quit handler would do. */
  quit(): void {
    if (this.quitHandler && this.autoInstallOnAppQuit && this.file) this.installed.push(this.file);
  }
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `tripdesk-updater-${prefix}-`));
  dirs.push(d);
  return d;
}

function setup(channel: 'stable' | 'beta' = 'stable', platform: NodeJS.Platform = 'win32', linuxSource?: LinuxUpdateSource) {
  const autoUpdater = new InstallingAutoUpdater();
  const statuses: UpdateStatus[] = [];
  const ready: Array<string | null> = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const cleared: unknown[] = [];
  const logs: string[] = [];
  const updater = new Updater({
    autoUpdater,
    channel,
    platform,
    linuxSource,
    log: (level, msg) => logs.push(`${level} ${msg}`),
    onStatus: (s) => statuses.push(s),
    onReady: (v) => ready.push(v),
    setInterval: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return t;
    },
    clearInterval: (t) => cleared.push(t),
  });
  return { autoUpdater, statuses, ready, timers, cleared, updater, logs };
}

const settle = () => new Promise((r) => setTimeout(r, 20));
/** Until the Linux check has decided (the status leaves "downloading"). */
const decided = (statuses: UpdateStatus[]) => expect.poll(() => statuses.at(-1)?.state).not.toBe('downloading');

/** A release as the workflow publishes it: packages, SHA256SUMS-Linux.txt and its Ed25519 signature. */
function linuxRelease(version = '1.3.0') {
  const dir = tmp('release');
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const files: Record<string, Buffer> = {
    [`TripDesk-${version}-x86_64.AppImage`]: Buffer.from(`appimage ${version} `.repeat(5000)),
    [`TripDesk-${version}-amd64.deb`]: Buffer.from(`deb ${version}`),
    [`TripDesk-${version}-x86_64.rpm`]: Buffer.from(`rpm ${version}`),
  };
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  const sumsOf = (entries: Record<string, Buffer>) =>
    Buffer.from(Object.entries(entries).map(([name, body]) => `${createHash('sha256').update(body).digest('hex')}  ${name}\n`).join(''));
  const sums = sumsOf(files);
  const signature = sign(null, sums, privateKey);
  const appImage = path.join(dir, `TripDesk-${version}-x86_64.AppImage`);
  const source = (over: Partial<{ sums: Buffer; signature: Buffer; key: string | null; fail: Error }> = {}): LinuxUpdateSource & { asked: string[] } => {
    const asked: string[] = [];
    return {
      asked,
      publicKey: async () => (over.key === undefined ? pem : over.key),
      fetchSums: async (v) => {
        asked.push(v);
        if (over.fail) throw over.fail;
        return { sums: over.sums ?? sums, signature: over.signature ?? signature };
      },
    };
  };
  return { dir, version, files, sums, signature, privateKey, pem, appImage, source, sumsOf };
}

describe('auto-update', () => {
  it('checks on start and every four hours, on the stable feed, installing on quit', () => {
    const { autoUpdater, updater, timers } = setup();
    updater.start();
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(timers).toHaveLength(1);
    expect(timers[0]?.ms).toBe(UPDATE_CHECK_INTERVAL_MS);
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(4 * 60 * 60 * 1000);
    timers[0]?.fn();
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(2);
    expect(autoUpdater).toMatchObject({ channel: 'latest', allowPrerelease: false, allowDowngrade: false, autoInstallOnAppQuit: true, autoDownload: false });
  });

  it('follows the beta channel with pre-releases', () => {
    const { autoUpdater, updater } = setup('beta');
    updater.start();
    expect(autoUpdater).toMatchObject({ channel: 'beta', allowPrerelease: true, allowDowngrade: false });
    updater.setChannel('stable');
    expect(autoUpdater).toMatchObject({ channel: 'latest', allowPrerelease: false });
    expect(updater.status().channel).toBe('stable');
  });

  it('update-available → download → downloaded → the operator is told → installs on quit or now', async () => {
    const { autoUpdater, updater, statuses, ready } = setup();
    updater.start();
    expect(updater.installNow()).toBe(false);
    autoUpdater.emit('checking-for-update');
    autoUpdater.emit('update-available', { version: '1.2.0' });
    expect(autoUpdater.downloadUpdate).toHaveBeenCalledTimes(1);
    expect(statuses.at(-1)).toMatchObject({ state: 'available', version: '1.2.0' });
    autoUpdater.emit('download-progress', { percent: 41.7 });
    expect(statuses.at(-1)).toMatchObject({ state: 'downloading', percent: 42 });
    // no second check or download while one is under way
    await updater.check();
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
    autoUpdater.emit('update-downloaded', { version: '1.2.0' });
    expect(statuses.at(-1)).toMatchObject({ state: 'downloaded', version: '1.2.0', percent: 100 });
    expect(ready).toEqual(['1.2.0']);
    expect(autoUpdater.autoInstallOnAppQuit).toBe(true);
    expect(autoUpdater.quitAndInstall).not.toHaveBeenCalled();
    expect(updater.installNow()).toBe(true);
    expect(autoUpdater.quitAndInstall).toHaveBeenCalledTimes(1);
    expect(statuses.map((s) => s.state)).toEqual(['checking', 'available', 'downloading', 'downloaded']);
  });

  it('a failed check or download is shown as an error, never thrown', async () => {
    const { autoUpdater, updater, statuses } = setup();
    autoUpdater.checkForUpdates.mockRejectedValueOnce(new Error('net::ERR_INTERNET_DISCONNECTED'));
    updater.start();
    await new Promise((r) => setTimeout(r, 0));
    expect(statuses.at(-1)).toMatchObject({ state: 'error' });
    autoUpdater.downloadUpdate.mockRejectedValueOnce(new Error('sha512 checksum mismatch'));
    autoUpdater.emit('update-available', { version: '1.3.0' });
    await new Promise((r) => setTimeout(r, 0));
    expect(statuses.at(-1)).toMatchObject({ state: 'error' });
    autoUpdater.emit('error', new Error('New version is not signed by the application owner'));
    expect(statuses.at(-1)).toMatchObject({ state: 'error' });
    expect(updater.installNow()).toBe(false);
  });

  it('stops its timer and listeners on dispose', () => {
    const { autoUpdater, updater, timers, cleared } = setup();
    updater.start();
    expect(autoUpdater.listenerCount('update-available')).toBe(1);
    updater.dispose();
    expect(cleared).toEqual([timers[0]]);
    expect(autoUpdater.listenerCount('update-available')).toBe(0);
  });
});

describe('auto-update on Windows and macOS', () => {
  it('a download is ready at once: electron-updater checks its code signature against the publisher', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const linux = linuxRelease();
      const source = linux.source();
      const { autoUpdater, updater, statuses } = setup('stable', platform, source);
      updater.start();
      autoUpdater.finishDownload({ version: '1.3.0', downloadedFile: 'C:\\Temp\\TripDesk-Setup-1.3.0.exe' });
      expect(statuses.at(-1)).toMatchObject({ state: 'downloaded' });
      expect(source.asked).toEqual([]);
      autoUpdater.quit();
      expect(autoUpdater.installed).toHaveLength(1);
    }
  });
});

describe('auto-update on Linux: the signed SHA256SUMS must vouch for the download', () => {
  it('a package whose SHA-256 the signed checksums list is ready, installs on quit and on Restart now', async () => {
    const r = linuxRelease();
    const source = r.source();
    const { autoUpdater, updater, statuses, ready } = setup('stable', 'linux', source);
    updater.start();
    autoUpdater.emit('update-available', { version: r.version });
    autoUpdater.finishDownload({ version: r.version, downloadedFile: r.appImage });
    // Not ready, nor installable, until the check is done.
    expect(statuses.at(-1)).toMatchObject({ state: 'downloading', message: expect.stringMatching(/signed checksums/) });
    expect(updater.installNow()).toBe(false);
    await decided(statuses);
    expect(source.asked).toEqual([r.version]);
    expect(statuses.at(-1)).toMatchObject({ state: 'downloaded', version: r.version });
    expect(ready).toEqual([r.version]);
    expect(autoUpdater.autoInstallOnAppQuit).toBe(true);
    autoUpdater.quit();
    expect(autoUpdater.installed).toEqual([r.appImage]);
    expect(updater.installNow()).toBe(true);
    expect(autoUpdater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('deb and rpm packages are checked the same way', async () => {
    const r = linuxRelease('2.0.0-beta.3');
    for (const name of [`TripDesk-${r.version}-amd64.deb`, `TripDesk-${r.version}-x86_64.rpm`]) {
      const { autoUpdater, updater, statuses } = setup('beta', 'linux', r.source());
      updater.start();
      autoUpdater.finishDownload({ version: r.version, downloadedFile: path.join(r.dir, name) });
      await decided(statuses);
      expect(statuses.at(-1), name).toMatchObject({ state: 'downloaded' });
    }
  });

  /** Each way a Linux update must be refused: nothing installs, on quit or now, and the operator is told why. */
  const refusals: Array<[string, (r: ReturnType<typeof linuxRelease>) => { source: LinuxUpdateSource; file?: string; version?: string; before?: () => void }, RegExp]> = [
    ['the downloaded file was altered', (r) => ({ source: r.source(), before: () => fs.appendFileSync(r.appImage, 'x') }), /SHA-256 of TripDesk-1\.3\.0-x86_64\.AppImage does not match/],
    ['the checksums are signed by another key', (r) => {
      const other = generateKeyPairSync('ed25519').privateKey;
      return { source: r.source({ signature: sign(null, r.sums, other) }) };
    }, /signature of SHA256SUMS-Linux\.txt does not verify/],
    ['the checksums were changed after signing', (r) => {
      const forged = r.sumsOf({ ...r.files, [path.basename(r.appImage)]: Buffer.from('evil') });
      return { source: r.source({ sums: forged }) };
    }, /signature of SHA256SUMS-Linux\.txt does not verify/],
    ['the signature is not a signature', (r) => ({ source: r.source({ signature: Buffer.from('not a signature') }) }), /signature .* does not verify/],
    ['the file is not listed', (r) => {
      const extra = path.join(r.dir, 'TripDesk-1.3.0-arm64.AppImage');
      fs.copyFileSync(r.appImage, extra);
      return { source: r.source(), file: extra };
    }, /TripDesk-1\.3\.0-arm64\.AppImage is not listed/],
    ['an older signed release stands in for the announced version', (r) => ({ source: r.source(), version: '1.4.0' }), /is not a package of version 1\.4\.0/],
    ['a pre-release stands in for the release', (r) => {
      const pre = linuxRelease('1.3.0-beta.1');
      // Signed by the same key, but the checksums are the beta's.
      return { source: pre.source({ key: r.pem, signature: sign(null, pre.sums, r.privateKey) }), file: pre.appImage, version: '1.3.0' };
    }, /TripDesk-1\.3\.0-beta\.1-x86_64\.AppImage is not a package of version 1\.3\.0/],
    ['the build carries no update-signing key', (r) => ({ source: r.source({ key: null }) }), /no update-signing key/],
    ['the shipped key is not Ed25519', (r) => ({
      source: r.source({ key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString() }),
    }), /not an Ed25519 key/],
    ['the checksums cannot be fetched', (r) => ({ source: r.source({ fail: new Error('getaddrinfo ENOTFOUND github.com') }) }), /could not check it \(getaddrinfo ENOTFOUND/],
    ['electron-updater names no file', (r) => ({ source: r.source(), file: '' }), /named no downloaded file/],
    ['the checksum file is not a checksum file', (r) => {
      const junk = Buffer.from('<html>Not Found</html>\n');
      return { source: r.source({ sums: junk, signature: sign(null, junk, r.privateKey) }) };
    }, /not a checksum/],
  ];

  for (const [what, arrange, reason] of refusals) {
    it(`refuses the update when ${what}`, async () => {
      const r = linuxRelease();
      const a = arrange(r);
      a.before?.();
      const { autoUpdater, updater, statuses, ready, logs } = setup('stable', 'linux', a.source);
      updater.start();
      autoUpdater.finishDownload({ version: a.version ?? r.version, downloadedFile: a.file ?? r.appImage });
      await decided(statuses);
      const last = statuses.at(-1)!;
      expect(last.state).toBe('error');
      expect(last.message).toMatch(/could not be verified, so it will not be installed/);
      expect(last.message).toMatch(reason);
      expect(ready).toEqual([]);
      expect(logs.some((l) => /^error .*NOT installed/.test(l))).toBe(true);
      expect(updater.installNow()).toBe(false);
      expect(autoUpdater.quitAndInstall).not.toHaveBeenCalled();
      autoUpdater.quit();
      expect(autoUpdater.installed).toEqual([]);
      expect(autoUpdater.autoInstallOnAppQuit).toBe(false);
    });
  }

  it('quitting while the check is still running installs nothing', async () => {
    const r = linuxRelease();
    let release!: () => void;
    const slow: LinuxUpdateSource = {
      publicKey: async () => r.pem,
      fetchSums: () => new Promise((resolve) => { release = () => resolve({ sums: r.sums, signature: r.signature }); }),
    };
    const { autoUpdater, updater, statuses } = setup('stable', 'linux', slow);
    updater.start();
    autoUpdater.finishDownload({ version: r.version, downloadedFile: r.appImage });
    await settle();
    autoUpdater.quit();
    expect(autoUpdater.installed).toEqual([]);
    expect(updater.installNow()).toBe(false);
    release();
    await decided(statuses);
    autoUpdater.quit();
    expect(autoUpdater.installed).toEqual([r.appImage]);
  });

  it('checks by default with the key in the app resources and the checksums of the release in app-update.yml', async () => {
    const r = linuxRelease();
    const resources = tmp('resources');
    fs.writeFileSync(path.join(resources, 'app-update.yml'), 'owner: tripdesk-ops\nrepo: tripdesk\nprovider: github\nreleaseType: draft\nupdaterCacheDirName: tripdesk-updater\n');
    fs.writeFileSync(path.join(resources, UPDATE_SIGNING_KEY_FILE), r.pem);
    const fetched: string[] = [];
    const fakeFetch = (async (url: URL) => {
      fetched.push(String(url));
      const body = String(url).endsWith('.sig') ? r.signature : String(url).endsWith('.txt') ? r.sums : null;
      return body ? new Response(body) : new Response('nope', { status: 404 });
    }) as typeof fetch;
    const source = linuxUpdateSourceFromResources(resources, fakeFetch);
    expect(await source.publicKey()).toBe(r.pem);
    expect(await source.fetchSums('1.3.0')).toEqual({ sums: r.sums, signature: r.signature });
    expect(fetched.sort()).toEqual([
      `https://github.com/tripdesk-ops/tripdesk/releases/download/v1.3.0/${LINUX_SUMS_FILE}`,
      `https://github.com/tripdesk-ops/tripdesk/releases/download/v1.3.0/${LINUX_SUMS_SIGNATURE_FILE}`,
    ]);
    // An unpublished release (404) and a build without resources both fail, never pass.
    const missing = linuxUpdateSourceFromResources(resources, (async () => new Response('', { status: 404 })) as typeof fetch);
    await expect(missing.fetchSums('1.3.0')).rejects.toThrow(/HTTP 404/);
    const bare = linuxUpdateSourceFromResources(undefined, fakeFetch);
    expect(await bare.publicKey()).toBeNull();
    await expect(bare.fetchSums('1.3.0')).rejects.toThrow(/no app-update.yml/);
  });

  it('finds the checksums beside the packages: GitHub releases or a generic HTTPS server, nothing else', () => {
    expect(parseAppUpdateConfig("provider: generic\nurl: 'https://updates.example/linux/x64'\nchannel: latest\n")).toEqual({ provider: 'generic', url: 'https://updates.example/linux/x64', channel: 'latest' });
    expect(String(releaseFileUrl({ provider: 'generic', url: 'https://updates.example/linux/x64' }, '1.3.0', LINUX_SUMS_FILE))).toBe(`https://updates.example/linux/x64/${LINUX_SUMS_FILE}`);
    expect(String(releaseFileUrl({ provider: 'github', owner: 'o', repo: 'r', vPrefixedTagName: 'false' }, '1.3.0', 'x.sig'))).toBe('https://github.com/o/r/releases/download/1.3.0/x.sig');
    expect(() => releaseFileUrl({ provider: 'generic', url: 'http://updates.example/' }, '1.3.0', 'x')).toThrow(/not HTTPS/);
    expect(() => releaseFileUrl({ provider: 's3', bucket: 'b' }, '1.3.0', 'x')).toThrow(/cannot be verified/);
    expect(() => releaseFileUrl({ provider: 'github' }, '1.3.0', 'x')).toThrow(/owner/);
  });
});
