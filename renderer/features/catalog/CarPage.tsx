import { useEffect, useState } from 'react';
import type { CatalogCar } from '../../../shared/contract';
import { call } from '../../client/contractClient';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents } from '../../ui/format';
import { Gallery } from './Gallery';

/** A rental car: what it is, where it is picked up, and its photos. */
export function CarPage({ carId }: { carId: number }) {
  const [car, setCar] = useState<CatalogCar | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('catalog.cars.get', { carId }).then(setCar, setError);
  }, [carId]);
  if (!car) {
    return (
      <section className="page">
        <h1 tabIndex={-1}>Car</h1>
        <ErrorNote error={error} />
        {!error && <p className="muted">Loading…</p>}
      </section>
    );
  }
  const title = `${car.company} ${car.model}`;
  return (
    <section className="page">
      <h1 tabIndex={-1}>{title}</h1>
      <dl className="facts">
        <dt>Class</dt><dd>{car.carClass}</dd>
        <dt>Seats</dt><dd>{car.seats}</dd>
        <dt>Transmission</dt><dd>{car.transmission}</dd>
        <dt>Pick-up</dt><dd>{car.airport ? `${car.airport} airport, ${car.city}, ${car.stateCode}` : `${car.city}, ${car.stateCode}`}</dd>
        <dt>From a day</dt><dd>{formatCents(car.basePriceCents)}</dd>
        {!car.active && <><dt>Status</dt><dd><strong>Off sale</strong></dd></>}
      </dl>
      <Gallery targetKind="car" targetId={car.id} name={title} />
    </section>
  );
}
