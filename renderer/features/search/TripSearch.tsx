import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { TripLegOption, TripOption } from '../../../shared/contract';
import { useReference } from '../../client/referenceStore';
import { navigate } from '../../client/router';
import { useTripSearch, type TripLegDraft } from '../../client/tripSearchStore';
import { AirportPicker, resolveAirport } from '../../ui/AirportPicker';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, todayIso } from '../../ui/format';
import { formatArrival, formatLocalDateTime, formatLocalTime } from '../../ui/flightTimes';
import { AddedNotice } from './AddedNotice';
import { CopyIncompleteNote } from './CopyIncompleteNote';

const hm = (minutes: number) => `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;

function LegLines({ leg }: { leg: TripLegOption }) {
  return (
    <ol className="plain-list trip-segments">
      {leg.segments.map((s, i) => (
        <li key={s.id}>
          <strong>{s.airline} {s.flightNumber}</strong> {s.from} {formatLocalDateTime(s.departureLocal, s.departureTimeZone)} → {s.to} {formatArrival(s)}
          {leg.connections[i] && (
            <div className="muted">Connection at {leg.connections[i].airport}: {hm(leg.connections[i].minutes)} on the ground, leaving {formatLocalTime(leg.segments[i + 1]!.departureLocal, leg.segments[i + 1]!.departureTimeZone)}</div>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * Whole trips (trips.search): one way, a round trip or up to four legs, nonstop or with one
 * connection; options cheapest total first. Keyboard first: arrows move through the options and
 * Enter holds the one shown, every segment for the same seats.
 */
export function TripSearch() {
  const airports = useReference((s) => s.airports);
  const { options, loading, error, input, incomplete } = useTripSearch();
  const [legs, setLegs] = useState<TripLegDraft[]>([{ from: '', to: '', date: todayIso(1) }]);
  const [returnDate, setReturnDate] = useState('');
  const [passengers, setPassengers] = useState(1);
  const [nonstop, setNonstop] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [holding, setHolding] = useState<string | null>(null);
  const [holdError, setHoldError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const seats = input?.passengers ?? passengers;

  const setLeg = (i: number, patch: Partial<TripLegDraft>) => setLegs((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const resolved: TripLegDraft[] = [];
    for (const [i, l] of legs.entries()) {
      const from = resolveAirport(l.from, airports);
      const to = resolveAirport(l.to, airports);
      if (!from || !to || !l.date) {
        setFormError(`Leg ${i + 1}: pick both airports from the list and a date.`);
        return;
      }
      resolved.push({ from, to, date: l.date });
    }
    const first = resolved[0]!;
    if (legs.length === 1 && returnDate) resolved.push({ from: first.to, to: first.from, date: returnDate });
    setFormError(null);
    setNotice(null);
    setActive(0);
    useTripSearch.getState().search({ legs: resolved, passengers, maxStops: nonstop ? 0 : 1 })
      .then((found) => { if (found.length > 0) requestAnimationFrame(() => list.current?.focus()); }, () => undefined);
  };

  const hold = async (option: TripOption) => {
    setHolding(option.key);
    setHoldError(null);
    setNotice(null);
    try {
      const held = await useTripSearch.getState().hold(option, seats);
      setNotice(`Held ${seats} seat${seats === 1 ? '' : 's'} on ${held.map((h) => `${h.flight.airline} ${h.flight.flightNumber}`).join(', ')} for ${formatCents(option.totalCents)}: finish in New booking.`);
    } catch (err) {
      setHoldError(err);
    } finally {
      setHolding(null);
    }
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(options.length - 1, active + (e.key === 'ArrowDown' ? 1 : -1)));
      setActive(next);
      document.getElementById(`trip-option-${next}`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter' && options[active] && !holding) {
      e.preventDefault();
      void hold(options[active]);
    }
  };

  return (
    <section aria-labelledby="trip-search-title">
      <h2 id="trip-search-title" className="sr-only">Trips</h2>
      <form className="search-form" onSubmit={submit} aria-label="Search trips">
        {legs.map((l, i) => (
          <fieldset key={i} className="row trip-leg">
            <legend>{legs.length > 1 ? `Leg ${i + 1}` : 'Outbound'}</legend>
            <AirportPicker label="From" name={`from-${i}`} value={l.from} airports={airports} onChange={(v) => setLeg(i, { from: v })} />
            <AirportPicker label="To" name={`to-${i}`} value={l.to} airports={airports} onChange={(v) => setLeg(i, { to: v })} />
            <label className="field">
              <span>Date</span>
              <input type="date" name={`date-${i}`} value={l.date} onChange={(e) => setLeg(i, { date: e.target.value })} />
            </label>
            {i > 0 && <button type="button" className="btn btn-small" onClick={() => setLegs((ls) => ls.filter((_, j) => j !== i))}>Remove leg {i + 1}</button>}
          </fieldset>
        ))}
        {legs.length === 1 && (
          <label className="field">
            <span>Return (optional)</span>
            <input type="date" name="returnDate" value={returnDate} onChange={(e) => setReturnDate(e.target.value)} />
          </label>
        )}
        <label className="field field-narrow">
          <span>Passengers</span>
          <input type="number" name="passengers" min={1} max={9} value={passengers}
            onChange={(e) => setPassengers(Math.min(9, Math.max(1, Number(e.target.value) || 1)))} />
        </label>
        <label className="checkbox">
          <input type="checkbox" name="nonstop" checked={nonstop} onChange={(e) => setNonstop(e.target.checked)} />
          <span>Nonstop only</span>
        </label>
        {legs.length < 4 && (
          <button type="button" className="btn" onClick={() => { setReturnDate(''); setLegs((ls) => [...ls, { from: ls.at(-1)?.to ?? '', to: '', date: ls.at(-1)?.date ?? '' }]); }}>
            Add a leg
          </button>
        )}
        <button type="submit" className="btn btn-primary">Search trips</button>
      </form>
      {formError && <p className="error-note" role="alert">{formError}</p>}
      <ErrorNote error={error} />
      <ErrorNote error={holdError} />
      <AddedNotice text={notice} />
      {notice && <button type="button" className="btn btn-primary" onClick={() => navigate('/book')}>Go to New booking</button>}
      {input && (
        <>
          <CopyIncompleteNote incomplete={incomplete && !loading} />
          <p className="muted results-count" aria-live="polite">
            {loading ? 'Searching…' : `${options.length} option${options.length === 1 ? '' : 's'}, cheapest first${options.length ? ' — arrows to move, Enter to hold' : ''}`}
          </p>
          <ul ref={list} className="palette-list trip-options" role="listbox" aria-label="Trip options" tabIndex={0} onKeyDown={onListKey}
            aria-activedescendant={options[active] ? `trip-option-${active}` : undefined}>
            {options.map((o, i) => (
              <li key={o.key} id={`trip-option-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}
                onClick={() => setActive(i)}>
                {o.legs.map((leg, j) => (
                  <div key={j} className="trip-leg-option">
                    <div className="muted">
                      {o.legs.length > 1 ? `Leg ${j + 1} · ` : ''}{leg.connections.length ? `1 stop (${leg.connections.map((c) => c.airport).join(', ')})` : 'Nonstop'} · {hm(leg.durationMinutes)}
                    </div>
                    <LegLines leg={leg} />
                  </div>
                ))}
                <div className="row">
                  <strong className="num">{formatCents(o.totalCents)}</strong>
                  <span className="muted">for {seats} passenger{seats === 1 ? '' : 's'}</span>
                  <button type="button" className="btn btn-small btn-primary" disabled={holding !== null}
                    aria-label={`Hold ${seats} seat${seats === 1 ? '' : 's'} on option ${i + 1} for ${formatCents(o.totalCents)}`}
                    onClick={(e) => { e.stopPropagation(); void hold(o); }}>
                    {holding === o.key ? 'Holding…' : 'Hold'}
                  </button>
                </div>
              </li>
            ))}
            {!loading && options.length === 0 && <li className="muted" role="presentation">No trip matches. Try another date or allow a connection.</li>}
          </ul>
        </>
      )}
    </section>
  );
}
