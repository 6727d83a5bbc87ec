import { ContractError } from '../../../../shared/contract';
import { daysBetween } from '../../../../shared/time';

const MAX_NIGHTS = 30;

/** The nights of a stay (check-out day not included), or VALIDATION naming the field. */
export function stayNights(checkIn: string, checkOut: string, fields = { start: 'checkIn', end: 'checkOut' }): string[] {
  if (checkOut <= checkIn) throw new ContractError('VALIDATION', `${fields.end}: must be after ${fields.start}.`);
  const nights = daysBetween(checkIn, checkOut);
  if (nights.length > MAX_NIGHTS) throw new ContractError('VALIDATION', `${fields.end}: at most ${MAX_NIGHTS} days.`);
  return nights;
}
