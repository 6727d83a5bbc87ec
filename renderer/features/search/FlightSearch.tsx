import type { SortingState } from '@tanstack/react-table';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { ContractError, type FlightOffer } from '../../../shared/contract';
import { useReference } from '../../client/referenceStore';
import { flightAlternatives, useSearch } from '../../client/searchStore';
import { Slot, type WatchDraft } from '../../client/slots';
import { useTrip } from '../../client/tripStore';
import { AirportPicker, resolveAirport } from '../../ui/AirportPicker';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatInstant, todayIso } from '../../ui/format';
import { formatLocalDateTime } from '../../ui/flightTimes';
import { SoldOutDialog } from '../../ui/SoldOutDialog';
import { VirtualTable } from '../../ui/VirtualTable';
import { AddedNotice } from './AddedNotice';
import { flightColumns } from './flightColumns';
import { CopyIncompleteNote } from './CopyIncompleteNote';

export function FlightSearch() {
  const airports = useReference((s) => s.airports);
  const flights = useSearch((s) => s.flights);
  const { setFlightCriteria, searchFlights, loadMoreFlights, sortFlights, patchFlight } = useSearch.getState();
  const holdFlight = useTrip((s) => s.holdFlight);
  const c = flights.criteria;
  const [formError, setFormError] = useState<string | null>(null);
  const [holding, setHolding] = useState<number | null>(null);
  const [holdError, setHoldError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [soldOut, setSoldOut] = useState<{ flight: FlightOffer; message: string } | null>(null);
  const [watching, setWatching] = useState<WatchDraft | null>(null);
  const seats = flights.searched?.passengers ?? c.passengers;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const from = resolveAirport(c.from, airports);
    const to = resolveAirport(c.to, airports);
    if (from === null || to === null) {
      setFormError(`${from === null ? 'From' : 'To'}: pick an airport from the list, or leave it empty for any.`);
      return;
    }
    setFormError(null);
    void searchFlights({ from, to });
  };

  const hold = useCallback(async (flight: FlightOffer) => {
    setHolding(flight.id);
    setHoldError(null);
    setNotice(null);
    try {
      const line = await holdFlight(flight, seats);
      patchFlight(flight.id, { seatsAvailable: Math.max(0, flight.seatsAvailable - seats) });
      setSoldOut(null);
      setNotice(`Held ${line.seats} seat${line.seats === 1 ? '' : 's'} on ${flight.airline} ${flight.flightNumber} for ${formatCents(line.totalCents)} until ${formatInstant(line.expiresAtUtc)}.`);
    } catch (err) {
      if (err instanceof ContractError && err.code === 'SOLD_OUT') {
        const left = (err.details as { seatsAvailable?: unknown } | undefined)?.seatsAvailable;
        if (typeof left === 'number') patchFlight(flight.id, { seatsAvailable: left });
        setSoldOut({ flight, message: err.message });
      } else setHoldError(err);
    } finally {
      setHolding(null);
    }
  }, [holdFlight, seats, patchFlight]);

  const columns = useMemo(() => flightColumns({ seats, holding, onHold: (f) => void hold(f) }), [hold, holding, seats]);

  // The server sorts flights (keyset pages), ascending only: a header click picks the key.
  const sorting: SortingState = [{ id: c.sort, desc: false }];
  const onSortingChange = useCallback((updater: SortingState | ((old: SortingState) => SortingState)) => {
    const next = typeof updater === 'function' ? updater([{ id: useSearch.getState().flights.criteria.sort, desc: false }]) : updater;
    const id = next[0]?.id;
    if (id === 'price' || id === 'time') void sortFlights(id);
  }, [sortFlights]);
  const onEndReached = useCallback(() => void loadMoreFlights(), [loadMoreFlights]);

  return (
    <section aria-labelledby="flight-search-title">
      <h2 id="flight-search-title" className="sr-only">Flights</h2>
      <form className="search-form" onSubmit={submit} aria-label="Search flights">
        <AirportPicker label="From" name="from" value={c.from} airports={airports} onChange={(v) => setFlightCriteria({ from: v })} />
        <AirportPicker label="To" name="to" value={c.to} airports={airports} onChange={(v) => setFlightCriteria({ to: v })} />
        <label className="field">
          <span>Date</span>
          <input type="date" name="date" value={c.date} onChange={(e) => setFlightCriteria({ date: e.target.value })} />
        </label>
        <label className="field field-narrow">
          <span>Passengers</span>
          <input type="number" name="passengers" min={1} max={9} value={c.passengers}
            onChange={(e) => setFlightCriteria({ passengers: Math.min(9, Math.max(1, Number(e.target.value) || 1)) })} />
        </label>
        <label className="field field-narrow">
          <span>Sort by</span>
          <select name="sort" value={c.sort} onChange={(e) => void sortFlights(e.target.value as 'time' | 'price')}>
            <option value="time">Departure time</option>
            <option value="price">Price</option>
          </select>
        </label>
        <button type="submit" className="btn btn-primary">Search flights</button>
        <button type="button" className="btn" onClick={() => {
          const day = c.date || todayIso(1);
          setWatching({ kind: 'route', from: resolveAirport(c.from, airports) ?? '', to: resolveAirport(c.to, airports) ?? '', dateFrom: day, dateTo: day });
        }}>
          Watch price…
        </button>
      </form>
      {watching && <Slot name="WatchDialog" draft={watching} onClose={() => setWatching(null)} />}
      {formError && <p className="error-note" role="alert">{formError}</p>}
      <ErrorNote error={flights.error} onRetry={() => void (flights.rows.length ? loadMoreFlights() : searchFlights())} />
      <ErrorNote error={holdError} />
      <AddedNotice text={notice} />
      {flights.searched && (
        <>
          <CopyIncompleteNote incomplete={flights.incomplete && !flights.loading} />
          <p className="muted results-count" aria-live="polite">
            {flights.loading && flights.rows.length === 0 ? 'Searching…' : `${flights.rows.length.toLocaleString()} flight${flights.rows.length === 1 ? '' : 's'}${flights.nextCursor ? ' so far — scroll for more' : ''}`}
          </p>
          <VirtualTable
            label="Flight results"
            data={flights.rows}
            columns={columns}
            getRowId={(f) => String(f.id)}
            sorting={sorting}
            onSortingChange={onSortingChange}
            manualSorting
            onEndReached={flights.nextCursor ? onEndReached : undefined}
            loading={flights.loading}
            height="calc(100vh - 330px)"
            emptyText="No flights match. Try another date or leave an airport empty."
          />
        </>
      )}
      {soldOut && (
        <SoldOutDialog
          title={`${soldOut.flight.flightNumber} is sold out`}
          message={soldOut.message}
          onClose={() => setSoldOut(null)}
          alternatives={flightAlternatives(soldOut.flight, seats).map((f) => ({
            key: String(f.id),
            label: `${f.airline} ${f.flightNumber} ${f.from}→${f.to}, departs ${formatLocalDateTime(f.departureLocal, f.departureTimeZone)}, ${f.seatsAvailable} seats left`,
            price: f.priceCents * seats,
            pick: () => void hold(f),
          }))}
        />
      )}
    </section>
  );
}
