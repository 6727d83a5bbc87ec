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
    const pkg = tempDir('electron-pkg');
    fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron"}');
    // The package is there but its binary is not: the download was skipped on purpose, or it failed.
    expect(whyNoElectron({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, 'linux', null, pkg))
      .toBe('the Electron binary is not installed: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so npm ci skipped its download');
    const failed = whyNoElectron({ DISPLAY: ':0' }, 'linux', null, pkg);
    expect(failed).toMatch(/^the Electron binary is not installed \(node_modules\/electron\/dist missing/);
    expect(failed).toContain('run npm ci again, without ELECTRON_SKIP_BINARY_DOWNLOAD');
    // No electron package at all (npm ci never ran, or ran with --omit=dev).
    expect(whyNoElectron({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, 'linux', null, path.join(pkg, 'absent')))
      .toBe('the electron package is not installed (node_modules/electron missing); run npm ci');
    expect(whyNoElectron({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, 'linux', null, pkg)).toMatch(/ELECTRON_OVERRIDE_DIST_PATH points \(\/opt\/electron\)/);
    // A binary but nowhere to show a window.
    expect(whyNoElectron({}, 'linux', '/x/electron', pkg)).toBe('there is no display (DISPLAY and WAYLAND_DISPLAY are unset)');
    expect(whyNoElectron({ DISPLAY: ':0' }, 'linux', '/x/electron', pkg)).toBeNull();
    expect(whyNoElectron({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', '/x/electron', pkg)).toBeNull();
    expect(whyNoElectron({}, 'win32', 'C:/electron.exe', pkg)).toBeNull();
    expect(whyNoElectron({}, 'darwin', '/x/Electron', pkg)).toBeNull();
  });

  it('on this machine: the electron package without its binary, and the line does not blame a variable that is unset', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: ':0' };
    delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
    const reason = whyNoElectron(env);
    expect(reason).toMatch(/not installed/);
    expect(reason).not.toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
  });
});
