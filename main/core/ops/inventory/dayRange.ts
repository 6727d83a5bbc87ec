import { ContractError } from '../../../../shared/contract';
import { addDays, DAY_MS, daysBetween } from '../../../../shared/time';

export const MAX_RANGE_DAYS = 400;

export function fieldError(field: string, message: string): ContractError {
  return new ContractError('VALIDATION', `${field}: ${message}`, { fields: [{ field, message }] });
}

/**
 * Inventory ranges are INCLUSIVE of both `from` and `to`: a supervisor editing "1 to 7 June"
 * means seven stay nights / rental days, not six (unlike a hotel stay's check-out day).
 */
export function inclusiveDays(from: string, to: string): string[] {
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (span < 1) throw fieldError('to', `must be on or after from (${from})`);
  if (span > MAX_RANGE_DAYS) throw fieldError('to', `a range covers at most ${MAX_RANGE_DAYS} days; this one covers ${span}`);
  return daysBetween(from, addDays(to, 1));
}
