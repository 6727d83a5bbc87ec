import { ContractError } from '../../../shared/contract/errors';
import { toDbInstant } from '../../../shared/time';
import { placeholders, type SqlSession } from '../engine/sql';
import { writeAudit, type AuditNote } from './audit/audit';
import type { ServiceContext } from './context';

const APPLIED_COLUMNS = 'op_id, channel, outcome, result_json, admin_id, applied_at_utc';

interface StoredOutcome {
  outcome: 'ok' | 'rejected';
  result_json: string;
  /** Who stored it, for a repeat: an opId belongs to one channel and one operator. */
  channel?: string;
  admin_id?: number | null;
}

/** Business rejections are final for an opId; connection loss and bugs are not. */
const FINAL_REJECTIONS = new Set(['VALIDATION', 'NOT_FOUND', 'SOLD_OUT', 'PRICE_CHANGED', 'HOLD_EXPIRED', 'CONFLICT', 'FORBIDDEN']);

/** What the audit trail says about a mutation that succeeded; null when it changed nothing worth a line. */
export type AuditOf<T> = (value: T) => AuditNote | null;

/**
 * Stores the op's answer before the work is done (its effect still commits with it, or not at all).
 * For use cases whose answer is known before they take a contended row lock: storing it first
 * leaves fewer statements between that lock and COMMIT. The work must then return that answer.
 */
export type Settle<T> = (answer: T) => Promise<void>;

/** A final refusal, carried out of the transaction so that the whole transaction rolls back. */
class Refused extends Error {
  constructor(readonly refusal: ContractError) {
    super('the mutation was refused');
  }
}

/**
 * Runs a mutation exactly once per opId: its effect and its `applied_ops` row commit in one
 * transaction; a repeated opId returns the stored result (or the stored rejection) unchanged.
 *
 * The stored answer is not looked up first: a repeat is rare (a retry, a resend after a cut), and
 * the lookup would be one more round trip in every hold and booking. A repeat is caught by the
 * keys instead: `applied_ops.op_id` (and the rows the op made, such as a hold's token) refuse the
 * twin's rows, its transaction rolls back whole, and the answer stored by the first run is read
 * and returned. Nothing a use case does inside its transaction reaches outside the database,
 * except the card gateway, which is keyed by the opId: a twin's charge is the first one again.
 *
 * A rejection is committed too, so a replayed op that was refused stays refused: the refused
 * transaction rolls back whole, and the refusal is stored by a second, short one (unless the op
 * was stored meanwhile). That costs refusals a transaction and spares every success a SAVEPOINT.
 *
 * `audit` describes the entry a success leaves in the audit trail. Where the documents share the
 * SQL database (SQLite) it is written onto the applied_ops row (and filed into `logs` in batches), so
 * a mutation costs one commit and cannot commit without its entry; centrally it goes to the
 * document store once the transaction has committed.
 */
export async function runMutation<T>(ctx: ServiceContext, work: (tx: SqlSession, settle: Settle<T>) => Promise<T>, audit?: AuditOf<T>): Promise<T> {
  const opId = ctx.opId;
  if (!opId) throw new Error(`${ctx.channel} is a mutation and needs an opId`);
  const sql = ctx.engine.sql;
  const trail = ctx.engine.auditOnAppliedOps;
  const store = (tx: SqlSession, stored: StoredOutcome, note: AuditNote | null = null) => {
    const values = [opId, ctx.channel, stored.outcome, stored.result_json, ctx.operator?.id ?? null, toDbInstant(ctx.now())];
    return note
      ? tx.run(`INSERT INTO applied_ops (${APPLIED_COLUMNS}, audit_entity, audit_entity_id, audit_summary) VALUES (${placeholders(9)})`,
        [...values, note.entity, note.entityId, note.summary])
      : tx.run(`INSERT INTO applied_ops (${APPLIED_COLUMNS}) VALUES (${placeholders(6)})`, values);
  };
  // SQLite keeps the audit entry on the applied_ops row (the answer is the value the work returns).
  const noteFor = (value: T): AuditNote | null => (trail && audit ? audit(value) : null);
  const storedFor = async (db: SqlSession) => {
    const prior = await db.get<StoredOutcome>('SELECT outcome, result_json, channel, admin_id FROM applied_ops WHERE op_id = ?', [opId]);
    if (prior) ownedByThisCall(ctx, prior);
    return prior;
  };

  let audited = false;
  // This run's own answer, when it committed: returned as is rather than parsed back from its JSON.
  let answered: { value: T } | null = null;
  let outcome: StoredOutcome;
  try {
    outcome = await sql.transaction(async (tx) => {
      audited = false;
      answered = null;
      let settled: StoredOutcome | null = null;
      const settle: Settle<T> = async (answer) => {
        if (settled) throw new Error(`${ctx.channel} settled its answer twice`);
        settled = { outcome: 'ok', result_json: JSON.stringify(answer ?? null) };
        const note = noteFor(answer);
        await store(tx, settled, note);
        audited = note !== null;
      };
      let value: T;
      try {
        value = await work(tx, settle);
      } catch (err) {
        if (err instanceof ContractError && FINAL_REJECTIONS.has(err.code)) throw new Refused(err);
        throw err;
      }
      if (ctx.engine.afterMutation) {
        await ctx.engine.afterMutation(tx, { channel: ctx.channel, opId, input: ctx.input, result: value, operatorId: ctx.operator?.id ?? null });
      }
      answered = { value };
      if (settled) return settled;
      const stored: StoredOutcome = { outcome: 'ok', result_json: JSON.stringify(value ?? null) };
      const note = noteFor(value);
      await store(tx, stored, note);
      audited = note !== null;
      return stored;
    });
  } catch (err) {
    audited = false;
    answered = null;
    if (err instanceof Refused) {
      const rejected: StoredOutcome = { outcome: 'rejected', result_json: JSON.stringify(err.refusal.toShape()) };
      outcome = await sql.transaction(async (tx) => {
        // A twin that succeeded first (its customer makes ours a duplicate email…) keeps its answer.
        const prior = await storedFor(tx);
        if (prior) return prior;
        await store(tx, rejected);
        return rejected;
      });
    } else {
      // A twin of this op may have committed first: its keys refused our rows. Its answer stands.
      // (Not when the server is out of reach: that error is the answer.)
      const prior = err instanceof ContractError ? undefined : await storedFor(sql).catch((e: unknown) => {
        if (e instanceof ContractError) throw e;
        return undefined;
      });
      if (!prior) throw err;
      outcome = prior;
    }
  }
  if (audited) trail?.written();
  const value = answered ? (answered as { value: T }).value : storedAnswer<T>(outcome);
  if (audit && !audited) {
    // Centrally (or for a repeat): the entry's id derives from the opId, so writing it again for
    // a repeated opId (whose first run may have lost its entry) still leaves one entry.
    const note = audit(value);
    if (note) await writeAudit(ctx, note.entity, note.entityId, note.summary);
  }
  return value;
}

/**
 * A repeated opId is answered from applied_ops only for the same channel and operator: reused
 * anywhere else (a client bug, or someone replaying another agent's op) it is CONFLICT, and the
 * transaction that tried it has rolled back, so nothing of it took effect.
 */
function ownedByThisCall(ctx: ServiceContext, prior: StoredOutcome): void {
  const operatorId = ctx.operator?.id ?? null;
  const priorOperator = prior.admin_id === undefined || prior.admin_id === null ? null : Number(prior.admin_id);
  if (prior.channel !== undefined && prior.channel !== ctx.channel) {
    throw new ContractError('CONFLICT', `opId ${ctx.opId} was already used for ${prior.channel}; a new change needs a new opId.`, {
      field: 'opId', usedFor: prior.channel,
    });
  }
  if (priorOperator !== operatorId) {
    throw new ContractError('CONFLICT', `opId ${ctx.opId} belongs to another operator's change; a new change needs a new opId.`, { field: 'opId' });
  }
}

/**
 * A stored answer, or its stored refusal thrown again. (A run that committed returns its own value:
 * use cases answer plain JSON values, the contract's outputs, so text and value say the same.)
 */
function storedAnswer<T>(stored: StoredOutcome): T {
  const parsed = JSON.parse(stored.result_json) as unknown;
  if (stored.outcome === 'rejected') {
    const e = parsed as { code: ConstructorParameters<typeof ContractError>[0]; message: string; details?: unknown };
    throw new ContractError(e.code, e.message, e.details);
  }
  return parsed as T;
}
