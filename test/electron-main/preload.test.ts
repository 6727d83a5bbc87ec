import { beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { IPC } from '../../shared/ipcChannels';
import type { TripdeskBridge } from '../../shared/desktop';
import type { TripdeskPreload } from '../../renderer/client/preloadApi';
import { contextBridge, ipcRenderer } from './fakeElectron';

vi.mock('electron', () => import('./fakeElectron'));

describe('the preload', () => {
  let api: TripdeskBridge;
  beforeAll(async () => {
    await import('../../main/electron-sandbox/preload');
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, value] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, TripdeskBridge];
    expect(key).toBe('tripdesk');
    api = value;
  });

  it('exposes window.tripdesk and nothing else: invoke, subscribe, settings, updates, documents, platform', () => {
    expect(Object.keys(api).sort()).toEqual(['documents', 'host', 'invoke', 'platform', 'settings', 'subscribe', 'updates']);
    expect(Object.keys(api.documents)).toEqual(['save']);
    expect(Object.keys(api.settings).sort()).toEqual(['get', 'restart', 'set', 'testConnection']);
    expect(Object.keys(api.updates).sort()).toEqual(['check', 'installNow', 'status']);
    expect(api.host).toBe('electron');
    expect(api.platform.os).toBe(process.platform);
    // no Electron object is handed over
    const values = [...Object.values(api), ...Object.values(api.settings), ...Object.values(api.updates), ...Object.values(api.documents)];
    expect(values).not.toContain(ipcRenderer);
  });

  it('invoke goes through the one tripdesk:invoke channel', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { items: [] } });
    await expect(api.invoke('customers.search', { q: 'ann' })).resolves.toEqual({ ok: true, value: { items: [] } });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.invoke, 'customers.search', { q: 'ann' });
  });

  it('settings and updates map to their own channels', async () => {
    await api.settings.get();
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.settingsGet);
    await api.settings.set({ mysqlUrl: 'mysql://u@h/d', mysqlPassword: 'pw' });
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.settingsSet, { mysqlUrl: 'mysql://u@h/d', mysqlPassword: 'pw' });
    await api.settings.testConnection();
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.settingsTest, undefined);
    await api.settings.restart();
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.settingsRestart);
    await api.updates.installNow();
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.updateInstall);
  });

  it('subscribe delivers only the payload of the named event, and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api.subscribe('holds.expired', (payload) => seen.push(payload));
    ipcRenderer.emit(IPC.event, { sender: 'the IPC event must not leak' }, 'holds.expired', { holdIds: ['h1'] });
    ipcRenderer.emit(IPC.event, {}, 'sync.progress', { phase: 'x', done: 1, total: 2 });
    expect(seen).toEqual([{ holdIds: ['h1'] }]);
    off();
    ipcRenderer.emit(IPC.event, {}, 'holds.expired', { holdIds: ['h2'] });
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount(IPC.event)).toBe(0);
    expect(() => api.subscribe('holds.expired', 'nope' as never)).toThrow(TypeError);
  });

  it("fits the renderer's view of window.tripdesk", () => {
    expectTypeOf<TripdeskBridge>().toExtend<TripdeskPreload>();
  });
});
