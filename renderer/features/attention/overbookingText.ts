import { ContractError, type MoveOption, type ResolutionOutcome, type Shortfall } from '../../../shared/contract';
import { formatCents, formatDay } from '../../ui/format';

/** "5 seats booked for 0 (taken off sale): 5 over", as the supervisor reads the shortfall. */
export function shortfallWords(s: Shortfall): string {
  const unit = s.kind === 'flight' ? 'seats' : s.kind === 'hotel' ? 'rooms' : 'cars';
  if (s.reason === 'offSale') return `Taken off sale with ${s.booked} ${unit} booked`;
  if (s.kind === 'flight') return `${s.booked} ${unit} booked for ${s.capacity}: ${s.over} over`;
  const days = s.days.map((d) => `${formatDay(d.date)} (${d.booked} for ${d.capacity})`).join(', ');
  return `Up to ${s.over} ${unit} over on ${s.days.length === 1 ? 'one day' : `${s.days.length} days`}: ${days}`;
}

/** "+$100.00 charged", "−$51.00 refunded", "no difference". */
export function differenceWords(cents: number): string {
  if (cents > 0) return `${formatCents(cents)} charged`;
  if (cents < 0) return `${formatCents(-cents)} refunded`;
  return 'no difference';
}

export const optionWords = (o: MoveOption) => `${o.label} · ${formatCents(o.newTotalCents)} (${differenceWords(o.differenceCents)})`;

/** One line per item of a resolution, for the outcome list beneath the table. */
export function outcomeWords(o: ResolutionOutcome, locatorOf: (itemId: number) => string): string {
  const who = locatorOf(o.itemId);
  if (!o.ok) return `${who}: not ${o.action === 'move' ? 'moved' : 'cancelled'}: ${o.error.message}`;
  if (o.action === 'cancel') return `${who}: cancelled, ${formatCents(o.refundedCents)} refunded in full`;
  const money = o.chargedCents > 0 ? `${formatCents(o.chargedCents)} charged` : o.refundedCents > 0 ? `${formatCents(o.refundedCents)} refunded` : 'nothing to pay';
  return `${who}: moved, ${money}`;
}

/** A refusal shown as the core said it (a network fault is an Error, not an outcome). */
export const failureOf = (err: unknown) => (err instanceof ContractError || err instanceof Error ? err.message : String(err));
