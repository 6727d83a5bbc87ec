import { uuidv7 } from '../../../shared/uuidv7';
import type { z } from 'zod';
import {
  channels, ContractError, type ChannelName, type Envelope, type Mode, type PushEventName, type SessionUser,
  isChannel, roleAllows,
} from '../../../shared/contract';
import type { CoreConfig } from '../config';
import { handlers } from './handlers';
import type { SessionBook } from '../ops/auth/sessions';
import { vaultCards } from '../ops/payments/vaultCards';
import type { Engine, ServiceContext, SyncControl } from '../ops/context';
import type { InventoryChange } from '../ops/inventory/inventoryChange';

export interface DispatchEnv {
  config: CoreConfig;
  sessions: SessionBook;
  now: () => number;
  /** The engine that serves calls right now (changes when connectivity changes). */
  engine(): Engine;
  mode(): Mode;
  emit(event: PushEventName, payload: unknown): void;
  /** Central mode's sync; absent in standalone. */
  sync?: () => SyncControl | null;
  log(level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>): void;
  /** Deal detection and watches after a price or capacity change, on the engine that made it. */
  inventoryChanged?: (engine: Engine, changes: InventoryChange[]) => Promise<void>;
}

/** The MongoDB driver's ways of saying the server is out of reach (by name: no driver import here). */
function isMongoUnreachable(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name ?? '';
  return ['MongoServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoTopologyClosedError', 'MongoNotConnectedError'].includes(name);
}

function validationError(err: z.ZodError): ContractError {
  const first = err.issues[0];
  const field = first?.path.join('.') || '(input)';
  return new ContractError('VALIDATION', `${field}: ${first?.message ?? 'invalid'}`, {
    fields: err.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
  });
}

/**
 * The one path every call takes, from IPC or HTTP: channel known → signed in → role allowed →
 * input valid → handler → output checked. Failures come back as contract errors, never throws.
 */
export async function dispatch(env: DispatchEnv, channel: string, rawInput: unknown, sessionToken: string | null): Promise<Envelope<unknown>> {
  try {
    if (!isChannel(channel)) throw new ContractError('NOT_FOUND', `No such channel: ${channel}`);
    const spec = channels[channel];

    // Who is calling is settled before the input is read: a caller without the role learns nothing
    // about the channel's schema.
    let operator: SessionUser | null = null;
    if (spec.access !== 'public') {
      operator = sessionToken ? env.sessions.touch(sessionToken) : null;
      if (!operator) throw new ContractError('UNAUTHENTICATED', 'Sign in first; the session is missing or has expired.');
      if (!roleAllows(operator.role, spec.access)) {
        throw new ContractError('FORBIDDEN', `${channel} needs the ${spec.access} role; you are signed in as ${operator.role}.`);
      }
    }

    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    const args = vaultCards(channel, parsed.data as Record<string, unknown>, env.now());
    let opId: string | null = null;
    if (spec.mutation) {
      opId = typeof args.opId === 'string' ? args.opId : uuidv7();
      args.opId = opId;
    }
    const engine = env.engine();
    const onChange = env.inventoryChanged;
    const ctx: ServiceContext = {
      engine, config: env.config, now: env.now, operator, channel, opId, input: args,
      mode: env.mode(), sessions: env.sessions, emit: env.emit, sync: env.sync?.() ?? null,
      inventoryChanged: onChange ? (changes: InventoryChange[]) => onChange(engine, changes) : undefined,
    };
    const handler = handlers[channel as ChannelName] as (ctx: ServiceContext, input: unknown, token: string | null) => Promise<unknown>;
    const value = await handler(ctx, args, sessionToken);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      env.log('error', `output of ${channel} does not match the contract`, { issues: checked.error.issues.slice(0, 5) });
      throw new ContractError('INTERNAL', `TripDesk produced an answer for ${channel} that breaks its own contract.`);
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    if (err instanceof ContractError) return { ok: false, error: err.toShape() };
    if (isMongoUnreachable(err)) return { ok: false, error: { code: 'OFFLINE', message: 'The central document database cannot be reached.' } };
    env.log('error', `unexpected failure in ${channel}`, { error: (err as Error)?.stack ?? String(err) });
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside TripDesk; it has been logged.' } };
  }
}
