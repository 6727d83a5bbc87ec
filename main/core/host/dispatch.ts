import type { z } from 'zod';
import {
  channels, ContractError, type ChannelSpec, type Envelope, type Mode, type PushEventName, type Role, type SessionUser,
  isChannel, roleAllows,
} from '../../../shared/contract';
import type { CoreConfig } from '../config';
import type { SessionBook, StoredOperator } from '../ops/auth/sessions';
import type { Engine, JobsControl, ServiceContext, SyncControl } from '../ops/context';
import type { InventoryChange } from '../ops/inventory/inventoryChange';
import type { PaymentGateway } from '../ops/payments/paymentGateway';
import type { Postman } from '../ops/messages/postman';
import { operationFor } from './handlers';
import { vaultSecrets } from './vaultSecrets';

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
  /** The background jobs (jobs.status). */
  jobs?: JobsControl;
  log(level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>): void;
  /** Deal detection and watches after a price or capacity change, on the engine that made it. */
  inventoryChanged?: (engine: Engine, changes: InventoryChange[]) => Promise<void>;
  payments: PaymentGateway;
  /** Customers' emails (absent where nothing sends them: tools). */
  postman?: Postman;
}

/**
 * Where a call comes from. The window (IPC) and the web bridge carry a session; replay carries the
 * operator who made the change offline, and runs on the central engine on the server's clock.
 */
export type Origin =
  | { kind: 'ipc' | 'bridge'; sessionToken: string | null }
  | { kind: 'replay'; operatorId: number | null; engine: Engine; now: () => number; operators?: Map<number, unknown> };
export type OriginKind = Origin['kind'];

export type OperatorRow = { id: number; email: string; name: string; role: Role; active: number; must_change_password?: number };

/** `items[0].travellers[1].givenNames`: the way an agent reads which line and which traveller. */
const fieldPath = (path: PropertyKey[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

function validationError(err: z.ZodError): ContractError {
  const first = err.issues[0];
  const field = (first && fieldPath(first.path)) || '(input)';
  return new ContractError('VALIDATION', `${field}: ${first?.message ?? 'invalid'}`, {
    fields: err.issues.map((i) => ({ field: fieldPath(i.path), message: i.message })),
  });
}

const OPERATOR_SQL = 'SELECT id, email, name, role, active, must_change_password FROM admins WHERE id = ?';

/** The operator as the engine's admins table has them (online: MySQL; offline: the device's pulled copy). */
async function storedOperator(engine: Engine, id: number): Promise<StoredOperator | null> {
  const row = await engine.sql.get<OperatorRow>(OPERATOR_SQL, [id]);
  return row ? {
    id: Number(row.id), email: row.email, name: row.name, role: row.role, active: Number(row.active) === 1, mustChangePassword: Number(row.must_change_password ?? 0) === 1,
  } : null;
}

/** Why a call has no operator; a session ended with auth.sessions.revoke says who ended it, so its window can tell the operator. */
function unauthenticated(env: DispatchEnv, token: string | null | undefined): ContractError {
  const revoked = token ? env.sessions.revokedBy(token) : null;
  if (revoked) {
    const at = new Date(revoked.at).toISOString().slice(11, 16);
    return new ContractError('UNAUTHENTICATED', `This session was signed out at ${at} UTC by ${revoked.by}. Sign in again to continue.`,
      { revokedBy: revoked.by, revokedAtUtc: new Date(revoked.at).toISOString() });
  }
  return new ContractError('UNAUTHENTICATED', 'Sign in first; the session is missing or has expired, or the operator is no longer active.');
}

/**
 * The signed-in operator, or the one who made a replayed change (who must still be active).
 * A session is honoured only while the store of record on `engine` says its operator is active,
 * with the role the store gives them now: a deactivation or a role change made on any console
 * holds here within OPERATOR_RECHECK_MS (the session book reads each operator at most that often).
 */
async function callerOf(env: DispatchEnv, origin: Origin, engine: Engine): Promise<SessionUser> {
  if (origin.kind !== 'replay') {
    const operator = origin.sessionToken ? await env.sessions.current(origin.sessionToken, (id) => storedOperator(engine, id)) : null;
    if (!operator) throw unauthenticated(env, origin.sessionToken);
    return operator;
  }
  const id = origin.operatorId;
  // One replay run sends many changes by few operators: each is read once per run.
  let row = id === null ? undefined : (origin.operators?.get(id) as OperatorRow | undefined);
  if (id !== null && !origin.operators?.has(id)) {
    row = await origin.engine.sql.get<OperatorRow>(OPERATOR_SQL, [id]);
    origin.operators?.set(id, row);
  }
  if (!row || Number(row.active) !== 1) throw new ContractError('FORBIDDEN', 'The operator who made this change may no longer make it.');
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/**
 * A session that must change its password, or set up two-factor, may call only the channels its
 * contract row allows during that (`duringSetup`): the rest is FORBIDDEN, saying what to do first.
 */
function refuseWhileRestricted(env: DispatchEnv, token: string, channel: string, spec: ChannelSpec): void {
  const restriction = env.sessions.restrictionOf(token);
  if (restriction === null) return;
  if (spec.duringSetup === 'any' || (spec.duringSetup === 'twoFactor' && restriction === 'enrollTwoFactor')) return;
  throw new ContractError('FORBIDDEN', restriction === 'changePassword'
    ? `Change your password first (an admin reset it); ${channel} waits until then.`
    : `Set up two-factor sign-in first (Settings → Security): admins must have it; ${channel} waits until then.`,
  { mustChangePassword: restriction === 'changePassword', mustEnrollTwoFactor: restriction === 'enrollTwoFactor' });
}

/**
 * The one path every operation takes, from the window, the web bridge or the outbox's replay:
 * channel known → caller (session or replaying operator) → role allowed → input valid → secrets
 * vaulted → handler → output checked. Failures come back as contract errors, never throws.
 * The opId of a mutation is in the input: the caller minted it (core.call for the window and the
 * bridge; the original call, for a replayed change).
 */
export async function runOperation(env: DispatchEnv, channel: string, rawInput: unknown, origin: Origin): Promise<Envelope<unknown>> {
  const engine = origin.kind === 'replay' ? origin.engine : env.engine();
  try {
    if (!isChannel(channel)) throw new ContractError('NOT_FOUND', `No such channel: ${channel}`);
    const spec: ChannelSpec = channels[channel];

    // Who is calling is settled before the input is read: a caller without the role learns nothing
    // about the channel's schema.
    let operator: SessionUser | null = null;
    if (spec.access !== 'public') {
      operator = await callerOf(env, origin, engine);
      if (origin.kind !== 'replay' && origin.sessionToken) refuseWhileRestricted(env, origin.sessionToken, channel, spec);
      if (!roleAllows(operator.role, spec.access)) {
        throw new ContractError('FORBIDDEN', `${channel} needs the ${spec.access} role; ${origin.kind === 'replay' ? 'its operator is now' : 'you are signed in as'} ${operator.role}.`);
      }
    }

    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    const now = origin.kind === 'replay' ? origin.now : env.now;
    let args = parsed.data as Record<string, unknown>;
    let opId: string | null = null;
    if (spec.mutation) {
      if (spec.policy?.secrets) args = await vaultSecrets(spec.policy, args, env.payments, now());
      if (typeof args.opId !== 'string') throw new Error(`${channel} reached dispatch without an opId`);
      opId = args.opId;
    }
    const onChange = env.inventoryChanged;
    const ctx: ServiceContext = {
      engine, config: env.config, now, operator, channel, opId, input: args, origin: origin.kind,
      mode: origin.kind === 'replay' ? 'online' : env.mode(), sessions: env.sessions, payments: env.payments,
      // A replayed change was announced on this console when it was made offline.
      emit: origin.kind === 'replay' ? () => undefined : env.emit,
      sync: origin.kind === 'replay' ? null : env.sync?.() ?? null,
      jobs: origin.kind === 'replay' ? null : env.jobs ?? null,
      inventoryChanged: onChange ? (changes: InventoryChange[]) => onChange(engine, changes) : undefined,
      postman: origin.kind === 'replay' ? null : env.postman ?? null,
    };
    const value = await operationFor(channel).run(ctx, args as never, origin.kind === 'replay' ? null : origin.sessionToken);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      env.log('error', `output of ${channel} does not match the contract`, { issues: checked.error.issues.slice(0, 5) });
      throw new ContractError('INTERNAL', `TripDesk produced an answer for ${channel} that breaks its own contract.`);
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    if (err instanceof ContractError) return { ok: false, error: err.toShape() };
    if (engine.isUnreachable(err)) return { ok: false, error: { code: 'OFFLINE', message: 'The central servers cannot be reached.' } };
    env.log('error', `unexpected failure in ${channel}`, { error: (err as Error)?.stack ?? String(err) });
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside TripDesk; it has been logged.' } };
  }
}
