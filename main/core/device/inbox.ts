import { channels, ContractError, isChannel, type InboxItem } from '../../../shared/contract';
import { toDbInstant } from '../../../shared/time';
import type { SqliteDb } from '../engine/sqlite/sqliteDb';
import { uuidv7 } from '../../../shared/uuidv7';
import type { z } from 'zod';
import { toInboxItem, type OutboxRow } from './outbox';
import { discardProvisionalRows, documentOf } from './provisionalRows';

type Item = z.infer<typeof InboxItem>;

/** What needs an agent: ops the server refused or could not take, or applied with a notice; newest problems last. */
export async function listInbox(local: SqliteDb): Promise<Item[]> {
  const rows = await local.all<OutboxRow>(
    "SELECT * FROM outbox WHERE state IN ('conflict', 'failed', 'pending', 'applying') OR (state = 'applied' AND notice IS NOT NULL) ORDER BY seq");
  return rows.map(toInboxItem);
}

export interface Resolution {
  opId: string;
  action: 'accept_new_price' | 'retry' | 'edit' | 'discard' | 'dismiss';
  input?: Record<string, unknown>;
  reason?: string;
}

/**
 * An agent's answer to a refused op: take the new price, try again (ignoring that the record
 * changed), send it edited (e.g. an alternative flight), or drop it with a reason. Nothing an
 * agent entered disappears without one of these.
 */
export async function resolveInboxItem(local: SqliteDb, r: Resolution, now: number): Promise<Item> {
  const row = await local.get<OutboxRow>('SELECT * FROM outbox WHERE op_id = ?', [r.opId]);
  if (!row) throw new ContractError('NOT_FOUND', `Nothing waiting with opId ${r.opId}.`);
  if (r.action === 'dismiss') {
    // Read and passed on: only a notice is dismissed; a refused change needs one of the other answers.
    if (row.state !== 'applied' || !row.notice) throw new ContractError('VALIDATION', 'action: only a change applied with a notice can be dismissed.');
    await local.run('UPDATE outbox SET notice = NULL, updated_at_utc = ? WHERE op_id = ?', [toDbInstant(now), r.opId]);
    return toInboxItem({ ...row, notice: null });
  }
  if (row.state === 'applied' || row.state === 'discarded') throw new ContractError('CONFLICT', `That change is already ${row.state}.`, { state: row.state });
  const at = toDbInstant(now);
  let current = r.opId;
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(row.payload) as Record<string, unknown>;
  } catch {
    payload = {};
  }
  switch (r.action) {
    case 'discard': {
      if (!r.reason) throw new ContractError('VALIDATION', 'reason: say why the change is dropped.');
      await local.transaction(async (tx) => {
        await discardProvisionalRows(tx, r.opId, row.kind);
        await tx.run("UPDATE outbox SET state = 'discarded', last_error = ?, updated_at_utc = ? WHERE op_id = ?", [`discarded: ${r.reason}`, at, r.opId]);
      });
      break;
    }
    case 'accept_new_price': {
      const details = row.error_details ? (JSON.parse(row.error_details) as { newTotalCents?: number; newDifferenceCents?: number }) : {};
      if (row.error_code !== 'PRICE_CHANGED' || (typeof details.newTotalCents !== 'number' && typeof details.newDifferenceCents !== 'number')) {
        throw new ContractError('VALIDATION', 'action: only a PRICE_CHANGED change can take the new price.');
      }
      // A booking or an addition quotes its total; a change (bookings.change) the difference it costs.
      if (typeof details.newDifferenceCents === 'number') payload.expectedDifferenceCents = details.newDifferenceCents;
      else payload.expectedTotalCents = details.newTotalCents;
      current = await requeue(local, r.opId, row.kind, payload, at, row.base);
      break;
    }
    case 'retry':
      // The agent has seen the server's version and wants theirs applied anyway.
      current = await requeue(local, r.opId, row.kind, payload, at, null);
      break;
    case 'edit': {
      if (!r.input) throw new ContractError('VALIDATION', 'input: give the corrected change.');
      const edited = { ...payload, ...r.input, opId: r.opId };
      if (isChannel(row.kind)) {
        const check = channels[row.kind].input.safeParse(edited);
        if (!check.success) throw new ContractError('VALIDATION', `input.${check.error.issues[0]?.path.join('.') ?? ''}: ${check.error.issues[0]?.message ?? 'invalid'}`);
      }
      current = await requeue(local, r.opId, row.kind, edited, at, null);
      break;
    }
  }
  const after = await local.get<OutboxRow>('SELECT * FROM outbox WHERE op_id = ?', [current]);
  if (!after) throw new ContractError('NOT_FOUND', `Nothing waiting with opId ${r.opId}.`);
  return toInboxItem(after);
}

/**
 * Queues a refused op again as a new attempt. The server keeps its answer per opId (a refusal
 * included), so the attempt gets a fresh opId; the local rows, holds and later ops that named the
 * old one follow it.
 */
async function requeue(local: SqliteDb, opId: string, kind: string, payload: Record<string, unknown>, at: string, base: string | null): Promise<string> {
  const next = uuidv7();
  await local.transaction(async (tx) => {
    await tx.run(
      "UPDATE outbox SET op_id = ?, state = 'pending', payload = ?, base = ?, error_code = NULL, last_error = NULL, error_details = NULL, updated_at_utc = ? WHERE op_id = ?",
      [next, JSON.stringify({ ...payload, opId: next }), base, at, opId]);
    await tx.run('UPDATE id_map SET op_id = ? WHERE op_id = ?', [next, opId]);
    await tx.run('UPDATE flight_seat_holds SET hold_token = ? WHERE hold_token = ?', [next, opId]);
    const doc = documentOf(kind);
    if (doc) await tx.run(`UPDATE ${doc} SET id = ? WHERE id = ?`, [next, opId]);
    await tx.run("UPDATE outbox SET payload = REPLACE(payload, ?, ?), base = REPLACE(base, ?, ?) WHERE state IN ('pending', 'conflict', 'failed')", [opId, next, opId, next]);
  });
  return next;
}
