import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import type { Core } from '../../main/core/host/core';
import { bindIpc, type IpcBinding, type SettingsService } from '../../main/electron-main/ipc';
import { IPC, SESSION_HELD_BY_MAIN } from '../../shared/ipcChannels';
import { Redactor } from '../../main/electron-main/logging';
import { APP_ORIGIN } from '../../main/electron-main/origin';
import { coreWithOperators, PASSWORD } from './coreFixture';
import { FakeFrame, FakeIpcMain, FakeWebContents } from './fakeElectron';

vi.mock('electron', () => import('./fakeElectron'));

const settings: SettingsService = {
  view: vi.fn(() => ({}) as ReturnType<SettingsService['view']>),
  set: vi.fn(),
  test: vi.fn(),
  restart: vi.fn(),
};

describe('IPC between the window and the core', () => {
  let core: Core;
  let ipcMain: FakeIpcMain;
  let ipc: IpcBinding;
  let win: FakeWebContents;
  const redactor = new Redactor();

  beforeAll(async () => {
    core = await coreWithOperators();
    ipcMain = new FakeIpcMain();
    ipc = bindIpc({ ipcMain, host: { core: () => core, problem: () => null }, settings, updates: () => null, redactor, log: () => undefined });
    win = new FakeWebContents(`${APP_ORIGIN}/index.html`);
    ipc.trust(win as unknown as WebContents);
  });
  afterAll(async () => {
    ipc.dispose();
    await core.close();
  });

  const invoke = (contents: FakeWebContents, channel: string, input: unknown = {}, frame?: FakeFrame | null) =>
    ipcMain.invoke(IPC.invoke, contents.ipcEvent(frame === undefined ? contents.mainFrame : frame), channel, input);

  it('refuses a message from a foreign frame without calling the core', async () => {
    const call = vi.spyOn(core, 'call');
    const evil = new FakeFrame('https://evil.example/', win.mainFrame.processId, win.mainFrame.routingId);
    const answer = await invoke(win, 'auth.login', { email: 'admin@tripdesk.test', password: PASSWORD }, evil);
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(call).not.toHaveBeenCalled();
    call.mockRestore();
  });

  it('refuses an iframe of our own origin, a window it does not know, and a frame that is gone', async () => {
    const call = vi.spyOn(core, 'call');
    const iframe = new FakeFrame(`${APP_ORIGIN}/index.html`, win.mainFrame.processId, 99, win.mainFrame);
    expect(await invoke(win, 'auth.me', {}, iframe)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const posing = new FakeFrame(`${APP_ORIGIN}/index.html`, win.mainFrame.processId, win.mainFrame.routingId, win.mainFrame);
    expect(await invoke(win, 'auth.me', {}, posing)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const detached = new FakeFrame(`${APP_ORIGIN}/index.html`, win.mainFrame.processId, win.mainFrame.routingId);
    detached.detached = true;
    expect(await invoke(win, 'auth.me', {}, detached)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const stranger = new FakeWebContents(`${APP_ORIGIN}/index.html`);
    expect(await invoke(stranger, 'auth.me')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invoke(win, 'auth.me', {}, null)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const navigatedAway = new FakeWebContents('https://evil.example/');
    ipc.trust(navigatedAway as unknown as WebContents);
    expect(await invoke(navigatedAway, 'auth.me')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(call).not.toHaveBeenCalled();
    call.mockRestore();
  });

  it('guards the Electron-only settings and update calls the same way', async () => {
    const evil = new FakeFrame('https://evil.example/', win.mainFrame.processId, win.mainFrame.routingId);
    for (const name of [IPC.settingsGet, IPC.settingsSet, IPC.settingsTest, IPC.settingsRestart, IPC.updateCheck, IPC.updateInstall]) {
      expect(await ipcMain.invoke(name, win.ipcEvent(evil), {}), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(settings.set).not.toHaveBeenCalled();
    expect(settings.restart).not.toHaveBeenCalled();
    expect(await ipcMain.invoke(IPC.updateCheck, win.ipcEvent())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('keeps the session token in main: the renderer gets a placeholder, later calls still work', async () => {
    const login = await invoke(win, 'auth.login', { email: 'agent@tripdesk.test', password: PASSWORD });
    expect(login.ok).toBe(true);
    expect(login.value.sessionToken).toBe(SESSION_HELD_BY_MAIN);
    expect(login.value.user).toMatchObject({ email: 'agent@tripdesk.test', role: 'agent' });
    const me = await invoke(win, 'auth.me');
    expect(me).toMatchObject({ ok: true, value: { user: { role: 'agent' }, mode: 'standalone' } });
  });

  it('refuses a call the signed-in role may not make (agent → operators.list)', async () => {
    const answer = await invoke(win, 'operators.list');
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(answer.error.message).toMatch(/admin/);
  });

  it('keeps one session per window: an admin in a second window may list operators', async () => {
    const second = new FakeWebContents(`${APP_ORIGIN}/index.html`);
    ipc.trust(second as unknown as WebContents);
    expect(await invoke(second, 'operators.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await invoke(second, 'auth.login', { email: 'admin@tripdesk.test', password: PASSWORD });
    const list = await invoke(second, 'operators.list');
    expect(list.ok).toBe(true);
    expect(list.value).toHaveLength(3);
    expect(await invoke(win, 'operators.list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    second.destroy();
  });

  it('signs out on auth.logout, and a failed sign-in keeps the current session', async () => {
    await invoke(win, 'auth.login', { email: 'agent@tripdesk.test', password: 'wrong password' });
    expect(await invoke(win, 'auth.me')).toMatchObject({ ok: true });
    expect(await invoke(win, 'auth.logout')).toMatchObject({ ok: true });
    expect(await invoke(win, 'auth.me')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('signing in again closes the previous session in the core', async () => {
    const call = vi.spyOn(core, 'call');
    await invoke(win, 'auth.login', { email: 'agent@tripdesk.test', password: PASSWORD });
    await invoke(win, 'auth.login', { email: 'supervisor@tripdesk.test', password: PASSWORD });
    const logouts = call.mock.calls.filter(([channel]) => channel === 'auth.logout');
    expect(logouts).toHaveLength(1);
    const oldToken = logouts[0]?.[2] as string;
    expect(await core.call('auth.me', {}, oldToken)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await invoke(win, 'auth.me')).toMatchObject({ ok: true, value: { user: { role: 'supervisor' } } });
    call.mockRestore();
  });

  it('closes the session when the window goes away', async () => {
    const third = new FakeWebContents(`${APP_ORIGIN}/index.html`);
    ipc.trust(third as unknown as WebContents);
    const call = vi.spyOn(core, 'call');
    await invoke(third, 'auth.login', { email: 'agent@tripdesk.test', password: PASSWORD });
    const token = (await call.mock.results[0]?.value as { value: { sessionToken: string } }).value.sessionToken;
    expect(await core.call('auth.me', {}, token)).toMatchObject({ ok: true });
    third.destroy();
    await vi.waitFor(async () => expect(await core.call('auth.me', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } }));
    call.mockRestore();
  });

  it('never lets the real token reach the renderer or the log in clear', async () => {
    const call = vi.spyOn(core, 'call');
    const answer = await invoke(win, 'auth.login', { email: 'admin@tripdesk.test', password: PASSWORD });
    const real = (await call.mock.results[0]?.value as { value: { sessionToken: string } }).value.sessionToken;
    expect(JSON.stringify(answer)).not.toContain(real);
    expect(redactor.text(`token=${real} and ${real}`)).not.toContain(real);
    call.mockRestore();
  });

  it('validates what it is given and answers unknown channels with NOT_FOUND', async () => {
    expect(await invoke(win, 'no.such.channel')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await ipcMain.invoke(IPC.invoke, win.ipcEvent(), { not: 'a string' }, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await invoke(win, 'auth.login', { email: 'not an email', password: 'x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('pushes core events to trusted windows showing our origin only', () => {
    const foreign = new FakeWebContents('https://evil.example/');
    ipc.trust(foreign as unknown as WebContents);
    const stranger = new FakeWebContents(`${APP_ORIGIN}/index.html`);
    ipc.broadcast('holds.expired', { holdIds: ['h1'] });
    expect(win.sent).toContainEqual([IPC.event, 'holds.expired', { holdIds: ['h1'] }]);
    expect(foreign.sent).toEqual([]);
    expect(stranger.sent).toEqual([]);
  });
});

describe('IPC while the core could not start', () => {
  it('answers OFFLINE with the reason; the settings stay shut, since no role can be checked', async () => {
    const ipcMain = new FakeIpcMain();
    const view = { mysqlUrl: 'mysql://u@db/x' } as ReturnType<SettingsService['view']>;
    const binding = bindIpc({
      ipcMain,
      host: { core: () => null, problem: () => 'MySQL at db:3306 refused the connection.' },
      settings: { ...settings, view: () => view },
      updates: () => null,
      redactor: new Redactor(),
      log: () => undefined,
    });
    const win = new FakeWebContents(`${APP_ORIGIN}/index.html`);
    binding.trust(win as unknown as WebContents);
    expect(await ipcMain.invoke(IPC.invoke, win.ipcEvent(), 'auth.me', {})).toEqual({
      ok: false, error: { code: 'OFFLINE', message: 'MySQL at db:3306 refused the connection.' },
    });
    expect(await ipcMain.invoke(IPC.settingsGet, win.ipcEvent())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
