import { channels, ContractError, isChannel, roleAllows, type ChannelName, type Role, type SessionUser } from '../../../shared/contract';
import { toDbInstant } from '../../../shared/time';
import type { CoreConfig } from '../config';
import { handlers } from '../host/handlers';
import type { SessionBook } from '../ops/auth/sessions';
import type { Engine, ServiceContext } from '../ops/context';
import type { InventoryChange } from '../ops/inventory/inventoryChange';
import { isConnectionError } from '../engine/mysql/mysqlDb';
import type { SqliteDb } from '../engine/sqlite/sqliteDb';
import { adoptServerIds, toServerIds, UnresolvedLocalId } from './localIds';
import { refreshTouchedInventory, removeProvisionalRows } from './provisionalRows';
import type { OpBase, OutboxRow } from './outbox';

export interface ReplayDeps {
  central: Engine;
  local: SqliteDb;
  config: CoreConfig;
  sessions: SessionBook;
  now: () => number;
  /** A replayed price or inventory change is a change on the server: deals and watches hear of it. */
  inventoryChanged?: ((engine: Engine, changes: InventoryChange[]) => Promise<void>) | null;
}

type Outcome =
  | { kind: 'applied'; value: unknown }
  | { kind: 'conflict'; code: string; message: string; details?: unknown }
  | { kind: 'failed'; message: string }
  | { kind: 'offline'; message: string };

export interface ReplayReport { applied: number; conflicts: number; failed: number; offline: boolean }

/** Ids the server gave to rows the op made offline, matched to their local ids. */
function idPairs(kind: string, local: unknown, server: unknown): Array<{ entity: string; localId: number; serverId: number }> {
  const l = local as { id?: number; items?: Array<{ id: number }> } | null;
  const s = server as { id?: number; items?: Array<{ id: number }> } | null;
  if (!l || !s || typeof l.id !== 'number' || typeof s.id !== 'number') return [];
  const entity = kind === 'customers.create' ? 'users' : kind === 'paymentMethods.add' ? 'payment_methods' : kind === 'bookings.create' ? 'bookings' : null;
  if (!entity || l.id >= 0) return [];
  const pairs = [{ entity, localId: l.id, serverId: s.id }];
  if (kind === 'bookings.create' && l.items && s.items) {
    // Local ids count down as rows are made, server ids count up: creation order matches.
    const localItems = [...l.items].sort((a, b) => b.id - a.id);
    const serverItems = [...s.items].sort((a, b) => a.id - b.id);
    localItems.forEach((item, i) => {
      const twin = serverItems[i];
      if (twin && item.id < 0) pairs.push({ entity: 'booking_items', localId: item.id, serverId: twin.id });
    });
  }
  return pairs;
}

type OperatorRow = { id: number; email: string; name: string; role: Role; active: number };

async function replayOne(deps: ReplayDeps, row: OutboxRow, operators: Map<number, OperatorRow | undefined>): Promise<Outcome> {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(row.payload) as Record<string, unknown>;
    if (typeof payload !== 'object' || payload === null) throw new Error('not an object');
  } catch {
    return { kind: 'failed', message: 'The queued change is unreadable (corrupt payload); it cannot be sent.' };
  }
  if (!isChannel(row.kind) || !channels[row.kind].mutation) {
    return { kind: 'failed', message: `Unknown kind of change "${row.kind}"; it cannot be sent.` };
  }
  const channel: ChannelName = row.kind;
  let mapped: Record<string, unknown>;
  try {
    mapped = await toServerIds(deps.local, payload);
  } catch (err) {
    if (!(err instanceof UnresolvedLocalId)) throw err;
    const parent = err.parentOpId
      ? await deps.local.get<{ kind: string; state: string; last_error: string | null }>('SELECT kind, state, last_error FROM outbox WHERE op_id = ?', [err.parentOpId])
      : undefined;
    return {
      kind: 'conflict', code: 'CONFLICT',
      message: `This change depends on ${parent ? `an earlier ${parent.kind} that was not applied (${parent.last_error ?? parent.state})` : 'a record that never reached the server'}.`,
      details: { parentOpId: err.parentOpId, entity: err.entity, localId: err.localId },
    };
  }
  const parsed = channels[channel].input.safeParse({ ...mapped, opId: row.op_id });
  if (!parsed.success) return { kind: 'failed', message: `The queued change is no longer valid: ${parsed.error.issues[0]?.message ?? 'invalid'}.` };

  const sql = deps.central.sql;
  if (row.base) {
    const base = JSON.parse(row.base) as OpBase;
    const id = base.id;
    const current = await sql.get<{ row_version: number }>(`SELECT row_version FROM ${base.table} WHERE id = ?`, [id]);
    if (!current) return { kind: 'conflict', code: 'NOT_FOUND', message: 'The record was deleted on the server.', details: { table: base.table, id } };
    if (current.row_version !== base.rowVersion) {
      return { kind: 'conflict', code: 'CONFLICT', message: 'The record changed on the server after you saw it.', details: { table: base.table, id, baseVersion: base.rowVersion, serverVersion: current.row_version } };
    }
  }
  const opKey = row.operator_id ?? 0;
  if (!operators.has(opKey)) operators.set(opKey, await sql.get<OperatorRow>('SELECT id, email, name, role, active FROM admins WHERE id = ?', [opKey]));
  const op = operators.get(opKey);
  if (!op || op.active !== 1 || !roleAllows(op.role, channels[channel].access)) {
    return { kind: 'conflict', code: 'FORBIDDEN', message: 'The operator who made this change may no longer make it.' };
  }
  const operator: SessionUser = { id: op.id, email: op.email, name: op.name, role: op.role };
  const ctx: ServiceContext = {
    engine: deps.central, config: deps.config, now: deps.now, operator, channel, opId: row.op_id, input: parsed.data,
    mode: 'online', sessions: deps.sessions, emit: () => undefined,
    inventoryChanged: deps.inventoryChanged ? (changes) => deps.inventoryChanged?.(deps.central, changes) ?? Promise.resolve() : undefined,
  };
  const handler = handlers[channel] as ((c: ServiceContext, i: unknown, t: string | null) => Promise<unknown>) | undefined;
  if (!handler) return { kind: 'failed', message: `${channel} cannot be replayed.` };
  try {
    return { kind: 'applied', value: await handler(ctx, parsed.data, null) };
  } catch (err) {
    if (err instanceof ContractError) {
      if (err.code === 'OFFLINE') return { kind: 'offline', message: err.message };
      return { kind: 'conflict', code: err.code, message: err.message, details: err.details };
    }
    const name = (err as { name?: string } | null)?.name ?? '';
    if (isConnectionError(err) || name.startsWith('MongoNetwork') || name === 'MongoServerSelectionError') {
      return { kind: 'offline', message: String((err as Error).message) };
    }
    return { kind: 'failed', message: `The server refused the change: ${(err as Error)?.message ?? String(err)}` };
  }
}

/**
 * Sends what was done offline, oldest first. Each op runs as the same use case on MySQL, with its
 * applied_ops row in the same transaction, so a resend after a crash or cut returns the stored
 * answer instead of applying twice. A refusal is kept in the outbox as a conflict with its reason;
 * only a lost connection stops the run (the op stays pending and is sent again later).
 */
export async function replayOutbox(deps: ReplayDeps, onProgress?: (done: number, total: number) => void): Promise<ReplayReport> {
  const report: ReplayReport = { applied: 0, conflicts: 0, failed: 0, offline: false };
  const operators = new Map<number, OperatorRow | undefined>();
  return replayAll(deps, report, operators, onProgress);
}

async function replayAll(deps: ReplayDeps, report: ReplayReport, operators: Map<number, OperatorRow | undefined>, onProgress?: (done: number, total: number) => void): Promise<ReplayReport> {
  const total = (await deps.local.get<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'applying')"))?.n ?? 0;
  for (let done = 0; ; done++) {
    const row = await deps.local.get<OutboxRow>("SELECT * FROM outbox WHERE state IN ('pending', 'applying') ORDER BY seq LIMIT 1");
    if (!row) break;
    onProgress?.(done, total);
    const at = () => toDbInstant(deps.now());
    // The attempt is counted with its outcome, in the same local write: a separate 'applying'
    // mark would cost every op one more SQLite commit, and a crash mid-op needs no mark (the op
    // is still pending, and the server's applied_ops row makes its resend harmless).
    const outcome = await replayOne(deps, row, operators);
    if (outcome.kind === 'offline') {
      await deps.local.run("UPDATE outbox SET state = 'pending', attempts = attempts + 1, last_error = ?, updated_at_utc = ? WHERE seq = ?", [outcome.message, at(), row.seq]);
      report.offline = true;
      break;
    }
    if (outcome.kind === 'applied') {
      await deps.local.transaction(async (tx) => {
        await adoptServerIds(tx, idPairs(row.kind, row.result ? JSON.parse(row.result) : null, outcome.value));
        await removeProvisionalRows(tx, row.op_id, row.kind);
        await tx.run("UPDATE outbox SET state = 'applied', attempts = attempts + 1, result = ?, last_error = NULL, error_code = NULL, error_details = NULL, updated_at_utc = ? WHERE seq = ?",
          [JSON.stringify(outcome.value ?? null), at(), row.seq]);
      });
      report.applied++;
      continue;
    }
    const code = outcome.kind === 'conflict' ? outcome.code : null;
    const details = outcome.kind === 'conflict' && outcome.details !== undefined ? JSON.stringify(outcome.details) : null;
    await deps.local.run('UPDATE outbox SET state = ?, attempts = attempts + 1, error_code = ?, last_error = ?, error_details = ?, updated_at_utc = ? WHERE seq = ?',
      [outcome.kind, code, outcome.message, details, at(), row.seq]);
    await refreshTouchedInventory(deps.central.sql, deps.local, row).catch(() => undefined);
    if (outcome.kind === 'conflict') report.conflicts++;
    else report.failed++;
  }
  return report;
}
