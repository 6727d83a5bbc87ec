/**
 * Bench page: the project's own VirtualTable (renderer/ui/VirtualTable.tsx) with 100,000 flight
 * results, the flight search's columns and the app's stylesheet, at the height the search page
 * gives it. The UI itself loads results 200 at a time (flights.search pages are capped at 500),
 * so this page is how the bench puts 100k rows in front of the table in one go.
 */
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { flightColumns } from '../../renderer/features/search/flightColumns';
import { VirtualTable } from '../../renderer/ui/VirtualTable';
import '../../renderer/styles/app.css';
import { makeRows, ROW_COUNT } from './rows';

const t0 = performance.now();
const rows = makeRows(ROW_COUNT);
const generatedMs = performance.now() - t0;

// The search page's columns as it shows them for one passenger with no hold on its way.
const columns = flightColumns({ seats: 1, holding: null });

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
