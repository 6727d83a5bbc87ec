import { channels, ContractError, isChannel, mapAt, type ChannelSpec, type Envelope } from '../../../shared/contract';
import { toDbInstant } from '../../../shared/time';
import type { Engine } from '../ops/context';
import type { MysqlDb } from '../engine/mysql/mysqlDb';
import { placeholders, type SqlSession } from '../engine/sql';
import type { SqliteDb } from '../engine/sqlite/sqliteDb';
import { adoptServerIds, serverIdPairs, toServerIds, UnresolvedLocalId, type IdPair } from './localIds';
import { mintedNotice, withMintedValues } from './mintedOffline';
import { documentOf, refreshTouchedInventory, removeProvisionalRows } from './provisionalRows';
import type { OpBase, OutboxRow } from './outbox';
import { isGroupBroken, ReplayGroup, type GroupBreak } from './replayGroup';

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
  /** The central MySQL under `central`: with it ops go up in groups (one transaction each); without it, one op per transaction. */
  mysql?: { db: MysqlDb; queryTimeoutMs: number };
}

/**
 * At most this many ops in one group (one MySQL transaction), and no more ops are added after
 * REPLAY_GROUP_MS: row locks an op takes (a flight's seats) are held until its group commits, so
 * a group is kept short for the other consoles; and a group that is sent again after a lost
 * COMMIT costs at most this much.
 */
export const REPLAY_GROUP_OPS = 250;
const REPLAY_GROUP_MS = 100;
/** The time limit cuts only groups at least this big: a small group is over soon anyway. */
const REPLAY_GROUP_MIN_OPS = 32;

type Outcome =
  | { kind: 'applied'; value: unknown }
  | { kind: 'conflict'; code: string; message: string; details?: unknown }
  | { kind: 'failed'; message: string }
  | { kind: 'offline'; message: string };

export interface ReplayReport { applied: number; conflicts: number; failed: number; offline: boolean }

/**
 * What the earlier ops of a group not yet recorded on the device did, for the ops after them: the
 * server ids they gave to rows made offline, and their outcomes (keyed by opId).
 */
interface GroupView {
  serverIds: Map<string, number>;
  outcomes: Map<string, Outcome>;
}

const PENDING = "SELECT * FROM outbox WHERE state IN ('pending', 'applying') ORDER BY seq LIMIT ?";

const parsedResult = (row: OutboxRow): unknown => (row.result ? JSON.parse(row.result) : null);
const idKey = (entity: string, localId: number) => `${entity}:${localId}`;

/** Local ids minted by an earlier op of the same group: the server id that op was just given. */
async function inGroupIds(kind: string, payload: Record<string, unknown>, view: GroupView): Promise<Record<string, unknown>> {
  const localIds = isChannel(kind) ? (channels[kind] as ChannelSpec).policy?.localIds : undefined;
  let out: unknown = payload;
  for (const [path, table] of Object.entries(localIds ?? {})) {
    out = await mapAt(out, path, (v) => (typeof v === 'number' && v < 0 ? view.serverIds.get(idKey(table, v)) ?? v : v));
  }
  return out as Record<string, unknown>;
}

/** An earlier op's state: from the group when it is in it, else from the outbox. */
async function stateOf(local: SqlSession, opId: string, view: GroupView | null): Promise<{ kind: string; state: string; last_error: string | null } | undefined> {
  const inGroup = view?.outcomes.get(opId);
  const row = await local.get<{ kind: string; state: string; last_error: string | null }>('SELECT kind, state, last_error FROM outbox WHERE op_id = ?', [opId]);
  if (!inGroup || !row) return row;
  return { kind: row.kind, state: inGroup.kind, last_error: inGroup.kind === 'applied' ? null : inGroup.message };
}

/** Sends one queued change through the same dispatch as a call from the window, as its operator. */
async function replayOne(deps: ReplayDeps, central: Engine, row: OutboxRow, operators: Map<number, unknown>, view: GroupView | null): Promise<Outcome> {
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
    const withGroupIds = view && view.serverIds.size > 0 ? await inGroupIds(row.kind, payload, view) : payload;
    mapped = withMintedValues(row.kind, await toServerIds(deps.local, row.kind, withGroupIds), row.result);
  } catch (err) {
    if (!(err instanceof UnresolvedLocalId)) throw err;
    const parent = err.parentOpId ? await stateOf(deps.local, err.parentOpId, view) : undefined;
    return {
      kind: 'conflict', code: 'CONFLICT',
      message: `This change depends on ${parent ? `an earlier ${parent.kind} that was not applied (${parent.last_error ?? parent.state})` : 'a record that never reached the server'}.`,
      details: { parentOpId: err.parentOpId, entity: err.entity, localId: err.localId },
    };
  }

  try {
    if (row.base) {
      const base = JSON.parse(row.base) as OpBase;
      const id = base.id;
      if (base.after) {
        const earlier = await stateOf(deps.local, base.after, view);
        if (earlier?.state !== 'applied') {
          return {
            kind: 'conflict', code: 'CONFLICT',
            message: `This change was made on top of an earlier ${earlier?.kind ?? 'change'} to the same record that was not applied (${earlier?.state ?? 'gone'}).`,
            details: { table: base.table, id, earlierOpId: base.after },
          };
        }
      }
      const current = await central.sql.get<{ row_version: number }>(`SELECT row_version FROM ${base.table} WHERE id = ?`, [id]);
      if (!current) return { kind: 'conflict', code: 'NOT_FOUND', message: 'The record was deleted on the server.', details: { table: base.table, id } };
      if (current.row_version !== base.rowVersion) {
        return { kind: 'conflict', code: 'CONFLICT', message: 'The record changed on the server after you saw it.', details: { table: base.table, id, baseVersion: base.rowVersion, serverVersion: current.row_version } };
      }
    }
  } catch (err) {
    if (err instanceof ContractError && err.code === 'OFFLINE') return { kind: 'offline', message: err.message };
    if (central.isUnreachable(err)) return { kind: 'offline', message: String((err as Error).message) };
    throw err;
  }
  const res = await deps.runOperation(row.kind, { ...mapped, opId: row.op_id }, { operatorId: row.operator_id, engine: central, now: deps.now, operators });
  if (res.ok) return { kind: 'applied', value: res.value };
  if (res.error.code === 'OFFLINE') return { kind: 'offline', message: res.error.message };
  if (res.error.code === 'INTERNAL') return { kind: 'failed', message: `The server could not apply the change: ${res.error.message}` };
  return { kind: 'conflict', code: res.error.code, message: res.error.message, details: res.error.details };
}

/**
 * An op's outcome on the device: applied, its provisional rows take the server's ids; refused, it
 * stays in the outbox with its reason. The attempt is counted with its outcome, in the same local
 * write (a crash before it leaves the op pending, and applied_ops makes its resend harmless).
 * In a group the ids were adopted for the whole group first, and `leftovers` names the ops whose
 * rows got no server id.
 */
async function record(tx: SqlSession, row: OutboxRow, outcome: Exclude<Outcome, { kind: 'offline' }>, at: string, group?: { leftovers: Set<string> }): Promise<void> {
  if (outcome.kind === 'applied') {
    if (!group) await adoptServerIds(tx, serverIdPairs(row.kind, parsedResult(row), outcome.value));
    if (!group || documentOf(row.kind) || group.leftovers.has(row.op_id)) await removeProvisionalRows(tx, row.op_id, row.kind);
    await tx.run("UPDATE outbox SET state = 'applied', attempts = attempts + 1, result = ?, last_error = NULL, error_code = NULL, error_details = NULL, notice = ?, updated_at_utc = ? WHERE seq = ?",
      [JSON.stringify(outcome.value ?? null), mintedNotice(row.kind, row.result, outcome.value), at, row.seq]);
    return;
  }
  const code = outcome.kind === 'conflict' ? outcome.code : null;
  const details = outcome.kind === 'conflict' && outcome.details !== undefined ? JSON.stringify(outcome.details) : null;
  await tx.run('UPDATE outbox SET state = ?, attempts = attempts + 1, error_code = ?, last_error = ?, error_details = ?, updated_at_utc = ? WHERE seq = ?',
    [outcome.kind, code, outcome.message, details, at, row.seq]);
}

/** The op stays pending, to be sent again when the server answers. */
const stillPending = (deps: ReplayDeps, row: OutboxRow, message: string) =>
  deps.local.run("UPDATE outbox SET state = 'pending', attempts = attempts + 1, last_error = ?, updated_at_utc = ? WHERE seq = ?", [message, toDbInstant(deps.now()), row.seq]);

function count(report: ReplayReport, outcome: Outcome): void {
  if (outcome.kind === 'applied') report.applied++;
  else if (outcome.kind === 'conflict') report.conflicts++;
  else if (outcome.kind === 'failed') report.failed++;
}

/** One op in its own transaction (no MySQL group at hand, or its group was rolled back by the server). */
async function replaySolo(deps: ReplayDeps, row: OutboxRow, operators: Map<number, unknown>, report: ReplayReport): Promise<'ok' | 'offline'> {
  const outcome = await replayOne(deps, deps.central, row, operators, null);
  if (outcome.kind === 'offline') {
    await stillPending(deps, row, outcome.message);
    return 'offline';
  }
  await deps.local.transaction((tx) => record(tx, row, outcome, toDbInstant(deps.now())));
  if (outcome.kind !== 'applied') await refreshTouchedInventory(deps.central.sql, deps.local, row).catch(() => undefined);
  count(report, outcome);
  return 'ok';
}

/**
 * The applied ops of a group that made rows offline the server gave no id for (those rows are
 * dropped, removeProvisionalRows): found with one look at id_map for the whole group, since
 * id_map has no index on op_id and a look per op would read the whole map once per op.
 */
async function unmatchedLocalRows(tx: SqlSession, sent: SentOp[]): Promise<Set<string>> {
  const applied = sent.filter((s) => s.outcome.kind === 'applied');
  const out = new Set<string>();
  if (applied.length === 0) return out;
  const mapped = new Set<string>();
  for (const { pairs } of applied) for (const p of pairs) mapped.add(idKey(p.entity, p.localId));
  const rows = await tx.all<{ op_id: string; entity: string; local_id: number }>(
    `SELECT op_id, entity, local_id FROM id_map WHERE server_id IS NULL AND op_id IN (${placeholders(applied.length)})`, applied.map((s) => s.row.op_id));
  for (const r of rows) if (!mapped.has(idKey(r.entity, r.local_id))) out.add(r.op_id);
  return out;
}

type GroupEnd = { sent: number; end: 'ok' | 'offline' | 'rolled-back' | 'needs-savepoints' };

/** An op of a group the server answered, with the server ids it gave the rows the op made offline. */
interface SentOp { row: OutboxRow; outcome: Exclude<Outcome, { kind: 'offline' }>; pairs: IdPair[] }

/**
 * Consecutive ops in one MySQL transaction, a savepoint each (replayGroup.ts). An op that names a
 * row an earlier op of the group made offline gets that op's server id from the group (the device
 * records nothing until the COMMIT). After the COMMIT the outcomes are recorded on the device in
 * one SQLite transaction; a crash between the two leaves the ops pending, and their resend is
 * answered from applied_ops.
 */
async function replayGroup(
  deps: ReplayDeps, mysql: NonNullable<ReplayDeps['mysql']>, rows: OutboxRow[], savepoints: boolean, operators: Map<number, unknown>, report: ReplayReport,
): Promise<GroupEnd> {
  const first = rows[0];
  if (!first) return { sent: 0, end: 'ok' };
  const lost = async (row: OutboxRow, message: string): Promise<GroupEnd> => {
    await stillPending(deps, row, message);
    report.offline = true;
    return { sent: 0, end: 'offline' };
  };
  const broke = (reason: GroupBreak, row: OutboxRow, message: string): Promise<GroupEnd> =>
    reason === 'lost' ? lost(row, message) : Promise.resolve({ sent: 0, end: reason });

  let group: ReplayGroup;
  try {
    group = await ReplayGroup.open(mysql.db, mysql.queryTimeoutMs, savepoints);
  } catch (err) {
    if (err instanceof ContractError && err.code === 'OFFLINE') return lost(first, err.message);
    throw err;
  }
  const engine = group.engine(deps.central);
  const view: GroupView = { serverIds: new Map(), outcomes: new Map() };
  const sent: SentOp[] = [];
  let waiting: { row: OutboxRow; message: string } | null = null;
  let current = first;
  const started = Date.now();
  try {
    for (const row of rows) {
      if (sent.length >= REPLAY_GROUP_MIN_OPS && Date.now() - started > REPLAY_GROUP_MS) break;
      current = row;
      const outcome = await replayOne(deps, engine, row, operators, view);
      const reason = group.breakReason();
      if (reason) {
        await group.close();
        return broke(reason, row, outcome.kind === 'offline' ? outcome.message : 'The central database cannot be reached.');
      }
      if (outcome.kind === 'offline') {
        // Not the group's line (MongoDB, say): the ops before this one still commit.
        waiting = { row, message: outcome.message };
        break;
      }
      const pairs = outcome.kind === 'applied' ? serverIdPairs(row.kind, parsedResult(row), outcome.value) : [];
      sent.push({ row, outcome, pairs });
      view.outcomes.set(row.op_id, outcome);
      for (const p of pairs) view.serverIds.set(idKey(p.entity, p.localId), p.serverId);
    }
    await group.commit(deps.central.docs);
  } catch (err) {
    await group.close();
    const reason = group.breakReason();
    // A COMMIT whose answer was lost may have committed: the ops stay pending and applied_ops answers their resend.
    if (reason) return broke(reason, current, (err as Error).message);
    if (isGroupBroken(err) || deps.central.isUnreachable(err)) return lost(current, (err as Error).message);
    throw err;
  }

  const at = toDbInstant(deps.now());
  await deps.local.transaction(async (tx) => {
    const leftovers = await unmatchedLocalRows(tx, sent);
    await adoptServerIds(tx, sent.flatMap((s) => s.pairs));
    for (const { row, outcome } of sent) await record(tx, row, outcome, at, { leftovers });
  });
  for (const { row, outcome } of sent) {
    count(report, outcome);
    if (outcome.kind !== 'applied') await refreshTouchedInventory(deps.central.sql, deps.local, row).catch(() => undefined);
  }
  if (waiting) {
    await stillPending(deps, waiting.row, waiting.message);
    report.offline = true;
    return { sent: sent.length, end: 'offline' };
  }
  return { sent: sent.length, end: 'ok' };
}

/**
 * Sends what was done offline, oldest first. Each op runs as the same use case on MySQL, with its
 * applied_ops row in the same transaction as its effect, so a resend after a crash or cut returns
 * the stored answer instead of applying twice. Ops go up in groups, one MySQL transaction each, a
 * savepoint per op: a refusal is kept in the outbox as a conflict with its reason while its
 * neighbours apply; only a lost connection stops the run (the ops not recorded stay pending and
 * are sent again later). A group the server rolls back whole (a deadlock) is sent again one op per
 * transaction, with the engine's own deadlock retries.
 */
export async function replayOutbox(deps: ReplayDeps, onProgress?: (done: number, total: number) => void): Promise<ReplayReport> {
  const report: ReplayReport = { applied: 0, conflicts: 0, failed: 0, offline: false };
  const operators = new Map<number, unknown>();
  const total = (await deps.local.get<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'applying')"))?.n ?? 0;
  let done = 0;
  let soloLeft = 0;
  // Slow start: the first groups after the line came back are small (1, 2, 4… up to
  // REPLAY_GROUP_OPS), so a line that drops again at once costs little to resend, and the
  // progress shows from the first op.
  let groupSize = 1;
  let savepoints = false;
  for (;;) {
    const grouped = deps.mysql !== undefined && soloLeft === 0;
    const rows = await deps.local.all<OutboxRow>(PENDING, [grouped ? groupSize : 1]);
    const first = rows[0];
    if (!first) break;
    onProgress?.(done, total);
    if (!grouped || !deps.mysql) {
      soloLeft = Math.max(0, soloLeft - 1);
      done++;
      if ((await replaySolo(deps, first, operators, report)) === 'offline') {
        report.offline = true;
        break;
      }
      continue;
    }
    const group = await replayGroup(deps, deps.mysql, rows, savepoints, operators, report);
    done += group.sent;
    if (group.end === 'offline') break;
    // The same ops again: with a savepoint each, or (rolled back by the server) one per transaction.
    if (group.end === 'needs-savepoints') savepoints = true;
    else if (group.end === 'rolled-back') soloLeft = rows.length;
    else {
      savepoints = false;
      groupSize = Math.min(REPLAY_GROUP_OPS, groupSize * 2);
    }
  }
  return report;
}
