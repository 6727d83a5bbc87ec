import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary, whyNoElectron } from '../../scripts/start.mjs';
import { tempDir } from './coreFixture';

describe('npm start: Electron or the headless server', () => {
  it('finds the Electron binary from path.txt without require("electron") (which would download it)', () => {
    const dir = tempDir('electron-pkg');
    expect(electronBinary(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, 'path.txt'), 'electron');
    expect(electronBinary(dir)).toBeNull();
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'electron'), '');
    expect(electronBinary(dir)).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('says in one line why it falls back to the server', () => {
    expect(whyNoElectron({}, 'linux', null)).toBe('Electron is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD)');
    expect(whyNoElectron({}, 'linux', '/x/electron')).toMatch(/no display/);
    expect(whyNoElectron({ DISPLAY: ':0' }, 'linux', '/x/electron')).toBeNull();
    expect(whyNoElectron({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', '/x/electron')).toBeNull();
    expect(whyNoElectron({}, 'win32', 'C:/electron.exe')).toBeNull();
    expect(whyNoElectron({}, 'darwin', '/x/Electron')).toBeNull();
  });

  it('on this machine: no Electron binary, so the server it is', () => {
    expect(whyNoElectron({ DISPLAY: ':0' })).toMatch(/not installed/);
  });
});
