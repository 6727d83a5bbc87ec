import { ContractError } from '../../../../shared/contract';
import { placeholders, type SqlSession } from '../../engine/sql';

/** The rate rules of one stay night (hotel_inventory's columns; migrations/mysql/018). */
export interface NightRules { minStayNights: number; closedToArrival: boolean; closedToDeparture: boolean }

export type RuleName = 'closedToArrival' | 'minStay' | 'closedToDeparture';

/** A rule a stay breaks, in the words a hotel uses, with the day it is set on. */
export interface RuleBreak { rule: RuleName; date: string; message: string; minStayNights?: number }

interface RuleRow { room_type_id: number; day: string; min_stay_nights: number; closed_to_arrival: number; closed_to_departure: number }

const toRules = (r: RuleRow): NightRules => ({
  minStayNights: Number(r.min_stay_nights), closedToArrival: Number(r.closed_to_arrival) === 1, closedToDeparture: Number(r.closed_to_departure) === 1,
});

/**
 * Which rule a stay breaks, if any: the check-in day's (closed to arrival, then its minimum stay,
 * which binds stays arriving that day, as hotels set "min LOS on arrival"), then the check-out
 * day's (closed to departure). Pure: search, booking and change all judge a stay by it.
 */
export function stayRuleBreak(checkIn: string, checkOut: string, nights: number, arrival: NightRules | undefined, departure: NightRules | undefined): RuleBreak | null {
  if (arrival?.closedToArrival) return { rule: 'closedToArrival', date: checkIn, message: `Closed to arrival on ${checkIn}` };
  if (arrival && nights < arrival.minStayNights) {
    return { rule: 'minStay', date: checkIn, minStayNights: arrival.minStayNights, message: `Minimum stay ${arrival.minStayNights} nights from ${checkIn}` };
  }
  if (departure?.closedToDeparture) return { rule: 'closedToDeparture', date: checkOut, message: `Closed to departure on ${checkOut}` };
  return null;
}

/** The rules on the check-in and check-out days of some room types: `roomTypeId|date` → rules. */
export async function rulesOnDays(db: SqlSession, roomTypeIds: readonly number[], days: readonly string[]): Promise<Map<string, NightRules>> {
  const out = new Map<string, NightRules>();
  if (roomTypeIds.length === 0 || days.length === 0) return out;
  const rows = await db.all<RuleRow>(
    `SELECT room_type_id, stay_date AS day, min_stay_nights, closed_to_arrival, closed_to_departure FROM hotel_inventory
      WHERE room_type_id IN (${placeholders(roomTypeIds.length)}) AND stay_date IN (${placeholders(days.length)})`, [...roomTypeIds, ...days]);
  for (const r of rows) out.set(`${Number(r.room_type_id)}|${String(r.day).slice(0, 10)}`, toRules(r));
  return out;
}

/** A stay of one room type that breaks a rule is VALIDATION, naming the rule and its day. */
export async function requireStayRules(db: SqlSession, stay: { roomTypeId: number; checkIn: string; checkOut: string; nights: number; what: string }): Promise<void> {
  const rules = await rulesOnDays(db, [stay.roomTypeId], [stay.checkIn, stay.checkOut]);
  const broken = stayRuleBreak(stay.checkIn, stay.checkOut, stay.nights, rules.get(`${stay.roomTypeId}|${stay.checkIn}`), rules.get(`${stay.roomTypeId}|${stay.checkOut}`));
  if (!broken) return;
  const field = broken.rule === 'closedToDeparture' || broken.rule === 'minStay' ? 'checkOut' : 'checkIn';
  const detail = broken.rule === 'minStay' ? ` (this stay is ${stay.nights} night${stay.nights === 1 ? '' : 's'})` : '';
  throw new ContractError('VALIDATION', `${broken.message} at ${stay.what}${detail}.`, {
    rule: broken.rule, date: broken.date, roomTypeId: stay.roomTypeId, ...(broken.minStayNights ? { minStayNights: broken.minStayNights } : {}),
    fields: [{ field, message: broken.message }],
  });
}
