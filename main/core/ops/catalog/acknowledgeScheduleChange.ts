import { toDbInstant } from '../../../../shared/time';
import { runMutation } from '../runMutation';
import { operation } from '../operation';
import { loadScheduleChange } from './scheduleChanges';

/** The agent has told the customer about the new times: the change leaves Needs attention on every console. */
export const acknowledgeScheduleChange = operation('catalog.scheduleChanges.acknowledge', async (ctx, input) =>
  runMutation(ctx, async (tx) => {
    const change = await loadScheduleChange(tx, input.scheduleChangeId);
    // Acknowledged already (by someone else, or before a resend): the first acknowledgement stands.
    if (change.acknowledgedAtUtc !== null) return change;
    await tx.run('UPDATE schedule_changes SET acknowledged_by_admin_id = ?, acknowledged_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
      [ctx.operator?.id ?? null, toDbInstant(ctx.now()), input.scheduleChangeId]);
    return loadScheduleChange(tx, input.scheduleChangeId);
  }, (c) => ({ entity: 'booking', entityId: String(c.bookingId), summary: `schedule change of ${c.flightNumber} acknowledged (${c.locator})` })));
