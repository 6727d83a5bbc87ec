import { useState } from 'react';
import { ContractError, type Booking } from '../../../shared/contract';
import { isNetworkError } from '../../client/contractClient';
import { navigate } from '../../client/router';
import { carAlternatives, hotelAlternatives } from '../../client/searchStore';
import { useTrip, type TripLine } from '../../client/tripStore';
import { ProvisionalBadge } from '../../ui/Badge';
import { emptyCard, parseCard, type CardDraft } from '../../ui/cardDraft';
import { CustomerPicker } from '../../ui/CustomerPicker';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatDay } from '../../ui/format';
import { formatFlightTimes } from '../../ui/flightTimes';
import { HoldCountdown } from '../../ui/HoldCountdown';
import { SoldOutDialog, type Alternative } from '../../ui/SoldOutDialog';
import { useCheckout, type CheckoutInput } from './checkoutStore';
import { PaymentFields, type PaymentChoice } from './PaymentFields';
import { PriceChangedDialog, priceChangeOf, type PriceChange } from './PriceChangedDialog';
import { namedTravellers, useTravellerDrafts } from './travellerDrafts';
import { TravellersStep } from './TravellersStep';

function lineTitle(l: TripLine): string {
  switch (l.kind) {
    case 'flight': return `${l.flight.airline} ${l.flight.flightNumber} ${l.flight.from} → ${l.flight.to}`;
    case 'hotel': return `${l.offer.hotelName}, ${l.offer.roomTypeName}`;
    case 'car': return `${l.offer.company} ${l.offer.model} (${l.offer.carClass})`;
  }
}
function lineWhen(l: TripLine): string {
  switch (l.kind) {
    case 'flight': return `${formatFlightTimes(l.flight)} · ${l.seats} seat${l.seats === 1 ? '' : 's'}`;
    case 'hotel': return `${formatDay(l.checkIn)} → ${formatDay(l.checkOut)} · ${l.rooms} room${l.rooms === 1 ? '' : 's'}`;
    case 'car': return `${formatDay(l.pickUp)} → ${formatDay(l.dropOff)} · ${l.offer.city}`;
  }
}

export function BookingFlow() {
  const trip = useTrip();
  const [choice, setChoice] = useState<PaymentChoice>({ kind: 'card' });
  const [card, setCard] = useState<CardDraft>(emptyCard);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const [priceChange, setPriceChange] = useState<PriceChange | null>(null);
  const [soldOut, setSoldOut] = useState<{ message: string; alternatives: Alternative[] } | null>(null);
  const [declined, setDeclined] = useState<Booking | null>(null);
  const [rehold, setRehold] = useState<unknown>(null);

  const total = trip.totalCents();
  const anyExpired = trip.items.some((i) => i.kind === 'flight' && i.expired);
  const ready = !!trip.customer && trip.items.length > 0 && !anyExpired;

  const confirm = async (expectedTotalCents: number) => {
    const customer = trip.customer;
    if (!customer) return;
    setFormProblem(null);
    const travellers = namedTravellers(trip.items, lineTitle);
    if ('problem' in travellers) {
      setFormProblem(travellers.problem);
      return;
    }
    let payment: CheckoutInput['payment'];
    if (choice.kind === 'saved') payment = choice;
    else {
      const parsed = parseCard(card);
      if ('problem' in parsed) {
        setFormProblem(parsed.problem);
        return;
      }
      payment = { kind: 'card', card: parsed.card, save: card.save };
    }
    setBusy(true);
    setError(null);
    setDeclined(null);
    try {
      const booking = await useCheckout.getState().confirm({
        customerId: customer.id, items: trip.bookingItems((l) => travellers.named.get(l.key) ?? { travellers: [], guests: 1 }), payment, expectedTotalCents,
      });
      setPriceChange(null);
      if (booking.status === 'payment_failed') {
        setDeclined(booking);
        return;
      }
      setCard(emptyCard);
      trip.clear();
      useTravellerDrafts.getState().clear();
      // The record opens with the locator to read out to the customer.
      navigate(`/bookings/${booking.id}?confirmed=1`);
    } catch (err) {
      const change = priceChangeOf(err);
      if (change) {
        trip.reprice(change.items);
        setPriceChange(change);
      } else if (err instanceof ContractError && err.code === 'SOLD_OUT') {
        setPriceChange(null);
        setSoldOut({ message: err.message, alternatives: alternativesFor(err.details) });
      } else if (err instanceof ContractError && err.code === 'HOLD_EXPIRED') {
        setPriceChange(null);
        const holdId = (err.details as { holdId?: string } | undefined)?.holdId;
        trip.markExpired(holdId ? [holdId] : trip.items.filter((i) => i.kind === 'flight').map((i) => (i.kind === 'flight' ? i.holdId : '')));
        setError(err);
      } else {
        setPriceChange(null);
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  const alternativesFor = (details: unknown): Alternative[] => {
    const d = (details ?? {}) as { roomTypeId?: number; carId?: number };
    const line = trip.items.find((l) => (l.kind === 'hotel' && l.offer.roomTypeId === d.roomTypeId) || (l.kind === 'car' && l.offer.carId === d.carId));
    if (line?.kind === 'hotel') {
      return hotelAlternatives(line.offer).map((h) => ({
        key: String(h.roomTypeId), label: `${h.hotelName}, ${h.roomTypeName} (${h.city})`, price: h.totalCents,
        pick: () => { void trip.remove(line.key); trip.addStay(h, line.checkIn, line.checkOut, line.rooms); },
      }));
    }
    if (line?.kind === 'car') {
      return carAlternatives(line.offer).map((c) => ({
        key: String(c.carId), label: `${c.company} ${c.model} (${c.carClass}, ${c.city})`, price: c.totalCents,
        pick: () => { void trip.remove(line.key); trip.addCar(c, line.pickUp, line.dropOff); },
      }));
    }
    return [];
  };

  const holdAgain = async (l: TripLine) => {
    if (l.kind !== 'flight') return;
    setRehold(null);
    try {
      await trip.holdFlight(l.flight, l.seats);
      await trip.remove(l.key);
    } catch (err) {
      setRehold(err);
    }
  };

  // A failed extension (HOLD_EXPIRED: the seats went back meanwhile) is told where a re-hold is.
  const extend = async (key: string) => {
    setRehold(null);
    try {
      await trip.extendHold(key);
    } catch (err) {
      setRehold(err);
    }
  };

  return (
    <section className="page booking-flow">
      <h1 tabIndex={-1}>New booking</h1>

      <section className="card step" aria-labelledby="step-customer">
        <h2 id="step-customer"><span className="step-no" aria-hidden="true">1</span> Customer</h2>
        {trip.customer ? (
          <div className="row">
            <p>
              <strong>{trip.customer.firstName} {trip.customer.lastName}</strong> <span className="muted">{trip.customer.email}</span>{' '}
              <ProvisionalBadge show={trip.customer.provisional} />
            </p>
            <button type="button" className="btn btn-small" onClick={() => trip.setCustomer(null)}>Change customer</button>
          </div>
        ) : (
          <CustomerPicker onPick={(c) => trip.setCustomer(c)} />
        )}
      </section>

      <section className="card step" aria-labelledby="step-items">
        <h2 id="step-items"><span className="step-no" aria-hidden="true">2</span> Flight, stay and car</h2>
        {trip.items.length === 0 && <p className="muted">Nothing added yet.</p>}
        <ul className="trip-lines" aria-label="Items in this booking">
          {trip.items.map((l) => (
            <li key={l.key} className={l.kind === 'flight' && l.expired ? 'expired' : undefined}>
              <div>
                <span className="badge badge-info">{l.kind === 'hotel' ? 'stay' : l.kind}</span> <strong>{lineTitle(l)}</strong>
                <div className="muted">{lineWhen(l)}</div>
                {l.kind === 'flight' && (
                  <div>
                    {l.expired ? (
                      <span className="countdown countdown-expired" role="status">Hold expired</span>
                    ) : (
                      <HoldCountdown expiresAtUtc={l.expiresAtUtc} onExpire={() => trip.markExpired([l.holdId])} />
                    )}{' '}
                    <ProvisionalBadge show={l.provisional} />
                    {l.refused && <span className="badge badge-bad" role="status">Refused by the servers — see Needs attention; remove it</span>}
                  </div>
                )}
              </div>
              <span className="num">{formatCents(l.totalCents)}</span>
              <div className="line-actions">
                {l.kind === 'flight' && l.expired && (
                  <button type="button" className="btn btn-small btn-primary" onClick={() => void holdAgain(l)}>Hold again</button>
                )}
                {l.kind === 'flight' && !l.expired && !l.refused && !l.extended && (
                  <button type="button" className="btn btn-small" aria-label={`Extend hold on ${lineTitle(l)}`} onClick={() => void extend(l.key)}>Extend hold</button>
                )}
                <button type="button" className="btn btn-small" aria-label={`Remove ${lineTitle(l)}`} onClick={() => void trip.remove(l.key)}>Remove</button>
              </div>
            </li>
          ))}
        </ul>
        <ErrorNote error={rehold} />
        <div className="row">
          <button type="button" className="btn" onClick={() => navigate('/search/flights')}>Add a flight</button>
          <button type="button" className="btn" onClick={() => navigate('/search/hotels')}>Add a stay</button>
          <button type="button" className="btn" onClick={() => navigate('/search/cars')}>Add a car</button>
        </div>
      </section>

      <section className="card step" aria-labelledby="step-travellers">
        <h2 id="step-travellers"><span className="step-no" aria-hidden="true">3</span> Travellers</h2>
        <TravellersStep lines={trip.items} customerId={trip.customer?.id ?? null} title={lineTitle} />
      </section>

      <section className="card step" aria-labelledby="step-pay">
        <h2 id="step-pay"><span className="step-no" aria-hidden="true">4</span> Payment</h2>
        <PaymentFields customerId={trip.customer?.id ?? null} choice={choice} onChoice={setChoice} card={card} onCard={setCard} />
      </section>

      <section className="card step" aria-labelledby="step-confirm">
        <h2 id="step-confirm"><span className="step-no" aria-hidden="true">5</span> Confirm</h2>
        <p className="total-line">Total <strong className="num" data-testid="trip-total">{formatCents(total)}</strong></p>
        {!trip.customer && <p className="muted">Pick the customer first.</p>}
        {anyExpired && <p className="error-note" role="alert">A seat hold has expired: hold the flight again or remove it.</p>}
        {formProblem && <p className="error-note" role="alert">{formProblem}</p>}
        <ErrorNote error={error} onRetry={isNetworkError(error) ? () => void confirm(total) : undefined} />
        {declined && (
          <p className="error-note" role="alert">
            The payment was declined ({declined.billing.find((b) => b.status === 'failed')?.note ?? 'no reason given'}). Nothing was booked; try another card.{' '}
            <button type="button" className="link" onClick={() => navigate(`/bookings/${declined.id}`)}>See the failed attempt</button>
          </p>
        )}
        <div className="row">
          <button type="button" className="btn btn-primary btn-large" disabled={!ready || busy} onClick={() => void confirm(total)}>
            {busy ? 'Booking…' : `Confirm booking for ${formatCents(total)}`}
          </button>
          {trip.items.length > 0 && (
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => { useTravellerDrafts.getState().clear(); void trip.discard(); }}>
              Discard this booking
            </button>
          )}
        </div>
      </section>

      <PriceChangedDialog change={priceChange} busy={busy} onAccept={(newTotal) => void confirm(newTotal)} onCancel={() => setPriceChange(null)} />
      {soldOut && (
        <SoldOutDialog title="Sold out" message={soldOut.message} alternatives={soldOut.alternatives} onClose={() => setSoldOut(null)} pickLabel="Use instead" />
      )}
    </section>
  );
}
