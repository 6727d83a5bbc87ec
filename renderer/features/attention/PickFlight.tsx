import { useEffect, useState } from 'react';
import type { FlightOffer } from '../../../shared/contract';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents } from '../../ui/format';
import { formatLocalDateTime } from '../../ui/flightTimes';
import { useAttention } from './attentionStore';

export const flightLabel = (f: FlightOffer) => `${f.airline} ${f.flightNumber} ${f.from}→${f.to}, departs ${formatLocalDateTime(f.departureLocal, f.departureTimeZone)}`;

/**
 * SOLD_OUT in the inbox: the other flights on the same route with enough seats, from now on (like
 * the search's sold-out dialog), to send the refused change again on one of them.
 */
export function PickFlight({ flightId, seats, busy, onPick, onClose }: {
  flightId: number;
  seats: number;
  busy: boolean;
  onPick: (f: FlightOffer) => void;
  onClose: () => void;
}) {
  const [state, setState] = useState<{ original: FlightOffer | null; flights: FlightOffer[] | null; error: unknown }>({ original: null, flights: null, error: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const { original, flights } = await useAttention.getState().otherFlights(flightId, seats);
        if (live) setState({ original, flights, error: null });
      } catch (error) {
        if (live) setState({ original: null, flights: null, error });
      }
    })();
    return () => { live = false; };
  }, [flightId, seats, attempt]);

  const route = state.original ? `${state.original.from}→${state.original.to}` : 'this route';
  return (
    <section className="pick-flight" aria-label={`Other flights ${route}`}>
      <h3>Other flights {route}{seats > 1 ? ` with ${seats} seats free` : ''}</h3>
      <ErrorNote error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
      {!state.error && state.flights === null && <p className="muted" role="status">Looking for flights…</p>}
      {state.flights && state.flights.length === 0 && <p className="muted">No other flight on {route} has {seats} seat{seats === 1 ? '' : 's'} free from today. Discard the change, or search again later.</p>}
      {state.flights && state.flights.length > 0 && (
        <ul className="alt-list">
          {state.flights.map((f) => (
            <li key={f.id}>
              <span>{flightLabel(f)}, {f.seatsAvailable} seats left</span>
              <span className="num">{formatCents(f.priceCents * seats)}</span>
              <button type="button" className="btn btn-small btn-primary" disabled={busy} aria-label={`Choose ${flightLabel(f)}`} onClick={() => onPick(f)}>
                Choose
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn btn-small" onClick={onClose}>Close</button>
    </section>
  );
}
