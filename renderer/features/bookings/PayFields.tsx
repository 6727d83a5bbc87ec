import { useState } from 'react';
import type { ChannelInput } from '../../../shared/contract';
import { emptyCard, parseCard, type CardDraft } from '../../ui/cardDraft';

type Payment = ChannelInput<'bookings.addItems'>['payment'];

/**
 * How a change's difference or an addition is paid: the card typed here, or (when the booking was
 * paid with a saved card) that card, which the core charges when no payment is sent.
 */
export function PayFields({ allowBookingCard, onChange }: {
  allowBookingCard: boolean;
  onChange: (p: { payment: Payment | undefined } | { problem: string }) => void;
}) {
  const [useBookingCard, setUseBookingCard] = useState(allowBookingCard);
  const [draft, setDraft] = useState<CardDraft>(emptyCard);
  const update = (bookingCard: boolean, d: CardDraft) => {
    setUseBookingCard(bookingCard);
    setDraft(d);
    if (bookingCard) return onChange({ payment: undefined });
    const parsed = parseCard(d);
    onChange('card' in parsed ? { payment: { kind: 'card', card: parsed.card, save: d.save } } : { problem: parsed.problem });
  };
  return (
    <fieldset className="pay-fields">
      <legend>Payment</legend>
      {allowBookingCard && (
        <label className="check">
          <input type="checkbox" checked={useBookingCard} onChange={(e) => update(e.target.checked, draft)} /> Charge the card the booking was paid with
        </label>
      )}
      {!useBookingCard && (
        <div className="row">
          <label className="field"><span>Card number</span><input inputMode="numeric" autoComplete="cc-number" value={draft.number} onChange={(e) => update(false, { ...draft, number: e.target.value })} /></label>
          <label className="field"><span>Expiry (MM/YY)</span><input autoComplete="cc-exp" size={6} value={draft.expiry} onChange={(e) => update(false, { ...draft, expiry: e.target.value })} /></label>
          <label className="field"><span>CVC</span><input inputMode="numeric" autoComplete="cc-csc" size={5} value={draft.cvc} onChange={(e) => update(false, { ...draft, cvc: e.target.value })} /></label>
        </div>
      )}
    </fieldset>
  );
}
