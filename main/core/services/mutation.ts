import { ContractError } from '../../../shared/contract/errors';
import { toDbInstant } from '../../../shared/time';
import type { SqlSession } from '../stores/sql';
import type { ServiceContext } from './context';

interface StoredOutcome {
  outcome: 'ok' | 'rejected';
  result_json: string;
}

/** Business rejections are final for an opId; connection loss and bugs are not. */
const FINAL_REJECTIONS = new Set(['VALIDATION', 'NOT_FOUND', 'SOLD_OUT', 'PRICE_CHANGED', 'HOLD_EXPIRED', 'CONFLICT', 'FORBIDDEN']);

/**
 * Runs a mutation exactly once per opId: its effect and its `applied_ops` row commit in one
 * transaction; a repeated opId returns the stored result (or the stored rejection) unchanged.
 * A rejection is committed too (inside a savepoint), so a replayed op that was refused stays refused.
 */
export async function runMutation<T>(ctx: ServiceContext, work: (tx: SqlSession) => Promise<T>): Promise<T> {
  const opId = ctx.opId;
  if (!opId) throw new Error(`${ctx.channel} is a mutation and needs an opId`);
  const outcome = await ctx.engine.sql.transaction(async (tx) => {
    const prior = await tx.get<StoredOutcome>('SELECT outcome, result_json FROM applied_ops WHERE op_id = ?', [opId]);
    if (prior) return prior;
    await tx.run('SAVEPOINT op_effect');
    let stored: StoredOutcome;
    try {
      const value = await work(tx);
      stored = { outcome: 'ok', result_json: JSON.stringify(value ?? null) };
      if (ctx.engine.afterMutation) {
        await ctx.engine.afterMutation(tx, { channel: ctx.channel, opId, input: ctx.input, result: value, operatorId: ctx.operator?.id ?? null });
      }
    } catch (err) {
      if (!(err instanceof ContractError) || !FINAL_REJECTIONS.has(err.code)) throw err;
      await tx.run('ROLLBACK TO SAVEPOINT op_effect');
      stored = { outcome: 'rejected', result_json: JSON.stringify(err.toShape()) };
    }
    await tx.run('INSERT INTO applied_ops (op_id, channel, outcome, result_json, admin_id, applied_at_utc) VALUES (?, ?, ?, ?, ?, ?)', [
      opId, ctx.channel, stored.outcome, stored.result_json, ctx.operator?.id ?? null, toDbInstant(ctx.now()),
    ]);
    return stored;
  });
  const parsed = JSON.parse(outcome.result_json) as unknown;
  if (outcome.outcome === 'rejected') {
    const e = parsed as { code: ConstructorParameters<typeof ContractError>[0]; message: string; details?: unknown };
    throw new ContractError(e.code, e.message, e.details);
  }
  return parsed as T;
}
