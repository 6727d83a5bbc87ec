import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import type { HotelOffer } from '../../../shared/contract';
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

const stars = (n: number) => '★'.repeat(Math.max(0, Math.min(5, n)));

export function HotelSearch() {
  const hotels = useSearch((s) => s.hotels);
  const states = useReference((s) => s.states);
  const { setHotelCriteria, searchHotels } = useSearch.getState();
  const addStay = useTrip((s) => s.addStay);
  const c = hotels.criteria;
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [watching, setWatching] = useState<WatchDraft | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!c.checkIn || !c.checkOut || c.checkOut <= c.checkIn) {
      setFormError('Check-out must be after check-in.');
      return;
    }
    setFormError(null);
    void searchHotels();
  };

  const columns = useMemo<ColumnDef<HotelOffer, unknown>[]>(() => [
    { id: 'photo', header: () => <span className="sr-only">Photo</span>, enableSorting: false, size: 80, cell: ({ row: { original: h } }) => <Thumb src={h.imageUrl} alt={`Photo of ${h.hotelName}`} /> },
    { id: 'hotel', header: 'Hotel', accessorFn: (h) => h.hotelName, cell: ({ row: { original: h } }) => <span><a href={`#/hotels/${h.hotelId}`} onClick={(e) => { e.preventDefault(); navigate(`/hotels/${h.hotelId}`); }}><strong>{h.hotelName}</strong></a> <span className="stars" aria-label={`${h.starRating} stars`}>{stars(h.starRating)}</span></span> },
    { id: 'city', header: 'City', accessorFn: (h) => `${h.city}, ${h.stateCode}` },
    {
      id: 'room', header: 'Room', enableSorting: false, accessorFn: (h) => h.roomTypeName,
      // A stay the hotel's rate rules refuse stays listed with the rule, so the agent can offer other dates.
      cell: ({ row: { original: h } }) => (h.restriction
        ? <span>{h.roomTypeName}<br /><span className="rule-mark rule-cta" role="note">{h.restriction}</span></span>
        : h.roomTypeName),
    },
    { id: 'left', header: 'Rooms left', accessorFn: (h) => Math.min(...h.nights.map((n) => n.roomsLeft)), sortDescFirst: true },
    { id: 'rating', header: 'Rating', accessorFn: (h) => h.rating ?? -1, sortDescFirst: true, cell: ({ row: { original: h } }) => (h.rating === null ? <span className="muted">no reviews</span> : `${h.rating.toFixed(1)} / 5`) },
    { id: 'price', header: 'Total', accessorFn: (h) => h.totalCents, cell: ({ row: { original: h } }) => <span className="num">{formatCents(h.totalCents)}</span> },
    {
      id: 'action', header: () => <span className="sr-only">Action</span>, enableSorting: false,
      cell: ({ row: { original: h } }) => (<>
        <button type="button" className="btn btn-small btn-primary" aria-label={`Add ${h.hotelName}, ${h.roomTypeName} to the booking`}
          disabled={!!h.restriction} title={h.restriction}
          onClick={() => {
            const s = useSearch.getState().hotels.searched ?? c;
            addStay(h, s.checkIn, s.checkOut, s.rooms);
            setNotice(`Added ${h.hotelName}, ${h.roomTypeName}, ${formatDay(s.checkIn)} to ${formatDay(s.checkOut)}.`);
          }}>
          Add
        </button>{' '}
        <button type="button" className="btn btn-small" aria-label={`Watch the price of ${h.hotelName}`}
          onClick={() => {
            const s = useSearch.getState().hotels.searched ?? c;
            setWatching({
              kind: 'hotel', hotelId: h.hotelId, name: h.hotelName, dateFrom: h.nights[0]?.date ?? s.checkIn,
              dateTo: h.nights.at(-1)?.date ?? s.checkIn, priceHint: Math.min(...h.nights.map((n) => n.priceCents)),
            });
          }}>
          Watch
        </button>
      </>),
    },
  ], [addStay, c]);

  return (
    <section aria-labelledby="hotel-search-title">
      <h2 id="hotel-search-title" className="sr-only">Hotels</h2>
      <form className="search-form" onSubmit={submit} aria-label="Search hotels">
        <StateSelect states={states} value={c.stateCode} onChange={(v) => setHotelCriteria({ stateCode: v })} />
        <label className="field">
          <span>City</span>
          <input name="city" value={c.city} placeholder="Any city" onChange={(e) => setHotelCriteria({ city: e.target.value })} />
        </label>
        <label className="field">
          <span>Check-in</span>
          <input type="date" name="checkIn" required value={c.checkIn} onChange={(e) => setHotelCriteria({ checkIn: e.target.value })} />
        </label>
        <label className="field">
          <span>Check-out</span>
          <input type="date" name="checkOut" required value={c.checkOut} onChange={(e) => setHotelCriteria({ checkOut: e.target.value })} />
        </label>
        <label className="field field-narrow">
          <span>Rooms</span>
          <input type="number" name="rooms" min={1} max={9} value={c.rooms} onChange={(e) => setHotelCriteria({ rooms: Math.min(9, Math.max(1, Number(e.target.value) || 1)) })} />
        </label>
        <button type="submit" className="btn btn-primary">Search hotels</button>
      </form>
      {formError && <p className="error-note" role="alert">{formError}</p>}
      <ErrorNote error={hotels.error} onRetry={() => void searchHotels()} />
      <AddedNotice text={notice} />
      {hotels.searched && (
        <>
          <CopyIncompleteNote incomplete={hotels.incomplete && !hotels.loading} />
          <p className="muted results-count" aria-live="polite">{hotels.loading ? 'Searching…' : `${hotels.rows.length} room offer${hotels.rows.length === 1 ? '' : 's'}`}</p>
          <VirtualTable label="Hotel results" data={hotels.rows} columns={columns} getRowId={(h) => String(h.roomTypeId)} rowHeight={56}
            loading={hotels.loading} height="calc(100vh - 330px)" emptyText="No rooms for those dates. Try another city or dates." />
        </>
      )}
      {watching && <Slot name="WatchDialog" draft={watching} onClose={() => setWatching(null)} />}
    </section>
  );
}
