import { useEffect, useState } from 'react';
import type { PaymentMethod } from '../../../shared/contract';
import { call } from '../../client/contractClient';
import { ErrorNote } from '../../ui/ErrorNote';

export interface CardDraft {
  number: string;
  expiry: string;
  cvc: string;
  save: boolean;
}
export type PaymentChoice = { kind: 'saved'; paymentMethodId: number } | { kind: 'card' };

export const emptyCard: CardDraft = { number: '', expiry: '', cvc: '', save: false };

/** "4242 4242 4242 4242", "12/30" and "123" → the contract's card, or the first problem found. */
export function parseCard(d: CardDraft): { card: { number: string; expMonth: number; expYear: number; cvc: string } } | { problem: string } {
  const digits = d.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) return { problem: 'Card number: 12 to 19 digits.' };
  const m = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(d.expiry.trim());
  const month = m ? Number(m[1]) : NaN;
  if (!m || month < 1 || month > 12) return { problem: 'Expiry: month and year as MM/YY.' };
  const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (!/^\d{3,4}$/.test(d.cvc.trim())) return { problem: 'CVC: 3 or 4 digits.' };
  return { card: { number: digits, expMonth: month, expYear: year, cvc: d.cvc.trim() } };
}

const groupDigits = (v: string) => v.replace(/[^\d]/g, '').slice(0, 19).replace(/(\d{4})(?=\d)/g, '$1 ');

/** Saved cards (last four digits only) or a new card. The card lives only in this form's state. */
export function PaymentFields({ customerId, choice, onChoice, card, onCard }: {
  customerId: number | null;
  choice: PaymentChoice;
  onChoice: (c: PaymentChoice) => void;
  card: CardDraft;
  onCard: (c: CardDraft) => void;
}) {
  // Kept with the customer they belong to, so a change of customer never shows the last one's cards.
  const [loaded, setLoaded] = useState<{ customerId: number; methods: PaymentMethod[]; error: unknown } | null>(null);
  useEffect(() => {
    if (!customerId) return;
    let stale = false;
    call('paymentMethods.list', { customerId })
      .then((methods) => { if (!stale) setLoaded({ customerId, methods, error: null }); })
      .catch((error: unknown) => { if (!stale) setLoaded({ customerId, methods: [], error }); });
    return () => { stale = true; };
  }, [customerId]);
  const current = loaded && loaded.customerId === customerId ? loaded : null;
  const methods = current?.methods ?? [];
  const error = current?.error ?? null;

  return (
    <fieldset className="payment" disabled={!customerId}>
      <legend>Payment</legend>
      <ErrorNote error={error} />
      {methods.map((m) => (
        <label key={m.id} className="radio">
          <input type="radio" name="payment" checked={choice.kind === 'saved' && choice.paymentMethodId === m.id}
            onChange={() => onChoice({ kind: 'saved', paymentMethodId: m.id })} />
          <span>Saved {m.brand} ending {m.last4} <span className="muted">(expires {String(m.expMonth).padStart(2, '0')}/{String(m.expYear).slice(-2)})</span></span>
        </label>
      ))}
      <label className="radio">
        <input type="radio" name="payment" checked={choice.kind === 'card'} onChange={() => onChoice({ kind: 'card' })} />
        <span>New card</span>
      </label>
      {choice.kind === 'card' && (
        <div className="card-fields">
          <label className="field grow">
            <span>Card number</span>
            <input name="cardNumber" inputMode="numeric" autoComplete="off" placeholder="4242 4242 4242 4242"
              value={card.number} onChange={(e) => onCard({ ...card, number: groupDigits(e.target.value) })} />
          </label>
          <label className="field field-narrow">
            <span>Expiry (MM/YY)</span>
            <input name="cardExpiry" autoComplete="off" placeholder="MM/YY" maxLength={7}
              value={card.expiry} onChange={(e) => onCard({ ...card, expiry: e.target.value })} />
          </label>
          <label className="field field-narrow">
            <span>CVC</span>
            <input name="cardCvc" inputMode="numeric" autoComplete="off" maxLength={4} type="password"
              value={card.cvc} onChange={(e) => onCard({ ...card, cvc: e.target.value.replace(/\D/g, '') })} />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={card.save} onChange={(e) => onCard({ ...card, save: e.target.checked })} />
            <span>Save this card for the customer</span>
          </label>
        </div>
      )}
    </fieldset>
  );
}
