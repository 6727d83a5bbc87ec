import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ContractError, type BookingTravellerInput, type PaymentMethod } from '../../../shared/contract';
import { call } from '../../client/contractClient';
import { navigate } from '../../client/router';
import { useSavedTravellers } from '../../client/travellersStore';
import { useTrip } from '../../client/tripStore';
import { useTripSearch, type HeldSegment, type TripPayment } from '../../client/tripSearchStore';
import { formatCents } from '../../ui/format';
import { formatFlightTimes } from '../../ui/flightTimes';
import { fromSaved, parseTravellerEntry } from './travellerEntry';

interface Choice { id: string; label: string; pick(): void }

const personLabel = (t: BookingTravellerInput) => `${t.givenNames} ${t.familyName}, born ${t.dateOfBirth}`;

/**
 * The command line's booking steps after a hold: each passenger (a saved traveller, or typed as
 * `HOPPER/GRACE 09DEC1906`), the card, then Enter books every held segment for the same travellers.
 * One list at a time, arrows to move and Enter to take, so the booking needs no mouse; Escape
 * leaves the held seats in the booking page (New booking) to finish there.
 */
export function QuickBook({ held, seats, onClose }: { held: HeldSegment[]; seats: number; onClose: () => void }) {
  const customer = useTrip((s) => s.customer);
  const saved = useSavedTravellers((s) => (customer ? s.byCustomer[customer.id] : undefined));
  const [travellers, setTravellers] = useState<BookingTravellerInput[]>([]);
  const [payment, setPayment] = useState<{ payment: TripPayment; label: string } | null>(null);
  const [cards, setCards] = useState<PaymentMethod[] | null>(null);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const total = held.reduce((sum, h) => sum + h.totalCents, 0);

  useEffect(() => {
    if (!customer) return;
    void useSavedTravellers.getState().load(customer.id);
    call('paymentMethods.list', { customerId: customer.id }).then(setCards, () => setCards([]));
  }, [customer]);

  const step: 'passenger' | 'payment' | 'confirm' = travellers.length < seats ? 'passenger' : payment ? 'confirm' : 'payment';
  useEffect(() => {
    input.current?.focus();
  }, [step, travellers.length]);
  /** Each step starts with an empty line and its first choice. */
  const next = (change: () => void) => {
    setQ('');
    setActive(0);
    change();
  };

  const toBookingPage = () => {
    onClose();
    navigate('/book');
  };

  const book = async () => {
    if (!customer || !payment) return;
    setBusy(true);
    setProblem(null);
    try {
      const booking = await useTripSearch.getState().book({ customerId: customer.id, held, travellers, payment: payment.payment });
      if (booking.status === 'payment_failed') {
        setProblem(`The payment was declined (${booking.billing.find((b) => b.status === 'failed')?.note ?? 'no reason given'}): pick another card.`);
        next(() => setPayment(null));
        return;
      }
      onClose();
      navigate(`/bookings/${booking.id}?confirmed=1`);
    } catch (err) {
      setProblem(err instanceof ContractError ? `${err.code}: ${err.message}` : 'The booking could not be made.');
    } finally {
      setBusy(false);
    }
  };

  const choices: Choice[] = useMemo(() => {
    if (step === 'passenger') {
      const typed = parseTravellerEntry(q);
      const taken = new Set(travellers.map((t) => t.savedTravellerId).filter((id) => id !== undefined));
      const words = q.toLowerCase().split(/\s+/).filter(Boolean);
      const list: Choice[] = typed ? [{ id: 'typed', label: `New traveller: ${personLabel(typed)}`, pick: () => next(() => setTravellers((t) => [...t, typed])) }] : [];
      for (const s of saved ?? []) {
        const label = `${s.givenNames} ${s.familyName}, born ${s.dateOfBirth}`;
        if (taken.has(s.id) || (!typed && !words.every((w) => label.toLowerCase().includes(w)))) continue;
        list.push({ id: `saved-${s.id}`, label: `Saved traveller ${label}`, pick: () => next(() => setTravellers((t) => [...t, fromSaved(s)])) });
      }
      return list;
    }
    if (step === 'payment') {
      const list: Choice[] = (cards ?? []).map((m) => {
        const label = `Saved ${m.brand} ending ${m.last4}`;
        return { id: `card-${m.id}`, label, pick: () => next(() => setPayment({ payment: { kind: 'saved', paymentMethodId: m.id }, label })) };
      });
      list.push({ id: 'new-card', label: 'A new card: finish on the booking page', pick: toBookingPage });
      return list;
    }
    return [
      { id: 'book', label: `Book ${seats} seat${seats === 1 ? '' : 's'} for ${formatCents(total)} on ${payment?.label ?? ''}`, pick: () => void book() },
      { id: 'page', label: 'Open the booking page instead', pick: toBookingPage },
    ];
    // `book` and `toBookingPage` read state through their closures at the time of the pick.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, q, saved, cards, travellers, payment, seats, total]);

  const prompt = step === 'passenger'
    ? `Passenger ${travellers.length + 1} of ${seats}: pick a saved traveller or type FAMILY/GIVEN DDMMMYYYY`
    : step === 'payment' ? 'Payment: pick a card' : 'Enter books it';

  return (
    <div className="quick-book" aria-busy={busy}>
      <p className="muted">
        Held for <strong>{customer ? `${customer.firstName} ${customer.lastName}` : 'no customer yet'}</strong>:
      </p>
      <ul className="plain-list" aria-label="Held segments">
        {held.map((h) => (
          <li key={h.holdId}>
            {h.flight.airline} {h.flight.flightNumber} {h.flight.from} → {h.flight.to}, {formatFlightTimes(h.flight)} · {seats} seat{seats === 1 ? '' : 's'} · {formatCents(h.totalCents)}
          </li>
        ))}
      </ul>
      {travellers.length > 0 && <p className="muted">Passengers: {travellers.map(personLabel).join('; ')}</p>}
      <input
        ref={input}
        className="palette-input"
        type="text"
        role="combobox"
        aria-label={prompt}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={choices[active] ? `${listId}-${active}` : undefined}
        placeholder={prompt}
        autoFocus
        value={q}
        disabled={busy}
        onChange={(e) => { setQ(e.target.value); setActive(0); }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, choices.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choices[active]?.pick();
          } else if (e.key === 'Backspace' && q === '' && step === 'passenger' && travellers.length > 0) {
            next(() => setTravellers((t) => t.slice(0, -1)));
          }
        }}
      />
      <ul className="palette-list" id={listId} role="listbox" aria-label={prompt}>
        {choices.map((c, i) => (
          <li key={c.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}
            onMouseMove={() => setActive(i)} onClick={() => c.pick()}>
            <span>{c.label}</span>
          </li>
        ))}
        {choices.length === 0 && <li className="muted" role="presentation">{step === 'passenger' ? 'Type the passenger as HOPPER/GRACE 09DEC1906.' : 'Loading…'}</li>}
      </ul>
      {problem && <p className="error-note" role="alert">{problem}</p>}
    </div>
  );
}
