import { ContractError } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { operation } from '../operation';
import { runMutation } from '../runMutation';
import { loadMessage, loadMessageRow } from './messageRows';

/** Gives up a message that was not sent (one that failed), keeping it and the reason on record. */
export const discardMessage = operation('messages.discard', async (ctx, input) =>
  runMutation(ctx, async (tx) => {
    const row = await loadMessageRow(tx, input.messageId);
    if (!row) throw new ContractError('NOT_FOUND', `No message ${input.messageId}.`, { field: 'messageId' });
    if (row.state !== 'failed') {
      throw new ContractError('CONFLICT', `The message is ${row.state}; only a message that failed can be discarded.`, { field: 'messageId', state: row.state });
    }
    await tx.run(
      `UPDATE messages SET state = 'discarded', discard_reason = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ? AND state = 'failed'`,
      [input.reason, toDbInstant(ctx.now()), input.messageId]);
    const message = await loadMessage(tx, input.messageId);
    if (!message) throw new Error(`message ${input.messageId} vanished inside its own transaction`);
    return message;
  }, (m) => ({ entity: 'message', entityId: String(m.id), summary: `message to ${m.to} discarded: ${input.reason}` })));
