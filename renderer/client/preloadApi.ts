import { ContractError, type DocumentFile, type Envelope } from '../../shared/contract';
import type { ConnectionTestResult, SettingsInput, SettingsView, SmtpSecurity, UpdateChannel, UpdateStatus } from '../../shared/desktop';

export type { ConnectionTestResult, SettingsInput, SettingsView, SmtpSecurity, UpdateChannel, UpdateStatus };

/**
 * What the page finds on `window.tripdesk`: the desktop preload (shared/desktop.ts's
 * `TripdeskBridge`), seen loosely, since the web bridge has no `window.tripdesk` at all and the
 * renderer checks each call before use. The renderer never sees Node.
 */
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
  readonly documents?: {
    save(file: DocumentFile): Promise<Envelope<{ saved: boolean; path: string | null }>>;
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
