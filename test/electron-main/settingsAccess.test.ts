import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { loadConfig } from '../../main/core/config';
import { startCore, type Core } from '../../main/core/host/core';
import { OPERATOR_RECHECK_MS } from '../../main/core/ops/auth/sessions';
import { bindIpc, type IpcBinding, type SettingsService } from '../../main/electron-main/ipc';
import { Redactor } from '../../main/electron-main/logging';
import { APP_ORIGIN } from '../../main/electron-main/origin';
import { IPC } from '../../shared/ipcChannels';
import type { Role } from '../../shared/contract';
import { addOperators, PASSWORD, tempDir } from './coreFixture';
import { FakeIpcMain, FakeWebContents } from './fakeElectron';

vi.mock('electron', () => import('./fakeElectron'));

const VIEW = { mysqlUrl: 'mysql://tripdesk@db.example/tripdesk' } as ReturnType<SettingsService['view']>;

function fakeSettings() {
  return {
    view: vi.fn(() => VIEW),
    set: vi.fn(() => VIEW),
    test: vi.fn(async () => ({ ok: true, mysql: { ok: true, message: 'MySQL answered.' }, mongo: { ok: true, message: 'MongoDB answered.' } })),
    restart: vi.fn(),
  } satisfies SettingsService;
}

const REPOINTING = [IPC.settingsSet, IPC.settingsTest, IPC.settingsRestart] as const;
const NEW_SERVERS = { mysqlUrl: 'mysql://me@attacker.example/x', mysqlPassword: 'p', mongoUrl: 'mongodb://me@attacker.example/x' };

/**
 * Saving the server URLs and passwords, testing connections and restarting onto them repoint the
 * console's databases: admins only, checked in main against the window's session. Reading them is
 * for supervisors and admins.
 */
describe('the desktop server settings over IPC, by role', () => {
  let core: Core;
  let ipcMain: FakeIpcMain;
  let ipc: IpcBinding;
  let settings: ReturnType<typeof fakeSettings>;
  let clock = Date.now();

  beforeAll(async () => {
    core = await startCore(loadConfig({ TRIPDESK_DATA_DIR: tempDir('settings-access') }), { jobs: false, log: () => undefined, now: () => clock });
    await addOperators(core);
  });
  beforeEach(() => {
    ipc?.dispose();
    ipcMain = new FakeIpcMain();
    settings = fakeSettings();
    ipc = bindIpc({ ipcMain, host: { core: () => core, problem: () => null }, settings, updates: () => null, redactor: new Redactor(), log: () => undefined });
  });
  afterAll(async () => {
    ipc?.dispose();
    await core?.close();
  });

  const windowSignedInAs = async (role: Role | null) => {
    const win = new FakeWebContents(`${APP_ORIGIN}/index.html`);
    ipc.trust(win as unknown as WebContents);
    if (role) {
      const login = await ipcMain.invoke(IPC.invoke, win.ipcEvent(), 'auth.login', { email: `${role}@tripdesk.test`, password: PASSWORD });
      expect(login).toMatchObject({ ok: true });
    }
    return (name: string, ...args: unknown[]) => ipcMain.invoke(name, win.ipcEvent(), ...args);
  };

  it.each<Role>(['agent', 'supervisor'])('refuses a %s saving, testing or applying server settings with FORBIDDEN, and touches nothing', async (role) => {
    const invoke = await windowSignedInAs(role);
    for (const name of REPOINTING) {
      const answer = await invoke(name, NEW_SERVERS);
      expect(answer, name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(answer.error.message, name).toMatch(/admin/);
    }
    expect(settings.set).not.toHaveBeenCalled();
    expect(settings.test).not.toHaveBeenCalled();
    expect(settings.restart).not.toHaveBeenCalled();
  });

  it('lets an admin save, test and restart', async () => {
    const invoke = await windowSignedInAs('admin');
    expect(await invoke(IPC.settingsSet, NEW_SERVERS)).toEqual({ ok: true, value: VIEW });
    expect(settings.set).toHaveBeenCalledWith(NEW_SERVERS);
    expect(await invoke(IPC.settingsTest, NEW_SERVERS)).toMatchObject({ ok: true, value: { ok: true } });
    expect(await invoke(IPC.settingsRestart)).toEqual({ ok: true, value: { restarting: true } });
    expect(settings.restart).toHaveBeenCalledTimes(1);
  });

  it('shows the settings to supervisors and admins, not to agents', async () => {
    expect(await (await windowSignedInAs('agent'))(IPC.settingsGet)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(settings.view).not.toHaveBeenCalled();
    expect(await (await windowSignedInAs('supervisor'))(IPC.settingsGet)).toEqual({ ok: true, value: VIEW });
    expect(await (await windowSignedInAs('admin'))(IPC.settingsGet)).toEqual({ ok: true, value: VIEW });
  });

  it('refuses a window nobody signed in to, and one whose session ended', async () => {
    const nobody = await windowSignedInAs(null);
    for (const name of [IPC.settingsGet, ...REPOINTING]) {
      expect(await nobody(name, NEW_SERVERS), name).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    const admin = await windowSignedInAs('admin');
    expect(await admin(IPC.invoke, 'auth.logout', {})).toMatchObject({ ok: true });
    expect(await admin(IPC.settingsSet, NEW_SERVERS)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(settings.set).not.toHaveBeenCalled();
    expect(settings.view).not.toHaveBeenCalled();
  });

  it('goes by the role the operator has now: an admin demoted after signing in is refused', async () => {
    const invoke = await windowSignedInAs('admin');
    expect(await invoke(IPC.settingsSet, NEW_SERVERS)).toMatchObject({ ok: true });
    await core.local.sql.run("UPDATE admins SET role = 'agent' WHERE email = 'admin@tripdesk.test'");
    clock += OPERATOR_RECHECK_MS + 1; // the core reads an operator again at most this often
    try {
      expect(await invoke(IPC.settingsSet, NEW_SERVERS)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(settings.set).toHaveBeenCalledTimes(1);
    } finally {
      await core.local.sql.run("UPDATE admins SET role = 'admin' WHERE email = 'admin@tripdesk.test'");
    }
  });

  it('serves no settings while the core is down: no role can be checked', async () => {
    const down = new FakeIpcMain();
    const offline = fakeSettings();
    const binding = bindIpc({
      ipcMain: down, host: { core: () => null, problem: () => 'MySQL at db:3306 refused the connection.' },
      settings: offline, updates: () => null, redactor: new Redactor(), log: () => undefined,
    });
    try {
      const win = new FakeWebContents(`${APP_ORIGIN}/index.html`);
      binding.trust(win as unknown as WebContents);
      for (const name of [IPC.settingsGet, ...REPOINTING]) {
        expect(await down.invoke(name, win.ipcEvent(), NEW_SERVERS), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      expect(offline.set).not.toHaveBeenCalled();
      expect(offline.test).not.toHaveBeenCalled();
      expect(offline.restart).not.toHaveBeenCalled();
      expect(offline.view).not.toHaveBeenCalled();
    } finally {
      binding.dispose();
    }
  });
});
