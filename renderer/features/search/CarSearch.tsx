import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import type { CarOffer } from '../../../shared/contract';
import { useReference } from '../../client/referenceStore';
import { navigate } from '../../client/router';
import { useSearch } from '../../client/searchStore';
import { Slot, type WatchDraft } from '../../client/slots';
import { useTrip } from '../../client/tripStore';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatDay } from '../../ui/format';
import { Thumb } from '../../ui/Thumb';
import { VirtualTable } from '../../ui/VirtualTable';
import { AddedNotice } from './AddedNotice';
import { StateSelect } from './StateSelect';
import { CopyIncompleteNote } from './CopyIncompleteNote';

export function CarSearch() {
  const cars = useSearch((s) => s.cars);
  const states = useReference((s) => s.states);
  const { setCarCriteria, searchCars } = useSearch.getState();
  const addCar = useTrip((s) => s.addCar);
  const c = cars.criteria;
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [watching, setWatching] = useState<WatchDraft | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!c.pickUp || !c.dropOff || c.dropOff <= c.pickUp) {
      setFormError('Drop-off must be after pick-up.');
      return;
    }
    setFormError(null);
    void searchCars();
  };

  const columns = useMemo<ColumnDef<CarOffer, unknown>[]>(() => [
    { id: 'photo', header: () => <span className="sr-only">Photo</span>, enableSorting: false, size: 80, cell: ({ row: { original: r } }) => <Thumb src={r.imageUrl} alt={`Photo of ${r.company} ${r.model}`} /> },
    { id: 'company', header: 'Company', accessorFn: (r) => r.company },
    { id: 'model', header: 'Model', accessorFn: (r) => r.model,
      cell: ({ row: { original: r } }) => <a href={`#/cars/${r.carId}`} onClick={(e) => { e.preventDefault(); navigate(`/cars/${r.carId}`); }}>{r.model}</a> },
    { id: 'class', header: 'Class', accessorFn: (r) => r.carClass },
    { id: 'city', header: 'City', accessorFn: (r) => `${r.city}, ${r.stateCode}` },
    { id: 'days', header: 'Days', enableSorting: false, accessorFn: (r) => r.days.length },
    { id: 'price', header: 'Total', accessorFn: (r) => r.totalCents, cell: ({ row: { original: r } }) => <span className="num">{formatCents(r.totalCents)}</span> },
    {
      id: 'action', header: () => <span className="sr-only">Action</span>, enableSorting: false,
      cell: ({ row: { original: r } }) => (<>
        <button type="button" className="btn btn-small btn-primary" aria-label={`Add ${r.company} ${r.model} in ${r.city} to the booking`}
          onClick={() => {
            const s = useSearch.getState().cars.searched ?? c;
            addCar(r, s.pickUp, s.dropOff);
            setNotice(`Added ${r.company} ${r.model}, ${formatDay(s.pickUp)} to ${formatDay(s.dropOff)}.`);
          }}>
          Add
        </button>{' '}
        <button type="button" className="btn btn-small" aria-label={`Watch the price of ${r.company} ${r.model} in ${r.city}`}
          onClick={() => {
            const s = useSearch.getState().cars.searched ?? c;
            setWatching({
              kind: 'car', carId: r.carId, name: `${r.company} ${r.model} (${r.city})`, dateFrom: r.days[0]?.date ?? s.pickUp,
              dateTo: r.days.at(-1)?.date ?? s.pickUp, priceHint: Math.min(...r.days.map((d) => d.priceCents)),
            });
          }}>
          Watch
        </button>
      </>),
    },
  ], [addCar, c]);

  return (
    <section aria-labelledby="car-search-title">
      <h2 id="car-search-title" className="sr-only">Cars</h2>
      <form className="search-form" onSubmit={submit} aria-label="Search cars">
        <StateSelect states={states} value={c.stateCode} onChange={(v) => setCarCriteria({ stateCode: v })} />
        <label className="field">
          <span>City</span>
          <input name="city" value={c.city} placeholder="Any city" onChange={(e) => setCarCriteria({ city: e.target.value })} />
        </label>
        <label className="field">
          <span>Pick-up</span>
          <input type="date" name="pickUp" required value={c.pickUp} onChange={(e) => setCarCriteria({ pickUp: e.target.value })} />
        </label>
        <label className="field">
          <span>Drop-off</span>
          <input type="date" name="dropOff" required value={c.dropOff} onChange={(e) => setCarCriteria({ dropOff: e.target.value })} />
        </label>
        <button type="submit" className="btn btn-primary">Search cars</button>
      </form>
      {formError && <p className="error-note" role="alert">{formError}</p>}
      <ErrorNote error={cars.error} onRetry={() => void searchCars()} />
      <AddedNotice text={notice} />
      {cars.searched && (
        <>
          <CopyIncompleteNote incomplete={cars.incomplete && !cars.loading} />
          <p className="muted results-count" aria-live="polite">{cars.loading ? 'Searching…' : `${cars.rows.length} car${cars.rows.length === 1 ? '' : 's'}`}</p>
          <VirtualTable label="Car results" data={cars.rows} columns={columns} getRowId={(r) => String(r.carId)} rowHeight={56}
            loading={cars.loading} height="calc(100vh - 330px)" emptyText="No cars for those days. Try another city or dates." />
        </>
      )}
      {watching && <Slot name="WatchDialog" draft={watching} onClose={() => setWatching(null)} />}
    </section>
  );
}
