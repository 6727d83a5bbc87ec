import type { z } from 'zod';
import type { CardInput } from '../../shared/contract';

/** A card as typed into a form: text until it is parsed, and never kept beyond the form. */
export interface CardDraft {
  number: string;
  expiry: string;
  cvc: string;
  save: boolean;
}

export type Card = z.infer<typeof CardInput>;

export const emptyCard: CardDraft = { number: '', expiry: '', cvc: '', save: false };

/** "4242 4242 4242 4242", "12/30" and "123" → the contract's card, or the first problem found. */
export function parseCard(d: CardDraft): { card: Card } | { problem: string } {
  const digits = d.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) return { problem: 'Card number: 12 to 19 digits.' };
  const m = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(d.expiry.trim());
  const month = m ? Number(m[1]) : NaN;
  if (!m || month < 1 || month > 12) return { problem: 'Expiry: month and year as MM/YY.' };
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (!/^\d{3,4}$/.test(d.cvc.trim())) return { problem: 'CVC: 3 or 4 digits.' };
  return { card: { number: digits, expMonth: month, expYear: year, cvc: d.cvc.trim() } };
}
