import { useEffect } from 'react';
import { useReference } from '../../client/referenceStore';
import { navigate } from '../../client/router';
import { ErrorNote } from '../../ui/ErrorNote';
import { CarSearch } from './CarSearch';
import { FlightSearch } from './FlightSearch';
import { HotelSearch } from './HotelSearch';
import { TripSearch } from './TripSearch';

const TABS = [
  { id: 'flights', label: 'Flights' },
  { id: 'trips', label: 'Trips' },
  { id: 'hotels', label: 'Hotels' },
  { id: 'cars', label: 'Cars' },
] as const;

export function SearchPage({ tab }: { tab?: string }) {
  const current = TABS.find((t) => t.id === tab)?.id ?? 'flights';
  const loadReference = useReference((s) => s.load);
  const referenceError = useReference((s) => s.error);
  useEffect(() => {
    void loadReference();
  }, [loadReference]);
  return (
    <section className="page">
      <h1 tabIndex={-1}>Search</h1>
      <div role="tablist" aria-label="What to search" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={current === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={current === t.id ? 0 : -1}
            onClick={() => navigate(`/search/${t.id}`)}
            onKeyDown={(e) => {
              const i = TABS.findIndex((x) => x.id === current);
              const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (d) {
                const next = TABS[(i + d + TABS.length) % TABS.length]!;
                navigate(`/search/${next.id}`);
                requestAnimationFrame(() => document.getElementById(`tab-${next.id}`)?.focus());
              }
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <ErrorNote error={referenceError} onRetry={() => void loadReference()} />
      <div role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`}>
        {current === 'flights' && <FlightSearch />}
        {current === 'trips' && <TripSearch />}
        {current === 'hotels' && <HotelSearch />}
        {current === 'cars' && <CarSearch />}
      </div>
    </section>
  );
}
