import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// electron-builder's own loader, validator and file matcher (app-builder-lib comes with electron-builder).
import type { Configuration } from 'app-builder-lib';
import type BetterSqlite3 from 'better-sqlite3';
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { tempDir } from './coreFixture';

const root = path.resolve(__dirname, '..', '..');

async function loadBuilderConfig(): Promise<Configuration> {
  return getConfig(root, path.join(root, 'electron-builder.yml'), null);
}

/** Whether electron-builder's matcher for `name` takes `rel` (a path inside the app folder). */
function matches(config: Configuration, name: 'files' | 'asarUnpack', rel: string): boolean {
  const matchers = getFileMatchers(config, name, '/out', {
    macroExpander: (s) => s,
    customBuildOptions: {},
    globalOutDir: path.join(root, 'release'),
    defaultSrc: root,
  });
  if (!matchers) return false;
  const stat = { isDirectory: () => false } as fs.Stats;
  return matchers.some((m) => m.createFilter()(path.join(root, rel), stat));
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    const config = await loadBuilderConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // and the validation is real: an unknown option fails it
    await expect(validateConfiguration({ ...config, notAnOption: true } as Configuration, new DebugLogger(false))).rejects.toThrow(/notAnOption|unknown property/);
  });

  it('names the product and ships the bundles, the renderer and the migrations', async () => {
    const config = await loadBuilderConfig();
    expect(config).toMatchObject({ appId: 'com.tripdesk.console', productName: 'TripDesk', asar: true, directories: { output: 'release' } });
    for (const rel of ['dist/main/main.cjs', 'dist/main/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/assets/index-abc.js', 'migrations/sqlite/001_schema.sql', 'migrations/mysql/002_change_log_triggers.sql', 'migrations/mongo/001_collections.json', 'package.json']) {
      expect(matches(config, 'files', rel), rel).toBe(true);
    }
    for (const rel of ['main/electron-main/main.ts', 'test/electron-main/builder.test.ts', 'electron-builder.yml', '.github/workflows/release.yml']) {
      expect(matches(config, 'files', rel), rel).toBe(false);
    }
  });

  it('flips the security fuses (built into electron-builder 26, applied just before signing)', async () => {
    const config = await loadBuilderConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('unpacks better-sqlite3 from the asar so its .node binary can be loaded', async () => {
    const config = await loadBuilderConfig();
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(matches(config, 'asarUnpack', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(matches(config, 'asarUnpack', 'node_modules/better-sqlite3/lib/database.js')).toBe(true);
    expect(matches(config, 'asarUnpack', 'dist/main/main.cjs')).toBe(false);
    expect(config.npmRebuild).toBe(true);
  });

  it('signs and notarises macOS with the hardened runtime, and targets every OS', async () => {
    const config = await loadBuilderConfig();
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlements: 'build/entitlements.mac.plist' });
    const plist = fs.readFileSync(path.join(root, 'build', 'entitlements.mac.plist'), 'utf8');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    expect(plist).not.toContain('disable-library-validation');
    const targets = (list: unknown) => JSON.stringify(list);
    expect(targets(config.mac?.target)).toMatch(/dmg/);
    expect(targets(config.mac?.target)).toMatch(/zip/);
    expect(targets(config.win?.target)).toMatch(/nsis/);
    expect(config.win?.verifyUpdateCodeSignature).not.toBe(false);
    expect(config.linux).toMatchObject({ category: 'Office', target: ['AppImage', 'deb', 'rpm'] });
    expect(JSON.stringify(config.publish)).toMatch(/"provider":"github"/);
  });
});

describe('the native module in an app.asar.unpacked layout', () => {
  it('loads better-sqlite3 and its binding from the unpacked folder alone', () => {
    const here = createRequire(path.join(root, 'package.json'));
    const pkgDir = path.dirname(here.resolve('better-sqlite3/package.json'));
    const unpacked = path.join(tempDir('asar'), 'resources', 'app.asar.unpacked');
    const copy = (from: string, to: string) => fs.cpSync(from, to, { recursive: true });
    const target = path.join(unpacked, 'node_modules', 'better-sqlite3');
    copy(path.join(pkgDir, 'package.json'), path.join(target, 'package.json'));
    copy(path.join(pkgDir, 'lib'), path.join(target, 'lib'));
    copy(path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node'), path.join(target, 'build', 'Release', 'better_sqlite3.node'));
    for (const dep of ['bindings', 'file-uri-to-path']) {
      copy(path.dirname(here.resolve(`${dep}/package.json`)), path.join(unpacked, 'node_modules', dep));
    }
    const req = createRequire(path.join(unpacked, 'index.js'));
    const resolved = req.resolve('better-sqlite3');
    expect(resolved.startsWith(target)).toBe(true);
    const Database = req('better-sqlite3') as typeof BetterSqlite3;
    const db = new Database(':memory:');
    expect(db.prepare('SELECT 41 + 1 AS answer').get()).toEqual({ answer: 42 });
    db.close();
    const binding = path.join(target, 'build', 'Release', 'better_sqlite3.node');
    expect(Object.keys(req.cache)).toContain(binding);
  });
});
