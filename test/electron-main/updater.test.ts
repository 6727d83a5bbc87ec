import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../shared/desktop';
import { UPDATE_CHECK_INTERVAL_MS, Updater } from '../../main/electron-main/updater';
import { FakeAutoUpdater } from './fakeElectron';

function setup(channel: 'stable' | 'beta' = 'stable') {
  const autoUpdater = new FakeAutoUpdater();
  const statuses: UpdateStatus[] = [];
  const ready: Array<string | null> = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const cleared: unknown[] = [];
  const updater = new Updater({
    autoUpdater,
    channel,
    log: () => undefined,
    onStatus: (s) => statuses.push(s),
    onReady: (v) => ready.push(v),
    setInterval: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return t;
    },
    clearInterval: (t) => cleared.push(t),
  });
  return { autoUpdater, statuses, ready, timers, cleared, updater };
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
