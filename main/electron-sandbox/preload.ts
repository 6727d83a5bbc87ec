import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC } from '../../shared/ipcChannels';
import type { TripdeskBridge } from '../../shared/desktop';

/**
 * Runs sandboxed, before the page, with the page's world kept apart (contextIsolation). It
 * hands the renderer a few functions and never an Electron object: no ipcRenderer, no IPC
 * event, no Node.
 */
const call = (channel: string, ...args: unknown[]) => ipcRenderer.invoke(channel, ...args);

const bridge: TripdeskBridge = {
  host: 'electron',
  platform: {
    os: process.platform,
    arch: process.arch,
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
  },
  invoke: (channel, input) => call(IPC.invoke, String(channel), input),
  subscribe(event, cb) {
    if (typeof cb !== 'function') throw new TypeError('subscribe(event, cb): cb must be a function');
    const name = String(event);
    const listener = (_event: IpcRendererEvent, pushed: unknown, payload: unknown) => {
      if (pushed === name) (cb as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC.event, listener);
    return () => {
      ipcRenderer.removeListener(IPC.event, listener);
    };
  },
  settings: {
    get: () => call(IPC.settingsGet),
    set: (values) => call(IPC.settingsSet, values),
    testConnection: (values) => call(IPC.settingsTest, values),
    restart: () => call(IPC.settingsRestart),
  },
  documents: {
    save: (file) => call(IPC.documentSave, file),
  },
  updates: {
    status: () => call(IPC.updateStatus),
    check: () => call(IPC.updateCheck),
    installNow: () => call(IPC.updateInstall),
  },
};

contextBridge.exposeInMainWorld('tripdesk', bridge);
