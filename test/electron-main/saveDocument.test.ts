import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import type { Core } from '../../main/core/host/core';
import { bindIpc, type IpcBinding, type SettingsService } from '../../main/electron-main/ipc';
import { Redactor } from '../../main/electron-main/logging';
import { APP_ORIGIN } from '../../main/electron-main/origin';
import { createDocumentSaver } from '../../main/electron-main/saveDocument';
import { IPC } from '../../shared/ipcChannels';
import { coreWithOperators, PASSWORD, tempDir } from './coreFixture';
import { dialog, FakeFrame, FakeIpcMain, FakeWebContents } from './fakeElectron';

vi.mock('electron', () => import('./fakeElectron'));

const settings: SettingsService = { view: vi.fn(), set: vi.fn(), test: vi.fn(), restart: vi.fn() } as unknown as SettingsService;
const PDF = { fileName: 'itinerary-K7QM2T.pdf', contentType: 'application/pdf', base64: Buffer.from('%PDF-1.3\n%tripdesk test\n').toString('base64') };

/** Saving a document in the desktop app: the system's save dialog (mocked), then the PDF's bytes where the user chose. */
describe('saving a document through the save dialog', () => {
  let core: Core;
  let ipcMain: FakeIpcMain;
  let ipc: IpcBinding;
  let win: FakeWebContents;
  const downloads = tempDir('downloads');
  const owner = { id: 'the window' };

  beforeAll(async () => {
    core = await coreWithOperators();
    ipcMain = new FakeIpcMain();
    const documents = createDocumentSaver({
      dialog, writeFile: (file, data) => fs.promises.writeFile(file, data), defaultDir: () => downloads,
      windowOf: () => owner as never,
    });
    ipc = bindIpc({ ipcMain, host: { core: () => core, problem: () => null }, settings, updates: () => null, redactor: new Redactor(), log: () => undefined, documents });
    win = new FakeWebContents(`${APP_ORIGIN}/index.html`);
    ipc.trust(win as unknown as WebContents);
  });
  afterAll(async () => {
    ipc.dispose();
    await core.close();
  });
  beforeEach(() => dialog.showSaveDialog.mockReset());

  const save = (file: unknown, frame?: FakeFrame) => ipcMain.invoke(IPC.documentSave, win.ipcEvent(frame ?? win.mainFrame), file);

  it('needs a signed-in operator in our window, and shows no dialog otherwise', async () => {
    expect(await save(PDF)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const evil = new FakeFrame('https://evil.example/', win.mainFrame.processId, win.mainFrame.routingId);
    expect(await save(PDF, evil)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('asks where, in Downloads under the document\'s name, and writes the PDF there (adding .pdf when left off)', async () => {
    await ipcMain.invoke(IPC.invoke, win.ipcEvent(), 'auth.login', { email: 'agent@tripdesk.test', password: PASSWORD });
    const file = await ipcMain.invoke(IPC.invoke, win.ipcEvent(), 'documents.itinerary', { bookingId: 1 });
    // No booking 1 in this core: a real PDF from the core is tested in test/core/ops/documents; here the bytes are ours.
    expect(file).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const chosen = path.join(downloads, 'trip to LA');
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: chosen });
    expect(await save(PDF)).toEqual({ ok: true, value: { saved: true, path: `${chosen}.pdf` } });
    const [parent, options] = dialog.showSaveDialog.mock.calls[0] as [unknown, { defaultPath: string; filters: unknown }];
    expect(parent).toBe(owner);
    expect(options.defaultPath).toBe(path.join(downloads, 'itinerary-K7QM2T.pdf'));
    expect(options.filters).toEqual([{ name: 'PDF document', extensions: ['pdf'] }]);
    expect(fs.readFileSync(`${chosen}.pdf`)).toEqual(Buffer.from(PDF.base64, 'base64'));
  });

  it('writes nothing when the user cancels, and refuses what is not a PDF or names a path', async () => {
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await save(PDF)).toEqual({ ok: true, value: { saved: false, path: null } });
    const before = fs.readdirSync(downloads);
    expect(await save({ ...PDF, base64: Buffer.from('<html>').toString('base64') })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await save({ ...PDF, fileName: '../../.bashrc.pdf' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await save({ ...PDF, contentType: 'text/html' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(dialog.showSaveDialog).toHaveBeenCalledTimes(1);
    expect(fs.readdirSync(downloads)).toEqual(before);
  });
});
