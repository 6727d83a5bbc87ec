import { useEffect, useState } from 'react';
import type { PaymentMethod } from '../../../shared/contract';
import type { CardDraft } from '../../ui/cardDraft';
import { ErrorNote } from '../../ui/ErrorNote';
import { useCheckout } from './checkoutStore';

export type PaymentChoice = { kind: 'saved'; paymentMethodId: number } | { kind: 'card' };

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
    useCheckout.getState().savedCards(customerId)
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
