import { ContractError, type Envelope, type Mode } from '../../shared/contract';

/**
 * What the Electron preload exposes on `window.tripdesk` (contextBridge), mirrored here by shape
 * because the renderer may not import from main/ (main/app/preloadApi.ts is the source). The
 * renderer never sees Node: one `invoke`, one `subscribe`, and the desktop-only calls below.
 */
export type UpdateChannel = 'stable' | 'beta';

/** `undefined` or '' keeps a stored password, `null` forgets it; a URL of '' means standalone. */
export interface SettingsInput {
  mysqlUrl?: string;
  mongoUrl?: string;
  mysqlPassword?: string | null;
  mongoPassword?: string | null;
  updateChannel?: UpdateChannel;
  /** Deals pipeline: `host:port,host:port`; '' turns it off. */
  kafkaBrokers?: string;
  /** '' means the default topic, `deals`. */
  kafkaTopic?: string;
}

export interface SettingsView {
  mysqlUrl: string | null;
  mongoUrl: string | null;
  hasMysqlPassword: boolean;
  hasMongoPassword: boolean;
  updateChannel: UpdateChannel;
  kafkaBrokers: string | null;
  kafkaTopic: string;
  kafkaEnvOverride: boolean;
  encryptionAvailable: boolean;
  encryptionProblem: string | null;
  envOverride: boolean;
  core: { mode: Mode | null; problem: string | null };
  dataDir: string;
  dataFile: string;
  logDir: string;
  settingsFile: string;
  restartRequired: boolean;
}

export interface ConnectionTestResult {
  ok: boolean;
  mysql: { ok: boolean; message: string };
  mongo: { ok: boolean; message: string };
}

export interface UpdateStatus {
  state: 'disabled' | 'idle' | 'checking' | 'available' | 'not-available' | 'downloading' | 'downloaded' | 'error';
  channel: UpdateChannel;
  version: string | null;
  percent: number | null;
  message: string | null;
}

export interface TripdeskPreload {
  readonly host?: 'electron';
  readonly platform?: { os: string; arch: string; electron: string; chrome: string };
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: string, cb: (payload: unknown) => void): () => void;
  readonly settings?: {
    get(): Promise<Envelope<SettingsView>>;
    set(values: SettingsInput): Promise<Envelope<SettingsView>>;
    testConnection(values?: SettingsInput): Promise<Envelope<ConnectionTestResult>>;
    restart(): Promise<Envelope<{ restarting: true }>>;
  };
  readonly updates?: {
    status(): Promise<Envelope<UpdateStatus>>;
    check(): Promise<Envelope<UpdateStatus>>;
    installNow(): Promise<Envelope<{ installing: boolean }>>;
  };
}

declare global {
  interface Window {
    tripdesk?: TripdeskPreload;
  }
}

export function preload(): TripdeskPreload | null {
  return typeof window !== 'undefined' && window.tripdesk ? window.tripdesk : null;
}

/** The desktop calls answer contract envelopes; a failure becomes a thrown ContractError. */
export async function unwrap<T>(p: Promise<Envelope<T>>): Promise<T> {
  const env = await p;
  if (env.ok) return env.value;
  throw new ContractError(env.error.code, env.error.message, env.error.details);
}
