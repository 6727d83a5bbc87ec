import { ContractError } from '../../../../shared/contract';
import type { SqlValue } from '../../engine/sql';
import { fieldError, inclusiveDays } from '../inventory/dayRange';
import { operation } from '../operation';
import { runMutation } from '../runMutation';

/** The rule changes in words, for the audit trail: "min stay 3, closed to arrival". */
function ruleWords(input: { minStayNights?: number | undefined; closedToArrival?: boolean | undefined; closedToDeparture?: boolean | undefined }): string {
  return [
    input.minStayNights !== undefined ? (input.minStayNights === 1 ? 'no minimum stay' : `minimum stay ${input.minStayNights} nights`) : null,
    input.closedToArrival !== undefined ? (input.closedToArrival ? 'closed to arrival' : 'open to arrival') : null,
    input.closedToDeparture !== undefined ? (input.closedToDeparture ? 'closed to departure' : 'open to departure') : null,
  ].filter(Boolean).join(', ');
}

/**
 * Rate rules on every stay night of [from, to] (inclusive) of a room type, or on none: the nights
 * must all be on sale (they carry the rules), and their rows are locked so a booking judged by the
 * old rules cannot commit in between. Bookings already made keep their dates.
 */
export const setRateRules = operation('rates.rules.set', async (ctx, input) => {
  const days = inclusiveDays(input.from, input.to);
  const sets: string[] = [];
  const params: SqlValue[] = [];
  if (input.minStayNights !== undefined) { sets.push('min_stay_nights = ?'); params.push(input.minStayNights); }
  if (input.closedToArrival !== undefined) { sets.push('closed_to_arrival = ?'); params.push(input.closedToArrival ? 1 : 0); }
  if (input.closedToDeparture !== undefined) { sets.push('closed_to_departure = ?'); params.push(input.closedToDeparture ? 1 : 0); }
  if (sets.length === 0) throw fieldError('minStayNights', 'give minStayNights, closedToArrival or closedToDeparture');
  return runMutation(ctx, async (tx) => {
    const roomType = await tx.get<{ id: number }>('SELECT id FROM hotel_room_types WHERE id = ?', [input.roomTypeId]);
    if (!roomType) throw new ContractError('NOT_FOUND', `No room type ${input.roomTypeId}.`, { roomTypeId: input.roomTypeId });
    const have = new Set((await tx.all<{ day: string }>(
      `SELECT stay_date AS day FROM hotel_inventory WHERE room_type_id = ? AND stay_date BETWEEN ? AND ?${tx.lockForUpdate}`,
      [input.roomTypeId, input.from, input.to])).map((r) => String(r.day).slice(0, 10)));
    const missing = days.filter((d) => !have.has(d));
    if (missing.length > 0) {
      throw new ContractError('NOT_FOUND',
        `Room type ${input.roomTypeId} is not on sale on ${missing.length} day(s): ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}; put those nights on sale first (rooms and price).`,
        { roomTypeId: input.roomTypeId, days: missing });
    }
    const res = await tx.run(
      `UPDATE hotel_inventory SET ${sets.join(', ')}, row_version = row_version + 1 WHERE room_type_id = ? AND stay_date BETWEEN ? AND ?`,
      [...params, input.roomTypeId, input.from, input.to]);
    return { daysChanged: res.affectedRows };
  }, (result) => ({
    entity: 'room type', entityId: String(input.roomTypeId),
    summary: `rate rules ${input.from}..${input.to} (inclusive): ${ruleWords(input)}; ${result.daysChanged} night(s) changed`,
  }));
});
