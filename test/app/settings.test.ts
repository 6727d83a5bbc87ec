import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/core/config';
import { coreEnv, databaseUrls, insertUrlPassword, SettingsStore, splitUrlPassword } from '../../main/app/settings';
import { createSettingsService, serverFingerprint } from '../../main/app/settingsService';
import { Redactor } from '../../main/app/logging';
import { filesUnder, tempDir } from './coreFixture';
import { safeStorage } from './fakeElectron';

const SECRET = 'S3cr3t!pa55/word';

describe('settings and secrets', () => {
  let dir: string;
  let store: SettingsStore;
  beforeEach(() => {
    safeStorage.available = true;
    safeStorage.backend = 'gnome_libsecret';
    dir = tempDir('settings');
    store = new SettingsStore(path.join(dir, 'settings.json'), safeStorage, 'linux');
  });

  it('stores passwords only encrypted, with safeStorage', () => {
    store.update({ mysqlUrl: 'mysql://tripdesk@db.local:3306/tripdesk', mysqlPassword: SECRET, mongoUrl: 'mongodb://tripdesk@docs.local:27017/tripdesk', mongoPassword: SECRET });
    expect(safeStorage.encryptString).toHaveBeenCalledWith(SECRET);
    for (const file of filesUnder(dir)) {
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(SECRET), file).toBe(false);
      expect(bytes.includes(encodeURIComponent(SECRET)), file).toBe(false);
    }
    const stored = store.read();
    expect(stored.mysqlUrl).toBe('mysql://tripdesk@db.local:3306/tripdesk');
    expect(stored.mysqlPasswordEnc).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(store.secrets()).toMatchObject({ mysqlPassword: SECRET, mongoPassword: SECRET, problems: [] });
    if (process.platform !== 'win32') expect(fs.statSync(store.file).mode & 0o077).toBe(0);
  });

  it('takes a password typed into the URL out of it', () => {
    store.update({ mysqlUrl: `mysql://tripdesk:${encodeURIComponent(SECRET)}@db:3306/tripdesk`, mongoUrl: 'mongodb://a:27017,b:27017/tripdesk?replicaSet=rs0' });
    expect(store.read().mysqlUrl).toBe('mysql://tripdesk@db:3306/tripdesk');
    expect(store.secrets().mysqlPassword).toBe(SECRET);
    expect(fs.readFileSync(store.file, 'utf8')).not.toContain(encodeURIComponent(SECRET));
    expect(store.read().mongoUrl).toBe('mongodb://a:27017,b:27017/tripdesk?replicaSet=rs0');
  });

  it('refuses to store a secret when the keychain is unavailable, and says so', () => {
    safeStorage.available = false;
    expect(() => store.update({ mysqlUrl: 'mysql://u@db/x', mongoUrl: 'mongodb://u@m/x', mysqlPassword: SECRET })).toThrow(/keychain/);
    expect(fs.existsSync(store.file)).toBe(false);
    expect(store.encryption()).toMatchObject({ available: false });
    // URLs without secrets may still be saved
    store.update({ mysqlUrl: 'mysql://u@db/x', mongoUrl: 'mongodb://u@m/x' });
    expect(store.read().mysqlUrl).toBe('mysql://u@db/x');
  });

  it("treats Linux's basic_text backend (a fixed key) as no encryption", () => {
    safeStorage.backend = 'basic_text';
    try {
      store.update({ mysqlUrl: 'mysql://u@db/x', mongoUrl: 'mongodb://u@m/x', mysqlPassword: SECRET });
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'FORBIDDEN', details: { field: 'mysqlPassword', reason: 'no-keychain' } });
      expect(String((err as Error).message)).toMatch(/keyring/);
    }
    expect(new SettingsStore(store.file, safeStorage, 'darwin').encryption().available).toBe(true);
  });

  it('validates URLs: the right scheme, both or neither, a user for a password', () => {
    expect(() => store.update({ mysqlUrl: 'http://db', mongoUrl: 'mongodb://m/x' })).toThrow(/mysqlUrl/);
    expect(() => store.update({ mysqlUrl: 'mysql://db/x', mongoUrl: 'postgres://m/x' })).toThrow(/mongoUrl/);
    expect(() => store.update({ mysqlUrl: 'mysql://db/x' })).toThrow(/both/);
    expect(() => store.update({ mysqlUrl: 'mysql://db/x', mongoUrl: 'mongodb://m/x', mysqlPassword: SECRET })).toThrow(/user name/);
    expect(() => store.update({ updateChannel: 'nightly' })).toThrow(/updateChannel/);
    store.update({ mysqlUrl: 'mysql://u@db/x', mongoUrl: 'mongodb+srv://u@cluster.example/x', mysqlPassword: SECRET, updateChannel: 'beta' });
    expect(store.read()).toMatchObject({ updateChannel: 'beta', mongoUrl: 'mongodb+srv://u@cluster.example/x' });
    // clearing the URLs forgets the passwords too
    store.update({ mysqlUrl: '', mongoUrl: '' });
    expect(store.read()).toMatchObject({ mysqlUrl: null, mongoUrl: null, mysqlPasswordEnc: null, mongoPasswordEnc: null, updateChannel: 'beta' });
  });

  it('keeps a stored password when the field is left empty, forgets it on null', () => {
    store.update({ mysqlUrl: 'mysql://u@db/x', mongoUrl: 'mongodb://u@m/x', mysqlPassword: SECRET });
    store.update({ mysqlUrl: 'mysql://u@db2/x', mongoUrl: 'mongodb://u@m/x', mysqlPassword: '' });
    expect(store.secrets().mysqlPassword).toBe(SECRET);
    store.update({ mysqlPassword: null });
    expect(store.secrets().mysqlPassword).toBeNull();
  });

  it('builds the core config from the settings, with the decrypted password in the URL', () => {
    store.update({ mysqlUrl: 'mysql://tripdesk@db:3306/tripdesk', mysqlPassword: SECRET, mongoUrl: 'mongodb://tripdesk@m:27017/tripdesk', mongoPassword: 'mongo-pw' });
    const { env, fromEnv } = coreEnv({}, store.read(), store.secrets(), '/users/ann/TripDesk');
    expect(fromEnv).toBe(false);
    const config = loadConfig(env);
    expect(config.mysqlUrl).toBe(`mysql://tripdesk:${encodeURIComponent(SECRET)}@db:3306/tripdesk`);
    expect(config.mongoUrl).toBe('mongodb://tripdesk:mongo-pw@m:27017/tripdesk');
    expect(config.dataDir).toBe('/users/ann/TripDesk');
    const u = new URL(config.mysqlUrl ?? '');
    expect(decodeURIComponent(u.password)).toBe(SECRET);
  });

  it('lets TRIPDESK_MYSQL_URL / TRIPDESK_MONGO_URL / TRIPDESK_DATA_DIR win over the settings', () => {
    store.update({ mysqlUrl: 'mysql://u@db/x', mongoUrl: 'mongodb://u@m/x' });
    const given = { TRIPDESK_MYSQL_URL: 'mysql://root@127.0.0.1/t', TRIPDESK_MONGO_URL: 'mongodb://127.0.0.1/t', TRIPDESK_DATA_DIR: '/data' };
    const { env, fromEnv } = coreEnv(given, store.read(), store.secrets(), '/ignored');
    expect(fromEnv).toBe(true);
    expect(loadConfig(env)).toMatchObject({ mysqlUrl: given.TRIPDESK_MYSQL_URL, mongoUrl: given.TRIPDESK_MONGO_URL, dataDir: '/data' });
    expect(loadConfig(coreEnv({}, StoredDefaults(), { mysqlPassword: null, mongoPassword: null }, '/u').env)).toMatchObject({ mysqlUrl: null, mongoUrl: null });
  });

  it('survives a corrupt settings file', () => {
    fs.writeFileSync(store.file, '{ not json');
    expect(store.read()).toMatchObject({ mysqlUrl: null, updateChannel: 'stable' });
    expect(store.readProblem).toMatch(/not valid JSON/);
  });

  it('reads back a password it cannot decrypt as missing, with a reason', () => {
    store.update({ mysqlUrl: 'mysql://u@db/x', mongoUrl: 'mongodb://u@m/x', mysqlPassword: SECRET });
    const raw = JSON.parse(fs.readFileSync(store.file, 'utf8'));
    raw.mysqlPasswordEnc = Buffer.from('garbage').toString('base64');
    fs.writeFileSync(store.file, JSON.stringify(raw));
    const s = store.secrets();
    expect(s.mysqlPassword).toBeNull();
    expect(s.problems[0]).toMatch(/cannot be decrypted/);
  });
});

function StoredDefaults() {
  return { version: 1 as const, mysqlUrl: null, mysqlPasswordEnc: null, mongoUrl: null, mongoPasswordEnc: null, updateChannel: 'stable' as const };
}

describe('URL credentials', () => {
  it('splits and re-inserts passwords, encoded', () => {
    expect(splitUrlPassword('mysql://ann:p%40ss@db:3306/x')).toEqual({ url: 'mysql://ann@db:3306/x', user: 'ann', password: 'p@ss' });
    expect(splitUrlPassword('mysql://db/x')).toEqual({ url: 'mysql://db/x', user: null, password: null });
    expect(insertUrlPassword('mysql://ann@db/x', 'p@ss/:')).toBe('mysql://ann:p%40ss%2F%3A@db/x');
    expect(insertUrlPassword('mysql://db/x', 'p')).toBe('mysql://db/x');
    expect(databaseUrls({ mysqlUrl: 'mysql://a@h/d', mongoUrl: null }, { mysqlPassword: 'x y', mongoPassword: null })).toEqual({ mysqlUrl: 'mysql://a:x%20y@h/d', mongoUrl: null });
  });
});

describe('the Settings screen service', () => {
  it('shows URLs without passwords, flags, folders, and whether a restart is needed', async () => {
    const dir = tempDir('svc');
    const store = new SettingsStore(path.join(dir, 'settings.json'), safeStorage, 'linux');
    const channels: string[] = [];
    let relaunched = 0;
    const tried: string[] = [];
    const svc = createSettingsService({
      store,
      host: { core: () => null, problem: () => 'could not reach MySQL' },
      redactor: new Redactor(),
      paths: { dataDir: dir, dataFile: path.join(dir, 'tripdesk.sqlite'), logDir: path.join(dir, 'logs') },
      envOverride: false,
      env: {},
      startedWith: serverFingerprint(store.read()),
      onUpdateChannel: (c) => channels.push(c),
      relaunch: () => relaunched++,
      probes: {
        mysql: async (url) => { tried.push(url); },
        mongo: async (url) => { tried.push(url); throw new Error(`connect ECONNREFUSED for ${url}`); },
      },
    });
    expect(svc.view()).toMatchObject({ mysqlUrl: null, hasMysqlPassword: false, restartRequired: false, core: { mode: null, problem: 'could not reach MySQL' } });
    const view = svc.set({ mysqlUrl: 'mysql://u@db/x', mongoUrl: 'mongodb://u@m/x', mongoPassword: SECRET, updateChannel: 'beta' });
    expect(view).toMatchObject({ mysqlUrl: 'mysql://u@db/x', hasMysqlPassword: false, hasMongoPassword: true, updateChannel: 'beta', restartRequired: true, encryptionAvailable: true });
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(channels).toEqual(['beta']);
    const result = await svc.test(undefined);
    expect(tried).toEqual(['mysql://u@db/x', `mongodb://u:${encodeURIComponent(SECRET)}@m/x`]);
    expect(result).toMatchObject({ ok: false, mysql: { ok: true }, mongo: { ok: false } });
    expect(result.mongo.message).toMatch(/ECONNREFUSED/);
    expect(result.mongo.message).not.toContain(SECRET);
    expect(result.mongo.message).not.toContain(encodeURIComponent(SECRET));
    svc.restart();
    expect(relaunched).toBe(1);
  });

  it('reports an unreachable server as a failed test, not an error', async () => {
    const { testConnections } = await import('../../main/app/connectionTest');
    const result = await testConnections({ mysqlUrl: 'mysql://u:pw-secret@127.0.0.1:1/x', mongoUrl: null }, (t) => new Redactor().text(t));
    expect(result.ok).toBe(false);
    expect(result.mysql.ok).toBe(false);
    expect(result.mongo).toEqual({ ok: false, message: 'No MongoDB URL is set.' });
    expect(result.mysql.message).not.toContain('pw-secret');
  });
});
