import { z } from 'zod';
import type { ChannelInput, ChannelName, ChannelOutput, DocumentFile, Envelope, PushEventName, PushEvents } from './contract';
import { Mode } from './contract';

/**
 * The Electron-only half of the bridge: what `window.tripdesk` offers besides the contract,
 * shared by the preload (main/electron-sandbox) and the renderer, which may import shared/ only.
 * These calls need the OS keychain or the updater, so they exist in the desktop app only.
 */

export const UpdateChannel = z.enum(['stable', 'beta']);
export type UpdateChannel = z.infer<typeof UpdateChannel>;

const ServerUrl = z.string().trim().max(2000);
/** `tls`: TLS from the first byte (port 465); `starttls`: plain, then TLS required (587); `opportunistic`: STARTTLS when offered. */
export const SmtpSecurity = z.enum(['starttls', 'tls', 'opportunistic']);
export type SmtpSecurity = z.infer<typeof SmtpSecurity>;
/** `undefined` or '' keeps the stored password, `null` forgets it. */
const Secret = z.string().max(1000).nullable().optional();

/** Settings screen → main. A URL of '' means "not configured" (standalone). */
export const SettingsInput = z.object({
  mysqlUrl: ServerUrl.optional(),
  mongoUrl: ServerUrl.optional(),
  mysqlPassword: Secret,
  mongoPassword: Secret,
  updateChannel: UpdateChannel.optional(),
  /** Deals pipeline: `host:port,host:port`; '' turns it off. Checked by `SettingsStore.update`. */
  kafkaBrokers: z.string().trim().max(2000).optional(),
  /** Kafka topic of the deals feed; '' means the default, `deals`. */
  kafkaTopic: z.string().trim().max(2000).optional(),
  /** Customers' email (SMTP): the server's host name; '' turns email off. Checked by `SettingsStore.update`. */
  smtpHost: z.string().trim().max(253).optional(),
  smtpPort: z.number().int().min(1).max(65535).optional(),
  smtpSecurity: SmtpSecurity.optional(),
  /** '' means no AUTH (a relay that trusts this computer). */
  smtpUser: z.string().trim().max(320).optional(),
  smtpPassword: Secret,
  /** The From header of customers' emails, e.g. `TripDesk Travel <bookings@agency.example>`. */
  mailFrom: z.string().trim().max(200).optional(),
});
export type SettingsInput = z.input<typeof SettingsInput>;

export const SettingsView = z.object({
  /** Without the password; `hasMysqlPassword` says whether main keeps one. */
  mysqlUrl: z.string().nullable(),
  mongoUrl: z.string().nullable(),
  hasMysqlPassword: z.boolean(),
  hasMongoPassword: z.boolean(),
  updateChannel: UpdateChannel,
  /** Deals pipeline (Kafka): the broker list, or null when it is off; the topic it reads. */
  kafkaBrokers: z.string().nullable(),
  kafkaTopic: z.string(),
  /** TRIPDESK_KAFKA_BROKERS is set: it (with TRIPDESK_KAFKA_TOPIC) wins over the saved Kafka settings. */
  kafkaEnvOverride: z.boolean(),
  /** Customers' email: the saved SMTP server (without its password), or null when email is off. */
  smtp: z.object({ host: z.string(), port: z.number().int(), security: SmtpSecurity, user: z.string().nullable(), mailFrom: z.string().nullable() }).nullable(),
  hasSmtpPassword: z.boolean(),
  /** TRIPDESK_SMTP_URL is set: it (with TRIPDESK_MAIL_FROM) wins over the saved SMTP settings. */
  smtpEnvOverride: z.boolean(),
  /** False: passwords cannot be stored on this computer (`encryptionProblem` says why). */
  encryptionAvailable: z.boolean(),
  encryptionProblem: z.string().nullable(),
  /** TRIPDESK_MYSQL_URL / TRIPDESK_MONGO_URL are set: they win over these settings. */
  envOverride: z.boolean(),
  /** The running core: its mode, or why it could not start. */
  core: z.object({ mode: Mode.nullable(), problem: z.string().nullable() }),
  dataDir: z.string(),
  dataFile: z.string(),
  logDir: z.string(),
  settingsFile: z.string(),
  /** Saved settings differ from what the running core uses; `settings.restart()` applies them. */
  restartRequired: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsView>;

const Probe = z.object({ ok: z.boolean(), message: z.string() });
export const ConnectionTestResult = z.object({ ok: z.boolean(), mysql: Probe, mongo: Probe });
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

export const UpdateStatus = z.object({
  state: z.enum(['disabled', 'idle', 'checking', 'available', 'not-available', 'downloading', 'downloaded', 'error']),
  channel: UpdateChannel,
  version: z.string().nullable(),
  percent: z.number().nullable(),
  message: z.string().nullable(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

/** Events main pushes besides the contract's `PushEvents`. */
export const AppEvents = {
  'update.status': UpdateStatus,
};
export type AppEventName = keyof typeof AppEvents;
export type BridgeEventName = PushEventName | AppEventName;
export type BridgeEventPayload<E extends BridgeEventName> = E extends PushEventName
  ? z.infer<(typeof PushEvents)[E]>
  : E extends AppEventName
    ? z.infer<(typeof AppEvents)[E]>
    : never;

/** The type of `window.tripdesk` in the desktop app. */
export interface TripdeskBridge {
  readonly host: 'electron';
  readonly platform: { readonly os: string; readonly arch: string; readonly electron: string; readonly chrome: string };
  /** One contract call. The session is kept by main: `auth.login` answers `sessionToken: 'held-by-main'`. */
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>;
  /** Returns the unsubscribe function. */
  subscribe<E extends BridgeEventName>(event: E, cb: (payload: BridgeEventPayload<E>) => void): () => void;
  readonly settings: {
    get(): Promise<Envelope<SettingsView>>;
    set(values: SettingsInput): Promise<Envelope<SettingsView>>;
    /** Tries the given URLs (stored passwords fill in what is not given), or the saved ones. */
    testConnection(values?: SettingsInput): Promise<Envelope<ConnectionTestResult>>;
    /** Restarts TripDesk so saved server settings take effect. */
    restart(): Promise<Envelope<{ restarting: true }>>;
  };
  readonly documents: {
    /** Asks the user where to save a PDF the core made (the system's save dialog) and writes it there. */
    save(file: DocumentFile): Promise<Envelope<{ saved: boolean; path: string | null }>>;
  };
  readonly updates: {
    status(): Promise<Envelope<UpdateStatus>>;
    check(): Promise<Envelope<UpdateStatus>>;
    /** Quits and installs a downloaded update now (it installs on quit anyway). */
    installNow(): Promise<Envelope<{ installing: boolean }>>;
  };
}
