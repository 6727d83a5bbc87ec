import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ContractError } from '../../shared/contract';
import { SettingsInput, SmtpSecurity, UpdateChannel } from '../../shared/desktop';

/** The part of Electron's `safeStorage` we use; tests pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export const DEFAULT_KAFKA_TOPIC = 'deals';

/** What lies in `settings.json`: passwords only as safeStorage ciphertext (base64). */
const StoredSettings = z.object({
  version: z.literal(1).default(1),
  mysqlUrl: z.string().nullable().default(null),
  mysqlPasswordEnc: z.string().nullable().default(null),
  mongoUrl: z.string().nullable().default(null),
  mongoPasswordEnc: z.string().nullable().default(null),
  updateChannel: UpdateChannel.default('stable'),
  /** Deals pipeline (Kafka): `host:port,host:port`, or null when it is off. No secrets. */
  kafkaBrokers: z.string().nullable().default(null),
  kafkaTopic: z.string().default(DEFAULT_KAFKA_TOPIC),
  /** Customers' email: null host means email is off. The password only as safeStorage ciphertext. */
  smtpHost: z.string().nullable().default(null),
  smtpPort: z.number().int().default(587),
  smtpSecurity: SmtpSecurity.default('starttls'),
  smtpUser: z.string().nullable().default(null),
  smtpPasswordEnc: z.string().nullable().default(null),
  mailFrom: z.string().nullable().default(null),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

export interface Secrets {
  mysqlPassword: string | null;
  mongoPassword: string | null;
  smtpPassword?: string | null;
}

export function encryptionStatus(safe: SafeStorageLike, platform: NodeJS.Platform = process.platform): { available: boolean; problem: string | null } {
  if (!safe.isEncryptionAvailable()) {
    return { available: false, problem: "This computer's keychain is not available, so TripDesk will not store passwords." };
  }
  // Without a keyring Electron on Linux "encrypts" with a fixed, public key: that is plain text.
  if (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text') {
    return {
      available: false,
      problem: 'No keyring (GNOME Keyring or KWallet) is running, so TripDesk will not store passwords. ' +
        'Start one, or give the URLs in TRIPDESK_MYSQL_URL / TRIPDESK_MONGO_URL.',
    };
  }
  return { available: true, problem: null };
}

const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/)(?:([^:@/?#\s]*)(?::([^@/?#\s]*))?@)?([^\s]+)$/i;

/**
 * `mysql://user:secret@host/db` → the URL without the secret, and the secret (decoded).
 * A regex rather than `URL`: MongoDB's `host1,host2` seed lists are not valid WHATWG hosts.
 */
export function splitUrlPassword(url: string): { url: string; user: string | null; password: string | null } {
  const m = URL_PARTS.exec(url);
  if (!m) return { url, user: null, password: null };
  const [, scheme = '', user, password, rest = ''] = m;
  const userPart = user ? `${user}@` : '';
  let decoded: string | null = null;
  if (password !== undefined && password !== '') {
    try {
      decoded = decodeURIComponent(password);
    } catch {
      decoded = password;
    }
  }
  return { url: `${scheme}${userPart}${rest}`, user: user || null, password: decoded };
}

/** Puts a password back into a URL that names its user. */
export function insertUrlPassword(url: string, password: string | null): string {
  if (!password) return url;
  const m = URL_PARTS.exec(url);
  if (!m || !m[2]) return url;
  return `${m[1]}${m[2]}:${encodeURIComponent(password)}@${m[4]}`;
}

function checkUrl(kind: 'mysql' | 'mongo', url: string): void {
  const ok = kind === 'mysql' ? /^mysql:\/\/[^\s]+$/i : /^mongodb(\+srv)?:\/\/[^\s]+$/i;
  const field = kind === 'mysql' ? 'mysqlUrl' : 'mongoUrl';
  if (!ok.test(url) || !URL_PARTS.test(url)) {
    const example = kind === 'mysql' ? 'mysql://user@host:3306/tripdesk' : 'mongodb://user@host:27017/tripdesk';
    throw new ContractError('VALIDATION', `${field}: expected a URL like ${example}`, { field });
  }
}

/**
 * A broker list as the core's `TRIPDESK_KAFKA_BROKERS` takes it: comma-separated `host:port`,
 * each port 1–65535. Returns it normalised (no blanks), or null for '' (pipeline off).
 */
export function checkKafkaBrokers(list: string): string | null {
  const field = 'kafkaBrokers';
  const brokers = list.split(',').map((b) => b.trim()).filter((b) => b.length > 0);
  if (brokers.length === 0) return null;
  for (const b of brokers) {
    const m = /^([\w.-]+):(\d{1,5})$/.exec(b);
    const port = m ? Number(m[2]) : NaN;
    if (!m || port < 1 || port > 65535) {
      throw new ContractError(
        'VALIDATION',
        `Kafka brokers: "${b}" is not host:port with a port from 1 to 65535; give a comma list like kafka1:9092,kafka2:9092, or leave it empty to turn the deals pipeline off.`,
        { field },
      );
    }
  }
  return brokers.join(',');
}

/** A Kafka topic name: 1–249 of [a-zA-Z0-9._-], not `.` or `..`; '' means the default. */
export function checkKafkaTopic(topic: string): string {
  const field = 'kafkaTopic';
  if (topic === '') return DEFAULT_KAFKA_TOPIC;
  if (!/^[a-zA-Z0-9._-]{1,249}$/.test(topic) || topic === '.' || topic === '..') {
    throw new ContractError(
      'VALIDATION',
      'Deals topic: a Kafka topic name is 1 to 249 letters, digits, dots, underscores or hyphens (not "." or "..").',
      { field },
    );
  }
  return topic;
}

const EMAIL = /^[^@\s<>]+@[^@\s<>]+$/;

function checkSmtpHost(host: string): string {
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(host) && !/^\[[0-9A-Fa-f:.]+\]$/.test(host)) {
    throw new ContractError('VALIDATION', `SMTP server: "${host}" is not a host name (mail.example.com) or an IP address.`, { field: 'smtpHost' });
  }
  return host;
}

/** An address, or a display name with the address in angle brackets. */
function checkMailFrom(from: string): string {
  if (!EMAIL.test(from) && !/^[^<>]*<[^@\s<>]+@[^@\s<>]+>$/.test(from)) {
    throw new ContractError('VALIDATION', `From address: "${from}" is not an address (bookings@agency.example) or Name <address>.`, { field: 'mailFrom' });
  }
  return from;
}

/** The saved SMTP server as the core's TRIPDESK_SMTP_URL takes it (see `smtpSettings` in main/core/config). */
export function smtpUrl(stored: Pick<StoredSettings, 'smtpHost' | 'smtpPort' | 'smtpSecurity' | 'smtpUser'>, password: string | null | undefined): string | null {
  if (!stored.smtpHost) return null;
  const scheme = stored.smtpSecurity === 'tls' ? 'smtps' : 'smtp';
  const auth = stored.smtpUser ? `${encodeURIComponent(stored.smtpUser)}${password ? `:${encodeURIComponent(password)}` : ''}@` : '';
  const query = stored.smtpSecurity === 'starttls' ? '?starttls=required' : '';
  return `${scheme}://${auth}${stored.smtpHost}:${stored.smtpPort}${query}`;
}

export class SettingsStore {
  /** Why the file on disk could not be read (it is then treated as empty and replaced on save). */
  readProblem: string | null = null;

  constructor(
    readonly file: string,
    private readonly safe: SafeStorageLike,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  encryption(): { available: boolean; problem: string | null } {
    return encryptionStatus(this.safe, this.platform);
  }

  read(): StoredSettings {
    let raw: string;
    try {
      raw = fs.readFileSync(this.file, 'utf8');
    } catch {
      return StoredSettings.parse({});
    }
    try {
      const parsed = StoredSettings.safeParse(JSON.parse(raw));
      if (parsed.success) {
        this.readProblem = null;
        return parsed.data;
      }
      this.readProblem = `${this.file} does not look like TripDesk settings; using defaults.`;
    } catch {
      this.readProblem = `${this.file} is not valid JSON; using defaults.`;
    }
    return StoredSettings.parse({});
  }

  /** The stored passwords, decrypted; one that cannot be decrypted (keychain changed) is null. */
  secrets(stored: StoredSettings = this.read()): Secrets & { problems: string[] } {
    const problems: string[] = [];
    const open = (enc: string | null, what: string): string | null => {
      if (!enc) return null;
      try {
        return this.safe.decryptString(Buffer.from(enc, 'base64'));
      } catch {
        problems.push(`The stored ${what} password cannot be decrypted with this computer's keychain; enter it again in Settings.`);
        return null;
      }
    };
    return {
      mysqlPassword: open(stored.mysqlPasswordEnc, 'MySQL'),
      mongoPassword: open(stored.mongoPasswordEnc, 'MongoDB'),
      smtpPassword: open(stored.smtpPasswordEnc, 'SMTP'),
      problems,
    };
  }

  /** Validates, encrypts the passwords and writes the file; throws a ContractError on bad input. */
  update(rawInput: unknown): StoredSettings {
    const parsed = SettingsInput.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new ContractError('VALIDATION', `${first?.path.join('.') || '(input)'}: ${first?.message ?? 'invalid'}`);
    }
    const input = parsed.data;
    const next: StoredSettings = { ...this.read() };
    const servers = [
      { kind: 'mysql' as const, urlKey: 'mysqlUrl' as const, encKey: 'mysqlPasswordEnc' as const, password: input.mysqlPassword, url: input.mysqlUrl },
      { kind: 'mongo' as const, urlKey: 'mongoUrl' as const, encKey: 'mongoPasswordEnc' as const, password: input.mongoPassword, url: input.mongoUrl },
    ];
    for (const s of servers) {
      let newPassword: string | null | undefined = s.password === '' ? undefined : s.password;
      if (s.url !== undefined) {
        if (s.url === '') {
          next[s.urlKey] = null;
          newPassword = null;
        } else {
          checkUrl(s.kind, s.url);
          const split = splitUrlPassword(s.url);
          next[s.urlKey] = split.url;
          if (split.password !== null && newPassword === undefined) newPassword = split.password;
        }
      }
      if (newPassword === null) {
        next[s.encKey] = null;
      } else if (newPassword !== undefined) {
        const field = s.kind === 'mysql' ? 'mysqlPassword' : 'mongoPassword';
        const url = next[s.urlKey];
        if (!url) throw new ContractError('VALIDATION', `${field}: give the server URL as well.`, { field });
        if (!splitUrlPassword(url).user) {
          throw new ContractError('VALIDATION', `${field}: the URL needs a user name for the password (scheme://USER@host/…).`, { field });
        }
        const enc = this.encryption();
        if (!enc.available) throw new ContractError('FORBIDDEN', `${field}: ${enc.problem ?? 'no keychain'}`, { field, reason: 'no-keychain' });
        next[s.encKey] = this.safe.encryptString(newPassword).toString('base64');
      }
    }
    if ((next.mysqlUrl === null) !== (next.mongoUrl === null)) {
      throw new ContractError('VALIDATION', 'Central mode needs both the MySQL and the MongoDB URL; give both or neither.', {
        field: next.mysqlUrl === null ? 'mysqlUrl' : 'mongoUrl',
      });
    }
    if (input.updateChannel) next.updateChannel = input.updateChannel;
    if (input.kafkaBrokers !== undefined) next.kafkaBrokers = checkKafkaBrokers(input.kafkaBrokers);
    if (input.kafkaTopic !== undefined) next.kafkaTopic = checkKafkaTopic(input.kafkaTopic);
    this.updateSmtp(next, input);
    this.write(next);
    return next;
  }

  /** The SMTP server for customers' email: '' host turns it off and forgets its password. */
  private updateSmtp(next: StoredSettings, input: SettingsInput): void {
    if (input.smtpHost !== undefined) next.smtpHost = input.smtpHost === '' ? null : checkSmtpHost(input.smtpHost);
    if (input.smtpPort !== undefined) next.smtpPort = input.smtpPort;
    if (input.smtpSecurity !== undefined) next.smtpSecurity = input.smtpSecurity;
    if (input.smtpUser !== undefined) next.smtpUser = input.smtpUser === '' ? null : input.smtpUser;
    if (input.mailFrom !== undefined) next.mailFrom = input.mailFrom === '' ? null : checkMailFrom(input.mailFrom);
    if (next.smtpHost === null) {
      next.smtpPasswordEnc = null;
      return;
    }
    if (input.smtpPassword === null || next.smtpUser === null) next.smtpPasswordEnc = null;
    else if (input.smtpPassword) {
      const enc = this.encryption();
      if (!enc.available) throw new ContractError('FORBIDDEN', `smtpPassword: ${enc.problem ?? 'no keychain'}`, { field: 'smtpPassword', reason: 'no-keychain' });
      next.smtpPasswordEnc = this.safe.encryptString(input.smtpPassword).toString('base64');
    }
    if (next.mailFrom === null && !(next.smtpUser && EMAIL.test(next.smtpUser))) {
      throw new ContractError('VALIDATION', 'mailFrom: give the From address of customers\' emails (e.g. "TripDesk Travel <bookings@agency.example>").', { field: 'mailFrom' });
    }
  }

  private write(settings: StoredSettings): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    this.readProblem = null;
  }
}

/** The server URLs with their passwords put back, for the core or a connection test. */
export function databaseUrls(stored: Pick<StoredSettings, 'mysqlUrl' | 'mongoUrl'>, secrets: Secrets): { mysqlUrl: string | null; mongoUrl: string | null } {
  return {
    mysqlUrl: stored.mysqlUrl ? insertUrlPassword(stored.mysqlUrl, secrets.mysqlPassword) : null,
    mongoUrl: stored.mongoUrl ? insertUrlPassword(stored.mongoUrl, secrets.mongoPassword) : null,
  };
}

/**
 * The environment `loadConfig` reads: TRIPDESK_MYSQL_URL / TRIPDESK_MONGO_URL set by whoever
 * started the app win (an operator's override); otherwise the saved settings fill them in.
 * Likewise TRIPDESK_KAFKA_BROKERS: when set, it and TRIPDESK_KAFKA_TOPIC are left as given;
 * otherwise the saved broker list ('' = pipeline off) and topic fill both in. And TRIPDESK_SMTP_URL
 * (with TRIPDESK_MAIL_FROM): when set, left as given; otherwise built from the saved SMTP server.
 * The data folder defaults to Electron's userData folder.
 */
export function coreEnv(
  env: NodeJS.ProcessEnv,
  stored: StoredSettings,
  secrets: Secrets,
  userDataDir: string,
): { env: NodeJS.ProcessEnv; fromEnv: boolean; kafkaFromEnv: boolean; smtpFromEnv: boolean } {
  const fromEnv = Boolean(env.TRIPDESK_MYSQL_URL || env.TRIPDESK_MONGO_URL);
  const kafkaFromEnv = Boolean(env.TRIPDESK_KAFKA_BROKERS);
  const out: NodeJS.ProcessEnv = { ...env, TRIPDESK_DATA_DIR: env.TRIPDESK_DATA_DIR || userDataDir };
  if (!fromEnv) {
    const urls = databaseUrls(stored, secrets);
    out.TRIPDESK_MYSQL_URL = urls.mysqlUrl ?? '';
    out.TRIPDESK_MONGO_URL = urls.mongoUrl ?? '';
  }
  if (!kafkaFromEnv) {
    out.TRIPDESK_KAFKA_BROKERS = stored.kafkaBrokers ?? '';
    out.TRIPDESK_KAFKA_TOPIC = stored.kafkaTopic || DEFAULT_KAFKA_TOPIC;
  }
  const smtpFromEnv = Boolean(env.TRIPDESK_SMTP_URL);
  if (!smtpFromEnv) {
    out.TRIPDESK_SMTP_URL = smtpUrl(stored, secrets.smtpPassword) ?? '';
    if (stored.smtpHost && stored.mailFrom) out.TRIPDESK_MAIL_FROM = stored.mailFrom;
  }
  return { env: out, fromEnv, kafkaFromEnv, smtpFromEnv };
}
