import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../main/core/config';
import { coreEnv, databaseUrls, insertUrlPassword, SettingsStore, splitUrlPassword } from '../../main/electron-main/settings';
import { createSettingsService, serverFingerprint } from '../../main/electron-main/settingsService';
import { Redactor } from '../../main/electron-main/logging';
import { createSmtpSender } from '../../main/core/integrations/mail/smtpSender';
import { MAIL_FROM, SMTP_PASSWORD, SMTP_USER, startTestSmtp } from '../support/smtpServer';
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

  it('stores the deals pipeline brokers and topic in plain settings, off by default', () => {
    expect(store.read()).toMatchObject({ kafkaBrokers: null, kafkaTopic: 'deals' });
    store.update({ kafkaBrokers: ' kafka1.local:9092 , kafka2.local:19092,', kafkaTopic: 'deals.v2_eu-west' });
    expect(store.read()).toMatchObject({ kafkaBrokers: 'kafka1.local:9092,kafka2.local:19092', kafkaTopic: 'deals.v2_eu-west' });
    expect(JSON.parse(fs.readFileSync(store.file, 'utf8'))).toMatchObject({ kafkaBrokers: 'kafka1.local:9092,kafka2.local:19092', kafkaTopic: 'deals.v2_eu-west' });
    expect(safeStorage.encryptString).not.toHaveBeenCalledWith(expect.stringContaining('kafka'));
    // untouched when not given; '' turns the pipeline off and puts the default topic back
    store.update({ updateChannel: 'beta' });
    expect(store.read()).toMatchObject({ kafkaBrokers: 'kafka1.local:9092,kafka2.local:19092', kafkaTopic: 'deals.v2_eu-west' });
    store.update({ kafkaBrokers: '', kafkaTopic: '' });
    expect(store.read()).toMatchObject({ kafkaBrokers: null, kafkaTopic: 'deals' });
    // saved without a keychain: there is no secret in it
    safeStorage.available = false;
    store.update({ kafkaBrokers: '10.0.0.5:9092' });
    expect(store.read().kafkaBrokers).toBe('10.0.0.5:9092');
  });

  it('validates the deals pipeline: host:port brokers with ports 1–65535, a Kafka topic name', () => {
    for (const bad of ['kafka1', 'kafka1:', 'kafka1:0', 'kafka1:65536', 'kafka1:9092,kafka2', 'kafka://k:9092', 'k 1:9092', '[::1]:9092']) {
      try {
        store.update({ kafkaBrokers: bad });
        expect.unreachable(bad);
      } catch (err) {
        expect(err, bad).toMatchObject({ code: 'VALIDATION', details: { field: 'kafkaBrokers' } });
        expect(String((err as Error).message)).toMatch(/^Kafka brokers: .*host:port.*1 to 65535/);
      }
    }
    for (const bad of ['deals topic', 'deals/eu', 'déals', '.', '..', 'x'.repeat(250)]) {
      expect(() => store.update({ kafkaTopic: bad }), bad).toThrow(/Deals topic/);
    }
    expect(fs.existsSync(store.file)).toBe(false);
    store.update({ kafkaBrokers: 'k:1,k:65535', kafkaTopic: 't'.repeat(249) });
    expect(store.read()).toMatchObject({ kafkaBrokers: 'k:1,k:65535', kafkaTopic: 't'.repeat(249) });
  });

  it('passes the deals pipeline to the core; TRIPDESK_KAFKA_BROKERS wins over the settings', () => {
    store.update({ kafkaBrokers: 'kafka1:9092,kafka2:9093', kafkaTopic: 'deals-eu' });
    const built = coreEnv({}, store.read(), store.secrets(), '/u');
    expect(built).toMatchObject({ fromEnv: false, kafkaFromEnv: false, env: { TRIPDESK_KAFKA_BROKERS: 'kafka1:9092,kafka2:9093', TRIPDESK_KAFKA_TOPIC: 'deals-eu' } });
    expect(loadConfig(built.env).kafka).toEqual({ brokers: ['kafka1:9092', 'kafka2:9093'], topic: 'deals-eu', groupId: 'tripdesk-console' });
    // the operator's environment wins, topic and group included
    const given = { TRIPDESK_KAFKA_BROKERS: 'ops-kafka:9092', TRIPDESK_KAFKA_TOPIC: 'ops-deals', TRIPDESK_KAFKA_GROUP: 'ops' };
    const over = coreEnv(given, store.read(), store.secrets(), '/u');
    expect(over.kafkaFromEnv).toBe(true);
    expect(over.fromEnv).toBe(false);
    expect(loadConfig(over.env).kafka).toEqual({ brokers: ['ops-kafka:9092'], topic: 'ops-deals', groupId: 'ops' });
    // the database override does not touch the pipeline, and the other way round
    const dbOnly = coreEnv({ TRIPDESK_MYSQL_URL: 'mysql://root@127.0.0.1/t', TRIPDESK_MONGO_URL: 'mongodb://127.0.0.1/t' }, store.read(), store.secrets(), '/u');
    expect(dbOnly).toMatchObject({ fromEnv: true, kafkaFromEnv: false, env: { TRIPDESK_KAFKA_BROKERS: 'kafka1:9092,kafka2:9093' } });
    // not configured: off, even if a stale topic is in the environment
    const off = coreEnv({ TRIPDESK_KAFKA_TOPIC: 'stale' }, StoredDefaults(), { mysqlPassword: null, mongoPassword: null }, '/u');
    expect(off.env).toMatchObject({ TRIPDESK_KAFKA_BROKERS: '', TRIPDESK_KAFKA_TOPIC: 'deals' });
    expect(loadConfig(off.env).kafka).toBeNull();
  });

  it('keeps the SMTP password only encrypted, and the core mails through the saved server with it', async () => {
    const smtp = await startTestSmtp();
    try {
      store.update({ smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecurity: 'opportunistic', smtpUser: SMTP_USER, smtpPassword: SMTP_PASSWORD, mailFrom: MAIL_FROM });
      for (const file of filesUnder(dir)) expect(fs.readFileSync(file).includes(SMTP_PASSWORD), file).toBe(false);
      expect(safeStorage.encryptString).toHaveBeenCalledWith(SMTP_PASSWORD);
      const built = coreEnv({}, store.read(), store.secrets(), '/u');
      expect(built.smtpFromEnv).toBe(false);
      const config = loadConfig(built.env);
      expect(config.smtp).toMatchObject({ host: '127.0.0.1', port: smtp.port, security: 'opportunistic', user: SMTP_USER, password: SMTP_PASSWORD, from: MAIL_FROM });
      await createSmtpSender(config.smtp).send({ from: MAIL_FROM, to: 'ada@example.test', subject: 'Your itinerary', text: 'hello', messageId: '<op-1@tripdesk>', attachments: [] });
      const [mail] = await smtp.waitFor(1);
      expect(mail).toMatchObject({ messageId: '<op-1@tripdesk>', to: ['ada@example.test'] });

      // STARTTLS required and TLS say so in the URL the core reads; the operator's TRIPDESK_SMTP_URL wins.
      store.update({ smtpSecurity: 'starttls', smtpPort: 587 });
      expect(loadConfig(coreEnv({}, store.read(), store.secrets(), '/u').env).smtp).toMatchObject({ security: 'starttls', port: 587 });
      store.update({ smtpSecurity: 'tls', smtpPort: 465 });
      expect(loadConfig(coreEnv({}, store.read(), store.secrets(), '/u').env).smtp).toMatchObject({ security: 'tls', port: 465 });
      const over = coreEnv({ TRIPDESK_SMTP_URL: 'smtp://ops@relay.local:25', TRIPDESK_MAIL_FROM: 'ops@agency.example' }, store.read(), store.secrets(), '/u');
      expect(over.smtpFromEnv).toBe(true);
      expect(loadConfig(over.env).smtp).toMatchObject({ host: 'relay.local', port: 25, user: 'ops', from: 'ops@agency.example' });

      // An empty server turns email off and forgets the password; bad input says which field.
      expect(() => store.update({ smtpHost: 'mail server' })).toThrow(/SMTP server: "mail server" is not a host name/);
      expect(() => store.update({ mailFrom: 'nobody' })).toThrow(/From address: "nobody"/);
      store.update({ smtpHost: '' });
      expect(store.read()).toMatchObject({ smtpHost: null, smtpPasswordEnc: null });
      expect(loadConfig(coreEnv({}, store.read(), store.secrets(), '/u').env).smtp).toBeNull();
    } finally {
      await smtp.close();
    }
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
  return { version: 1 as const, mysqlUrl: null, mysqlPasswordEnc: null, mongoUrl: null, mongoPasswordEnc: null, updateChannel: 'stable' as const, kafkaBrokers: null, kafkaTopic: 'deals',
    smtpHost: null, smtpPort: 587, smtpSecurity: 'starttls' as const, smtpUser: null, smtpPasswordEnc: null, mailFrom: null };
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

  it('shows the deals pipeline settings and asks for a restart when they change', () => {
    const dir = tempDir('svc-kafka');
    const store = new SettingsStore(path.join(dir, 'settings.json'), safeStorage, 'linux');
    const make = (env: NodeJS.ProcessEnv, envOverride = false) => createSettingsService({
      store,
      host: { core: () => null, problem: () => null },
      redactor: new Redactor(),
      paths: { dataDir: dir, dataFile: path.join(dir, 'tripdesk.sqlite'), logDir: path.join(dir, 'logs') },
      envOverride,
      env,
      startedWith: serverFingerprint(store.read()),
      onUpdateChannel: () => undefined,
      relaunch: () => undefined,
    });
    const svc = make({});
    expect(svc.view()).toMatchObject({ kafkaBrokers: null, kafkaTopic: 'deals', kafkaEnvOverride: false, restartRequired: false });
    expect(svc.set({ kafkaBrokers: 'kafka1:9092', kafkaTopic: 'deals-eu' })).toMatchObject({ kafkaBrokers: 'kafka1:9092', kafkaTopic: 'deals-eu', restartRequired: true });
    expect(() => svc.set({ kafkaBrokers: 'kafka1:99999' })).toThrow(/Kafka brokers/);
    // started with these settings: nothing to restart for
    expect(make({}).view().restartRequired).toBe(false);
    // TRIPDESK_KAFKA_BROKERS in the environment: the saved pipeline is not in use, so no restart for it
    const fromEnv = make({ TRIPDESK_KAFKA_BROKERS: 'ops:9092' });
    expect(fromEnv.set({ kafkaBrokers: 'kafka2:9092' })).toMatchObject({ kafkaBrokers: 'kafka2:9092', kafkaEnvOverride: true, restartRequired: false });
    // the database override does not hide a pipeline change
    const dbFromEnv = make({}, true);
    expect(dbFromEnv.set({ kafkaBrokers: '' })).toMatchObject({ kafkaBrokers: null, envOverride: true, restartRequired: true });
  });

  it('reports an unreachable server as a failed test, not an error', async () => {
    const { testConnections } = await import('../../main/electron-main/connectionTest');
    const result = await testConnections({ mysqlUrl: 'mysql://u:pw-secret@127.0.0.1:1/x', mongoUrl: null }, (t) => new Redactor().text(t));
    expect(result.ok).toBe(false);
    expect(result.mysql.ok).toBe(false);
    expect(result.mongo).toEqual({ ok: false, message: 'No MongoDB URL is set.' });
    expect(result.mysql.message).not.toContain('pw-secret');
  });
});
