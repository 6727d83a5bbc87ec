import { ContractError } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { operation } from '../operation';
import { runMutation } from '../runMutation';
import { loadMessage, loadMessageRow } from './messageRows';
import { sendNow } from './recordMessage';

/**
 * A failed message queued again (to a corrected address when `to` is given) and sent at once,
 * with its own Message-ID still: a receiver that got an earlier attempt sees the same message.
 */
export const retryMessage = operation('messages.retry', async (ctx, input) => {
  const queued = await runMutation(ctx, async (tx) => {
    const row = await loadMessageRow(tx, input.messageId);
    if (!row) throw new ContractError('NOT_FOUND', `No message ${input.messageId}.`, { field: 'messageId' });
    if (row.state !== 'failed') {
      throw new ContractError('CONFLICT', `The message is ${row.state}; only a message that failed is sent again.`, { field: 'messageId', state: row.state });
    }
    const at = toDbInstant(ctx.now());
    await tx.run(
      `UPDATE messages SET state = 'queued', to_address = ?, failure_reason = NULL, attempted_at_utc = NULL, attempted_console = NULL,
              updated_at_utc = ?, row_version = row_version + 1 WHERE id = ? AND state = 'failed'`,
      [input.to ?? row.to_address, at, input.messageId]);
    const message = await loadMessage(tx, input.messageId);
    if (!message) throw new Error(`message ${input.messageId} vanished inside its own transaction`);
    return message;
  }, (m) => ({ entity: 'message', entityId: String(m.id), summary: `message retried to ${m.to}` }));
  return sendNow(ctx, queued);
});
