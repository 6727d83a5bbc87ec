import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ContractError, roleAllows, type Envelope, type Role } from '../../shared/contract';
import type { Core, LogFn } from '../core/host/core';
import { IPC, SESSION_HELD_BY_MAIN } from '../../shared/ipcChannels';
import type { Redactor } from './logging';
import { isAppUrl } from './origin';
import type { ConnectionTestResult, SettingsView, UpdateStatus } from '../../shared/desktop';
import type { DocumentSaver } from './saveDocument';

/** The running core, or why there is none (central servers unreachable at start, say). */
export interface CoreHost {
  core(): Core | null;
  problem(): string | null;
}

export interface SettingsService {
  view(): SettingsView;
  set(input: unknown): SettingsView;
  test(input: unknown): Promise<ConnectionTestResult>;
  restart(): void;
}

export interface UpdatesService {
  status(): UpdateStatus;
  check(): Promise<UpdateStatus>;
  installNow(): boolean;
}

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  host: CoreHost;
  settings: SettingsService;
  updates: () => UpdatesService | null;
  redactor: Redactor;
  log: LogFn;
  /** The save dialog for documents (itinerary, invoice PDFs); absent where no dialog can be shown. */
  documents?: DocumentSaver;
}

export interface IpcBinding {
  /** Lets this window's main frame call main; anything else is refused. */
  trust(contents: WebContents): void;
  /** Sends a push event to every trusted window. */
  broadcast(event: string, payload: unknown): void;
  dispose(): void;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Refused: the request did not come from the TripDesk window.' },
};

/**
 * A call is ours when it comes from a window we opened, from that window's main frame (not an
 * iframe), while the frame shows our origin.
 */
export function isTrustedSender(event: SenderEvent, trusted: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  const contents = event.sender;
  if (!frame || !contents || !trusted.has(contents.id)) return false;
  if (frame.parent || frame.detached) return false;
  const main = contents.mainFrame;
  if (!main || frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppUrl(frame.url);
}

/**
 * The contract over IPC. The renderer never holds a session token: main keeps one per window,
 * captured from `auth.login` and dropped on `auth.logout` or when the window goes away, and the
 * core checks that session's role on every call.
 */
export function bindIpc(deps: IpcDeps): IpcBinding {
  const trusted = new Map<number, WebContents>();
  const trustedIds = new Set<number>();
  const tokens = new Map<number, string>();
  const handled: string[] = [];

  const forgetToken = (id: number): string | null => {
    const token = tokens.get(id) ?? null;
    tokens.delete(id);
    deps.redactor.forget(token);
    return token;
  };

  const guarded = <A extends unknown[]>(name: string, fn: (event: IpcMainInvokeEvent, ...args: A) => Promise<Envelope<unknown>> | Envelope<unknown>) => {
    handled.push(name);
    deps.ipcMain.handle(name, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event, trustedIds)) {
        deps.log('warn', `refused ${name} from an untrusted frame`, { frame: event.senderFrame?.url ? originOf(event.senderFrame.url) : null });
        return FORBIDDEN;
      }
      try {
        return await fn(event, ...(args as A));
      } catch (err) {
        if (err instanceof ContractError) return { ok: false, error: err.toShape() };
        deps.log('error', `unexpected failure in ${name}`, { error: err instanceof Error ? err.stack ?? err.message : String(err) });
        return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside TripDesk; it has been logged.' } };
      }
    });
  };

  guarded(IPC.invoke, async (event, channel: unknown, input: unknown) => {
    if (typeof channel !== 'string' || channel.length > 200) throw new ContractError('VALIDATION', 'channel: expected a channel name');
    const core = deps.host.core();
    if (!core) {
      throw new ContractError('OFFLINE', deps.host.problem() ?? 'TripDesk is still starting.');
    }
    const id = event.sender.id;
    const token = tokens.get(id) ?? null;
    const result = await core.call(channel, input, token, 'ipc');
    if (channel === 'auth.login' || channel === 'auth.loginSecondFactor') {
      if (!result.ok) return result;
      const value = result.value as { sessionToken?: string } & Record<string, unknown>;
      // A sign-in waiting for its second factor has no session yet: only a challenge, which the window sends back with the code.
      if (typeof value.sessionToken !== 'string') return result;
      const previous = forgetToken(id);
      const session = value.sessionToken;
      if (previous && previous !== session) await core.call('auth.logout', {}, previous, 'ipc');
      tokens.set(id, session);
      deps.redactor.remember(session);
      return { ok: true, value: { ...value, sessionToken: SESSION_HELD_BY_MAIN } };
    }
    if (channel === 'auth.logout' || (!result.ok && result.error.code === 'UNAUTHENTICATED' && token)) forgetToken(id);
    return result;
  });

  /**
   * The server settings repoint the databases (and hand the stored passwords to whatever a
   * connection test names), so main checks the window's session itself, against the role the
   * store gives that operator now: reading them needs a supervisor, anything else an admin.
   * Without a running core no role can be checked, so nothing is served (TRIPDESK_MYSQL_URL /
   * TRIPDESK_MONGO_URL start it against other servers).
   */
  const requireRole = async (event: IpcMainInvokeEvent, need: Role, what: string): Promise<void> => {
    const core = deps.host.core();
    if (!core) {
      throw new ContractError('FORBIDDEN', `${what} needs a signed-in ${need}, and TripDesk's core is not running (${deps.host.problem() ?? 'still starting'}).`);
    }
    const id = event.sender.id;
    const token = tokens.get(id) ?? null;
    if (!token) throw new ContractError('UNAUTHENTICATED', `Sign in as ${need === 'admin' ? 'an admin' : `a ${need}`} first.`);
    const me = await core.call('auth.me', {}, token, 'ipc');
    if (!me.ok) {
      if (me.error.code === 'UNAUTHENTICATED') forgetToken(id);
      throw new ContractError(me.error.code, me.error.message, me.error.details);
    }
    const role = (me.value as { user: { role: Role } }).user.role;
    if (!roleAllows(role, need)) throw new ContractError('FORBIDDEN', `${what} needs the ${need} role; you are signed in as ${role}.`);
  };

  guarded(IPC.settingsGet, async (event) => {
    await requireRole(event, 'supervisor', 'Viewing the server settings');
    return { ok: true, value: deps.settings.view() };
  });
  guarded(IPC.settingsSet, async (event, input: unknown) => {
    await requireRole(event, 'admin', 'Changing the server settings');
    const value = deps.settings.set(input);
    return { ok: true, value };
  });
  guarded(IPC.settingsTest, async (event, input: unknown) => {
    await requireRole(event, 'admin', 'Testing server connections');
    return { ok: true, value: await deps.settings.test(input) };
  });
  guarded(IPC.settingsRestart, async (event) => {
    await requireRole(event, 'admin', 'Restarting onto the saved settings');
    deps.settings.restart();
    return { ok: true, value: { restarting: true } };
  });

  const updates = (): UpdatesService => {
    const u = deps.updates();
    if (!u) throw new ContractError('NOT_FOUND', 'Updates are off in this build (development, or not packaged).');
    return u;
  };
  guarded(IPC.documentSave, async (event, input: unknown) => {
    await requireRole(event, 'agent', 'Saving a document');
    if (!deps.documents) throw new ContractError('NOT_FOUND', 'Saving documents is not available here.');
    return { ok: true, value: await deps.documents.save(event.sender, input) };
  });

  guarded(IPC.updateStatus, () => ({ ok: true, value: updates().status() }));
  guarded(IPC.updateCheck, async () => ({ ok: true, value: await updates().check() }));
  guarded(IPC.updateInstall, () => ({ ok: true, value: { installing: updates().installNow() } }));

  return {
    trust(contents) {
      const id = contents.id;
      trusted.set(id, contents);
      trustedIds.add(id);
      contents.once('destroyed', () => {
        trusted.delete(id);
        trustedIds.delete(id);
        const token = forgetToken(id);
        const core = deps.host.core();
        if (token && core) void core.call('auth.logout', {}, token);
      });
    },
    broadcast(event, payload) {
      for (const contents of trusted.values()) {
        if (contents.isDestroyed() || !isAppUrl(contents.getURL())) continue;
        contents.send(IPC.event, event, payload);
      }
    },
    dispose() {
      for (const name of handled) deps.ipcMain.removeHandler(name);
      handled.length = 0;
    },
  };
}

function originOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(unparsable)';
  }
}
