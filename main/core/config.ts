import os from 'node:os';
import path from 'node:path';

export interface RefundPolicy {
  /** Full refund when cancelled at least this many hours before the service starts. */
  freeCancelHours: number;
  /** Fee kept, in percent of the item's price, when cancelled later than that. */
  lateFeePct: number;
}

export interface CoreConfig {
  dataDir: string;
  mysqlUrl: string | null;
  mongoUrl: string | null;
  holdMinutes: number;
  sessionHours: number;
  refundPolicy: RefundPolicy;
  /** Charged on top of the fare difference when a booked flight is exchanged (TRIPDESK_CHANGE_FEE_CENTS, default 5000; 0 for none). */
  changeFeeCents: number;
  /** A cancellation refunding more than this (or any override) waits for a supervisor's approval (TRIPDESK_REFUND_APPROVAL_CENTS). */
  refundApprovalCents: number;
  /** Log retention for the change_log and the logs collection, in days. */
  retentionDays: number;
  /**
   * Connections to MySQL (TRIPDESK_MYSQL_POOL, default 4); each in-flight transaction holds one.
   * Many consoles share one server: a small budget each keeps the server's connection count (and
   * its per-connection memory) bounded; calls beyond it wait in the pool's queue.
   */
  mysqlPoolSize: number;
  /** A query that takes longer is treated as a lost connection (a stalled network). */
  mysqlQueryTimeoutMs: number;
  /** Load demo data into a brand-new standalone database. */
  demoData: boolean;
  /** The deals pipeline: Kafka brokers (host:port) and topic; the consumer is off when no brokers are set. */
  kafka: { brokers: string[]; topic: string; groupId: string } | null;
  /** The local deal detector's threshold: a price this many percent under the trailing 30-day median. */
  dealDropPct: number;
  /**
   * The test payment gateway's signing key: it signs the card tokens it issues and refuses any
   * other. Every console of one installation needs the same key (a token made on a device offline
   * is charged at replay). The default is for development only.
   */
  gatewayKey: string;
  /** The device database's key, headless (TRIPDESK_DB_KEY); otherwise the keychain's or the key file's. */
  dbKey: string | null;
  /** The scrypt cost new password hashes get (and older, weaker hashes are raised to at sign-in). */
  passwordCost: PasswordCost;
  /**
   * Whether admins must use two-factor (TRIPDESK_ADMIN_TWO_FACTOR, `required` by default): an admin
   * without it signs in to a session that may only set it up. `optional` is for tests and tools.
   */
  adminTwoFactor: 'required' | 'optional';
  /** This console's name, kept on the bookings made here (TRIPDESK_CONSOLE_NAME; the machine's host name by default). */
  consoleName: string;
  /** The agency as its documents' header shows it (TRIPDESK_AGENCY_*). */
  agency: AgencySettings;
  /** What invoices show of tax and fees, when configured (TRIPDESK_TAX_PCT, TRIPDESK_BOOKING_FEE_CENTS). */
  invoicing: InvoiceSettings;
  /** Where customers' emails go out (TRIPDESK_SMTP_URL, TRIPDESK_MAIL_FROM); null: email is not set up, sends fail with that reason. */
  smtp: SmtpSettings | null;
}

/**
 * An SMTP server. `tls`: TLS from the first byte (smtps://, usually port 465); `starttls`: plain
 * at first, then STARTTLS, required (the desktop app's STARTTLS choice); `opportunistic`
 * (smtp://): STARTTLS when the server offers it, for test servers and local relays.
 */
export interface SmtpSettings {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'opportunistic';
  user: string | null;
  password: string | null;
  /** The From header, e.g. `TripDesk Travel <bookings@agency.example>`. */
  from: string;
}

export interface AgencySettings {
  name: string;
  address: string | null;
  phone: string | null;
  /** A PNG or JPEG file for the documents' header. */
  logoPath: string | null;
}

export interface InvoiceSettings {
  /** Tax in percent, included in the prices charged; null when not configured. */
  taxPct: number | null;
  /** A booking fee in cents, included in the amount charged; null when not configured. */
  bookingFeeCents: number | null;
}

/** scrypt's parameters: CPU/memory cost N (a power of two), block size r, parallelism p. */
export interface PasswordCost { N: number; r: number; p: number }

/** Current guidance for scrypt (OWASP Password Storage Cheat Sheet): N = 2^17, r = 8, p = 1, 128 MiB a hash. */
export const PRODUCTION_PASSWORD_COST: Readonly<PasswordCost> = { N: 2 ** 17, r: 8, p: 1 };
/** TRIPDESK_PASSWORD_COST=test: a cheap cost for tests and development (about 1 MiB and a millisecond a hash). */
export const TEST_PASSWORD_COST: Readonly<PasswordCost> = { N: 2 ** 10, r: 8, p: 1 };

/**
 * TRIPDESK_PASSWORD_COST: unset, empty or `production` → PRODUCTION_PASSWORD_COST; `test` →
 * TEST_PASSWORD_COST; a power of two from 2^10 to 2^20 → that N with r = 8, p = 1.
 */
export function passwordCostFrom(env: NodeJS.ProcessEnv = process.env): PasswordCost {
  const raw = (env.TRIPDESK_PASSWORD_COST ?? '').trim();
  if (raw === '' || raw === 'production') return { ...PRODUCTION_PASSWORD_COST };
  if (raw === 'test') return { ...TEST_PASSWORD_COST };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 2 ** 10 || n > 2 ** 20 || (n & (n - 1)) !== 0) {
    throw new Error(`TRIPDESK_PASSWORD_COST must be "production", "test" or a power of two from 1024 to 1048576 (scrypt's N), got "${raw}"`);
  }
  return { N: n, r: 8, p: 1 };
}

/** TRIPDESK_GATEWAY_KEY when unset: fine for development and tests, not for real cards. */
export const DEVELOPMENT_GATEWAY_KEY = 'tripdesk-development-gateway-key';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'TripDesk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'TripDesk');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'TripDesk');
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

/** An amount of money in whole cents, zero allowed. */
function wholeCents(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 100_000_00) throw new Error(`${name} must be whole cents from 0 to 10000000, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CoreConfig {
  const mysqlUrl = env.TRIPDESK_MYSQL_URL || null;
  const mongoUrl = env.TRIPDESK_MONGO_URL || null;
  if ((mysqlUrl === null) !== (mongoUrl === null)) {
    throw new Error('Central mode needs both TRIPDESK_MYSQL_URL and TRIPDESK_MONGO_URL; set both or neither.');
  }
  return {
    dataDir: env.TRIPDESK_DATA_DIR || defaultDataDir(env),
    mysqlUrl,
    mongoUrl,
    holdMinutes: positiveNumber(env, 'TRIPDESK_HOLD_MINUTES', 15),
    sessionHours: positiveNumber(env, 'TRIPDESK_SESSION_HOURS', 12),
    refundPolicy: {
      freeCancelHours: positiveNumber(env, 'TRIPDESK_FREE_CANCEL_HOURS', 24),
      lateFeePct: positiveNumber(env, 'TRIPDESK_LATE_FEE_PCT', 20),
    },
    changeFeeCents: wholeCents(env, 'TRIPDESK_CHANGE_FEE_CENTS', 5000),
    refundApprovalCents: wholeCents(env, 'TRIPDESK_REFUND_APPROVAL_CENTS', 100_000),
    retentionDays: positiveNumber(env, 'TRIPDESK_RETENTION_DAYS', 30),
    demoData: env.TRIPDESK_DEMO_DATA !== '0',
    mysqlPoolSize: positiveNumber(env, 'TRIPDESK_MYSQL_POOL', 4),
    mysqlQueryTimeoutMs: positiveNumber(env, 'TRIPDESK_MYSQL_QUERY_TIMEOUT_MS', 15_000),
    kafka: kafkaConfig(env),
    dealDropPct: positiveNumber(env, 'TRIPDESK_DEAL_DROP_PCT', 20),
    gatewayKey: env.TRIPDESK_GATEWAY_KEY || DEVELOPMENT_GATEWAY_KEY,
    passwordCost: passwordCostFrom(env),
    adminTwoFactor: adminTwoFactorFrom(env),
    consoleName: (env.TRIPDESK_CONSOLE_NAME || os.hostname()).slice(0, 64),
    dbKey: env.TRIPDESK_DB_KEY || null,
    agency: agencySettings(env),
    invoicing: {
      taxPct: optionalNumber(env, 'TRIPDESK_TAX_PCT', 100, false),
      bookingFeeCents: optionalNumber(env, 'TRIPDESK_BOOKING_FEE_CENTS', 1_000_000, true),
    },
    smtp: smtpSettings(env),
  };
}

/**
 * TRIPDESK_SMTP_URL: `smtp://user:pass@host:587` (STARTTLS when offered), `smtp://…?starttls=required`,
 * or `smtps://user:pass@host:465` (TLS); TRIPDESK_MAIL_FROM the From header (the user name when it is an address).
 */
export function smtpSettings(env: NodeJS.ProcessEnv): SmtpSettings | null {
  const raw = env.TRIPDESK_SMTP_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('TRIPDESK_SMTP_URL must be a URL such as smtp://user:password@mail.example:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`TRIPDESK_SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//"`);
  const tls = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : tls ? 465 : 587;
  const user = url.username ? decodeURIComponent(url.username) : null;
  const from = env.TRIPDESK_MAIL_FROM?.trim() || (user && /^[^@\s]+@[^@\s]+$/.test(user) ? user : null);
  if (!from) throw new Error('TRIPDESK_MAIL_FROM must give the From address of customers\' emails (e.g. "TripDesk Travel <bookings@agency.example>")');
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    security: tls ? 'tls' : url.searchParams.get('starttls') === 'required' ? 'starttls' : 'opportunistic',
    user,
    password: url.password ? decodeURIComponent(url.password) : null,
    from: from.slice(0, 200),
  };
}

function adminTwoFactorFrom(env: NodeJS.ProcessEnv): 'required' | 'optional' {
  const raw = env.TRIPDESK_ADMIN_TWO_FACTOR?.trim() || 'required';
  if (raw !== 'required' && raw !== 'optional') throw new Error(`TRIPDESK_ADMIN_TWO_FACTOR must be required or optional, got "${raw}"`);
  return raw;
}

function agencySettings(env: NodeJS.ProcessEnv): AgencySettings {
  const text = (name: string) => env[name]?.trim() || null;
  const logoPath = text('TRIPDESK_AGENCY_LOGO');
  if (logoPath !== null && !/\.(png|jpe?g)$/i.test(logoPath)) {
    throw new Error(`TRIPDESK_AGENCY_LOGO must name a PNG or JPEG file, got "${logoPath}"`);
  }
  return {
    name: (text('TRIPDESK_AGENCY_NAME') ?? 'TripDesk Travel').slice(0, 120),
    address: text('TRIPDESK_AGENCY_ADDRESS')?.slice(0, 300) ?? null,
    phone: text('TRIPDESK_AGENCY_PHONE')?.slice(0, 40) ?? null,
    logoPath,
  };
}

/** Unset or empty → null; otherwise a number from 0 to `max` (whole when `integer`). */
function optionalNumber(env: NodeJS.ProcessEnv, name: string, max: number, integer: boolean): number | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > max || (integer && !Number.isInteger(n))) {
    throw new Error(`${name} must be ${integer ? 'a whole number' : 'a number'} from 0 to ${max}, got "${raw}"`);
  }
  return n;
}

function kafkaConfig(env: NodeJS.ProcessEnv): CoreConfig['kafka'] {
  const brokers = (env.TRIPDESK_KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter((b) => b.length > 0);
  if (brokers.length === 0) return null;
  for (const b of brokers) {
    if (!/^[\w.-]+:\d{1,5}$/.test(b)) throw new Error(`TRIPDESK_KAFKA_BROKERS: "${b}" is not host:port`);
  }
  return { brokers, topic: env.TRIPDESK_KAFKA_TOPIC || 'deals', groupId: env.TRIPDESK_KAFKA_GROUP || 'tripdesk-console' };
}
