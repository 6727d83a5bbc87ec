import { channels, ContractError, isChannel, type Envelope } from '../../../shared/contract';
import { toDbInstant } from '../../../shared/time';
import type { Engine } from '../ops/context';
import type { SqliteDb } from '../engine/sqlite/sqliteDb';
import { adoptServerIds, serverIdPairs, toServerIds, UnresolvedLocalId } from './localIds';
import { mintedNotice, withMintedValues } from './mintedOffline';
import { refreshTouchedInventory, removeProvisionalRows } from './provisionalRows';
import type { OpBase, OutboxRow } from './outbox';

export type RunReplayed = (
  channel: string,
  input: Record<string, unknown>,
  replay: { operatorId: number | null; engine: Engine; now: () => number; operators: Map<number, unknown> },
) => Promise<Envelope<unknown>>;

export interface ReplayDeps {
  central: Engine;
  local: SqliteDb;
  now: () => number;
  runOperation: RunReplayed;
}

type Outcome =
  | { kind: 'applied'; value: unknown }
  | { kind: 'conflict'; code: string; message: string; details?: unknown }
  | { kind: 'failed'; message: string }
  | { kind: 'offline'; message: string };

export interface ReplayReport { applied: number; conflicts: number; failed: number; offline: boolean }

/** Sends one queued change through the same dispatch as a call from the window, as its operator. */
async function replayOne(deps: ReplayDeps, row: OutboxRow, operators: Map<number, unknown>): Promise<Outcome> {
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
  let mapped: Record<string, unknown>;
  try {
    mapped = withMintedValues(row.kind, await toServerIds(deps.local, row.kind, payload), row.result);
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

  const sql = deps.central.sql;
  try {
    if (row.base) {
      const base = JSON.parse(row.base) as OpBase;
      const id = base.id;
      if (base.after) {
        const earlier = await deps.local.get<{ kind: string; state: string }>('SELECT kind, state FROM outbox WHERE op_id = ?', [base.after]);
        if (earlier?.state !== 'applied') {
          return {
            kind: 'conflict', code: 'CONFLICT',
            message: `This change was made on top of an earlier ${earlier?.kind ?? 'change'} to the same record that was not applied (${earlier?.state ?? 'gone'}).`,
            details: { table: base.table, id, earlierOpId: base.after },
          };
        }
      }
      const current = await sql.get<{ row_version: number }>(`SELECT row_version FROM ${base.table} WHERE id = ?`, [id]);
      if (!current) return { kind: 'conflict', code: 'NOT_FOUND', message: 'The record was deleted on the server.', details: { table: base.table, id } };
      if (current.row_version !== base.rowVersion) {
        return { kind: 'conflict', code: 'CONFLICT', message: 'The record changed on the server after you saw it.', details: { table: base.table, id, baseVersion: base.rowVersion, serverVersion: current.row_version } };
      }
    }
  } catch (err) {
    if (err instanceof ContractError && err.code === 'OFFLINE') return { kind: 'offline', message: err.message };
    if (deps.central.isUnreachable(err)) return { kind: 'offline', message: String((err as Error).message) };
    throw err;
  }
  const res = await deps.runOperation(row.kind, { ...mapped, opId: row.op_id }, { operatorId: row.operator_id, engine: deps.central, now: deps.now, operators });
  if (res.ok) return { kind: 'applied', value: res.value };
  if (res.error.code === 'OFFLINE') return { kind: 'offline', message: res.error.message };
  if (res.error.code === 'INTERNAL') return { kind: 'failed', message: `The server could not apply the change: ${res.error.message}` };
  return { kind: 'conflict', code: res.error.code, message: res.error.message, details: res.error.details };
}

/**
 * Sends what was done offline, oldest first. Each op runs as the same use case on MySQL, with its
 * applied_ops row in the same transaction, so a resend after a crash or cut returns the stored
 * answer instead of applying twice. A refusal is kept in the outbox as a conflict with its reason;
 * only a lost connection stops the run (the op stays pending and is sent again later).
 */
export async function replayOutbox(deps: ReplayDeps, onProgress?: (done: number, total: number) => void): Promise<ReplayReport> {
  const report: ReplayReport = { applied: 0, conflicts: 0, failed: 0, offline: false };
  const operators = new Map<number, unknown>();
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
        await adoptServerIds(tx, serverIdPairs(row.kind, row.result ? JSON.parse(row.result) : null, outcome.value));
        await removeProvisionalRows(tx, row.op_id, row.kind);
        await tx.run("UPDATE outbox SET state = 'applied', attempts = attempts + 1, result = ?, last_error = NULL, error_code = NULL, error_details = NULL, notice = ?, updated_at_utc = ? WHERE seq = ?",
          [JSON.stringify(outcome.value ?? null), mintedNotice(row.kind, row.result, outcome.value), at(), row.seq]);
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
