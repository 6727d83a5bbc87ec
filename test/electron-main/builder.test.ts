import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// electron-builder's own loader, validator and file matcher (app-builder-lib comes with electron-builder).
import type { Configuration } from 'app-builder-lib';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Platform } from 'app-builder-lib';
import { WindowsSignToolManager } from 'app-builder-lib/out/codeSign/windowsSignToolManager';
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher';
import { getAppUpdatePublishConfiguration } from 'app-builder-lib/out/publish/PublishManager';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { expandMacro } from 'app-builder-lib/out/util/macroExpander';
import { DebugLogger } from 'builder-util';
import { UPDATE_SIGNING_KEY_FILE } from '../../main/electron-main/updater';
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
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3-multiple-ciphers/**');
    expect(matches(config, 'asarUnpack', 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node')).toBe(true);
    expect(matches(config, 'asarUnpack', 'node_modules/better-sqlite3-multiple-ciphers/lib/database.js')).toBe(true);
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

/**
 * The app-update.yml electron-builder writes into a Windows build, computed by electron-builder's
 * own code on a stand-in packager that has NO signing certificate (as on a machine without the
 * secrets): `env` are the environment variables the build runs with.
 */
async function windowsAppUpdateYml(config: Configuration, env: Record<string, string | undefined>): Promise<Record<string, unknown> | null> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  try {
    const appInfo = { version: '1.3.0', productName: 'TripDesk', channel: null, updaterCacheDirName: 'tripdesk-updater' };
    const packager: Record<string, unknown> = {
      platform: Platform.WINDOWS,
      platformSpecificBuildOptions: config.win,
      config,
      appInfo,
      info: { config, appInfo, projectDir: root },
      getCscLink: () => null,
      getCscPassword: () => null,
      expandMacro: (pattern: string, arch: string | null) => expandMacro(pattern, arch, appInfo as never),
      isForceCodeSigningVerification: config.win?.verifyUpdateCodeSignature !== false,
    };
    packager.signingManager = { value: Promise.resolve(new WindowsSignToolManager(packager as never)) };
    return (await getAppUpdatePublishConfiguration(packager as never, null, 1, false)) as Record<string, unknown> | null;
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

/** electron-updater's real NsisUpdater reading `yml` as its app-update.yml: does it check `file`'s signature? */
async function nsisVerdict(yml: Record<string, unknown> | null, file: string): Promise<{ verdict: string | null; checkedAgainst: string[][] }> {
  const req = createRequire(path.join(root, 'package.json'));
  const { NsisUpdater } = req('electron-updater/out/NsisUpdater') as { NsisUpdater: new (o: unknown, app: unknown) => { verifyUpdateCodeSignature: unknown } };
  const dumpYaml = (req('js-yaml') as { dump(v: unknown): string }).dump;
  const dir = tempDir('nsis');
  const configPath = path.join(dir, 'app-update.yml');
  if (yml) fs.writeFileSync(configPath, dumpYaml(yml));
  const app = { version: '1.2.0', name: 'TripDesk', isPackaged: true, appUpdateConfigPath: configPath, userDataPath: dir, baseCachePath: dir, whenReady: () => Promise.resolve(), onQuit: () => undefined, quit: () => undefined, relaunch: () => undefined };
  const updater = new NsisUpdater(undefined, app);
  const checkedAgainst: string[][] = [];
  // What Windows would answer for an unsigned (or foreign-signed) installer.
  updater.verifyUpdateCodeSignature = async (names: string[]) => { checkedAgainst.push(names); return 'New version is not signed by the application owner'; };
  const verdict = await (updater as unknown as { verifySignature(f: string): Promise<string | null> }).verifySignature(file);
  return { verdict, checkedAgainst };
}

describe('update verification cannot fail open', () => {
  const releaseEnv = { TRIPDESK_RELEASE_OWNER: 'tripdesk-ops', TRIPDESK_RELEASE_REPO: 'tripdesk' };

  it('refuses to build unsigned Windows or macOS apps (forceCodeSigning), and signs macOS with an identity', async () => {
    const config = await loadBuilderConfig();
    expect(config.forceCodeSigning).toBe(true);
    expect(config.win?.forceCodeSigning).not.toBe(false);
    expect(config.mac?.forceCodeSigning).not.toBe(false);
    expect(config.mac?.identity).not.toBeNull();
    expect(config.win?.signAndEditExecutable).not.toBe(false);
    expect(config.win?.signExecutable).not.toBe(false);
  });

  it('names the Windows publisher, so even a build without a certificate writes it into app-update.yml', async () => {
    const config = await loadBuilderConfig();
    const publisher = config.win?.signtoolOptions?.publisherName;
    expect(typeof publisher === 'string' && publisher.trim().length > 0).toBe(true);
    const yml = await windowsAppUpdateYml(config, { ...releaseEnv, CSC_LINK: undefined, WIN_CSC_LINK: undefined });
    expect(yml).toMatchObject({ provider: 'github', owner: 'tripdesk-ops', repo: 'tripdesk', publisherName: [publisher] });
  });

  it("so electron-updater checks an update's Authenticode signature against that publisher, and refuses an unsigned one", async () => {
    const config = await loadBuilderConfig();
    const yml = await windowsAppUpdateYml(config, { ...releaseEnv, CSC_LINK: undefined, WIN_CSC_LINK: undefined });
    const { verdict, checkedAgainst } = await nsisVerdict(yml, 'C:\\Temp\\TripDesk-Setup-1.3.0.exe');
    expect(checkedAgainst).toEqual([[config.win?.signtoolOptions?.publisherName]]);
    expect(verdict).toMatch(/not signed by the application owner/);
  });

  it('takes the release repository from the environment, and stops the build when it is not set', async () => {
    const config = await loadBuilderConfig();
    expect(config.publish).toEqual([{ provider: 'github', owner: '${env.TRIPDESK_RELEASE_OWNER}', repo: '${env.TRIPDESK_RELEASE_REPO}', releaseType: 'draft' }]);
    expect(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')).not.toMatch(/owner: tripdesk-org/);
    await expect(windowsAppUpdateYml(config, { TRIPDESK_RELEASE_OWNER: undefined, TRIPDESK_RELEASE_REPO: 'tripdesk' })).rejects.toThrow(/TRIPDESK_RELEASE_OWNER is not defined/);
    await expect(windowsAppUpdateYml(config, { TRIPDESK_RELEASE_OWNER: 'x', TRIPDESK_RELEASE_REPO: undefined })).rejects.toThrow(/TRIPDESK_RELEASE_REPO is not defined/);
    const ops = fs.readFileSync(path.join(root, 'docs', 'OPERATORS.md'), 'utf8');
    expect(ops).toContain('TRIPDESK_RELEASE_OWNER');
    expect(ops).toContain('TRIPDESK_RELEASE_REPO');
  });

  it("ships the update-signing key in Linux builds, and names packages the way the updater's check expects", async () => {
    const config = await loadBuilderConfig();
    expect(config.linux?.extraResources).toEqual([{ from: 'build/update-signing-key.pem', to: UPDATE_SIGNING_KEY_FILE }]);
    const appInfo = { version: '1.3.0-beta.2', productName: 'TripDesk', sanitizedProductName: 'TripDesk' } as never;
    const name = (arch: string, ext: string) => expandMacro(config.linux!.artifactName!, arch, appInfo, { ext });
    expect([name('x86_64', 'AppImage'), name('amd64', 'deb'), name('x86_64', 'rpm')]).toEqual([
      'TripDesk-1.3.0-beta.2-x86_64.AppImage',
      'TripDesk-1.3.0-beta.2-amd64.deb',
      'TripDesk-1.3.0-beta.2-x86_64.rpm',
    ]);
  });
});

describe('the native module in an app.asar.unpacked layout', () => {
  it('loads better-sqlite3 and its binding from the unpacked folder alone', () => {
    const here = createRequire(path.join(root, 'package.json'));
    const pkgDir = path.dirname(here.resolve('better-sqlite3-multiple-ciphers/package.json'));
    const unpacked = path.join(tempDir('asar'), 'resources', 'app.asar.unpacked');
    const copy = (from: string, to: string) => fs.cpSync(from, to, { recursive: true });
    const target = path.join(unpacked, 'node_modules', 'better-sqlite3-multiple-ciphers');
    copy(path.join(pkgDir, 'package.json'), path.join(target, 'package.json'));
    copy(path.join(pkgDir, 'lib'), path.join(target, 'lib'));
    copy(path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node'), path.join(target, 'build', 'Release', 'better_sqlite3.node'));
    for (const dep of ['bindings', 'file-uri-to-path']) {
      copy(path.dirname(here.resolve(`${dep}/package.json`)), path.join(unpacked, 'node_modules', dep));
    }
    const req = createRequire(path.join(unpacked, 'index.js'));
    const resolved = req.resolve('better-sqlite3-multiple-ciphers');
    expect(resolved.startsWith(target)).toBe(true);
    const Database = req('better-sqlite3-multiple-ciphers') as typeof BetterSqlite3;
    const db = new Database(':memory:');
    expect(db.prepare('SELECT 41 + 1 AS answer').get()).toEqual({ answer: 42 });
    db.close();
    const binding = path.join(target, 'build', 'Release', 'better_sqlite3.node');
    expect(Object.keys(req.cache)).toContain(binding);
  });
});
