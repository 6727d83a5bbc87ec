import { useEffect, useState } from 'react';
import type { CatalogHotel } from '../../../shared/contract';
import { call } from '../../client/contractClient';
import { navigate } from '../../client/router';
import { useSession } from '../../client/sessionStore';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents } from '../../ui/format';
import { Gallery } from './Gallery';

/** A hotel as agents describe it to a customer: where, how many stars, what it has, its rooms and photos. */
export function HotelPage({ hotelId }: { hotelId: number }) {
  const [hotel, setHotel] = useState<CatalogHotel | null>(null);
  const [error, setError] = useState<unknown>(null);
  const canEdit = useSession((s) => s.can('supervisor'));
  useEffect(() => {
    call('catalog.hotels.get', { hotelId }).then(setHotel, setError);
  }, [hotelId]);
  if (!hotel) {
    return (
      <section className="page">
        <h1 tabIndex={-1}>Hotel</h1>
        <ErrorNote error={error} />
        {!error && <p className="muted">Loading…</p>}
      </section>
    );
  }
  return (
    <section className="page">
      <h1 tabIndex={-1}>{hotel.name}</h1>
      <p>
        <span aria-label={`${hotel.starRating} stars`}>{'★'.repeat(hotel.starRating)}</span> · {hotel.address}, {hotel.city}, {hotel.stateCode}
        {!hotel.active && <> · <strong>Off sale</strong></>}
      </p>
      <dl className="facts">
        <dt>Check-in</dt><dd>from {hotel.checkInTime}</dd>
        <dt>Check-out</dt><dd>by {hotel.checkOutTime}</dd>
        <dt>Amenities</dt><dd>{hotel.amenities.length ? hotel.amenities.join(', ') : 'none listed'}</dd>
        <dt>Cancellation</dt>
        <dd>
          free until {hotel.appliedCancellationPolicy.freeCancelHours} h before check-in, then a {hotel.appliedCancellationPolicy.lateFeePct}% fee
          {hotel.cancellationPolicy ? ' (this hotel\'s policy)' : ' (the console\'s policy)'}
        </dd>
      </dl>
      <section className="card" aria-labelledby="rooms-title">
        <h2 id="rooms-title">Rooms</h2>
        <table className="table" aria-label={`Rooms of ${hotel.name}`}>
          <thead><tr><th>Room</th><th>Beds</th><th>Guests</th><th>From a night</th></tr></thead>
          <tbody>
            {hotel.roomTypes.map((r) => (
              <tr key={r.id}><td>{r.name}{r.active ? '' : ' (off sale)'}</td><td>{r.beds}</td><td>up to {r.maxGuests}</td><td className="num">{formatCents(r.basePriceCents)}</td></tr>
            ))}
          </tbody>
        </table>
        {hotel.roomTypes.length === 0 && <p className="muted">No rooms yet.</p>}
      </section>
      <Gallery targetKind="hotel" targetId={hotel.id} name={hotel.name} />
      {canEdit && <p><button type="button" className="link" onClick={() => navigate('/catalog/hotels')}>Edit in the Catalogue</button></p>}
    </section>
  );
}
