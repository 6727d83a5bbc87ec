/**
 * Bench page: the project's own VirtualTable (renderer/ui/VirtualTable.tsx) with 100,000 flight
 * results, the flight search's columns and the app's stylesheet, at the height the search page
 * gives it. The UI itself loads results 200 at a time (flights.search pages are capped at 500),
 * so this page is how the bench puts 100k rows in front of the table in one go.
 */
import type { ColumnDef } from '@tanstack/react-table';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import type { FlightOffer } from '../../shared/contract';
import { formatCents, formatDuration, formatInstant } from '../../renderer/ui/format';
import { VirtualTable } from '../../renderer/ui/VirtualTable';
import '../../renderer/styles/app.css';
import { makeRows, ROW_COUNT } from './rows';

const t0 = performance.now();
const rows = makeRows(ROW_COUNT);
const generatedMs = performance.now() - t0;

const columns: ColumnDef<FlightOffer, unknown>[] = [
  { id: 'flight', header: 'Flight', enableSorting: false, cell: ({ row: { original: f } }) => <span><strong>{f.flightNumber}</strong> <span className="muted">{f.airline}</span></span> },
  { id: 'route', header: 'Route', enableSorting: false, cell: ({ row: { original: f } }) => `${f.from} → ${f.to}` },
  { id: 'time', header: 'Departs', accessorFn: (f) => f.departUtc, cell: ({ row: { original: f } }) => formatInstant(f.departUtc) },
  { id: 'duration', header: 'Duration', enableSorting: false, cell: ({ row: { original: f } }) => formatDuration(f.departUtc, f.arriveUtc) },
  { id: 'seats', header: 'Seats left', enableSorting: false, cell: ({ row: { original: f } }) => `${f.seatsAvailable} / ${f.seatsTotal}` },
  { id: 'price', header: 'Fare', accessorFn: (f) => f.priceCents, cell: ({ row: { original: f } }) => <span className="num">{formatCents(f.priceCents)}</span> },
  {
    id: 'action', header: () => <span className="sr-only">Action</span>, enableSorting: false,
    cell: ({ row: { original: f } }) => (
      <button type="button" className="btn btn-small btn-primary" disabled={f.seatsAvailable < 1} aria-label={`Hold 1 seat on ${f.flightNumber}`}>Hold</button>
    ),
  },
];

function Bench() {
  useEffect(() => {
    const w = window as unknown as { __bench?: object };
    w.__bench = { rows: rows.length, generatedMs, mountedMs: performance.now() - t0 };
    document.body.dataset.ready = '1';
  }, []);
  return (
    <main style={{ padding: 16 }}>
      <p className="muted results-count">{rows.length.toLocaleString()} flights</p>
      <VirtualTable label="Flight results" data={rows} columns={columns} getRowId={(f) => String(f.id)} height="calc(100vh - 330px)" />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Bench />
  </StrictMode>,
);
