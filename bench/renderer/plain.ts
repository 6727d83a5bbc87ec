/**
 * Reference page: the same kind of rows as a plain <table> with every row in the DOM (no
 * virtualization, no React, no stylesheet beyond fixed layout), in a scroll box of the same
 * height. `?rows=N` (default 100,000). On the 2-core bench machine headless Chromium needs about
 * 0.6 ms per row to build and lay this out (20,000 rows: ~14 s; 100,000 did not load within
 * 120 s), so the bench loads a few thousand rows: enough to show the cost, bounded in time.
 */
import { makeRows, ROW_COUNT } from './rows';

const t0 = performance.now();
const n = Number(new URLSearchParams(location.search).get('rows') ?? ROW_COUNT);
const rows = makeRows(n);
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const box = document.createElement('div');
box.className = 'vtable-scroll';
box.style.height = 'calc(100vh - 330px)';
box.style.overflow = 'auto';
const table = document.createElement('table');
table.style.tableLayout = 'fixed';
table.style.width = '100%';
table.style.borderCollapse = 'collapse';
const head = table.createTHead().insertRow();
for (const h of ['Flight', 'Route', 'Departs', 'Arrives', 'Duration', 'Seats left', 'Fare', 'Action']) {
  const th = document.createElement('th');
  th.textContent = h;
  head.appendChild(th);
}
const body = table.createTBody();
for (const f of rows) {
  const tr = body.insertRow();
  tr.style.height = '40px';
  const mins = Math.round((Date.parse(f.arriveUtc) - Date.parse(f.departUtc)) / 60_000);
  for (const text of [`${f.flightNumber} ${f.airline}`, `${f.from} → ${f.to}`, f.departureLocal.slice(0, 16).replace('T', ' '), f.arrivalLocal.slice(11, 16), `${Math.floor(mins / 60)}h ${mins % 60}m`, `${f.seatsAvailable} / ${f.seatsTotal}`, money.format(f.priceCents / 100), 'Hold']) {
    tr.insertCell().textContent = text;
  }
}
box.appendChild(table);
const main = document.createElement('main');
main.style.padding = '16px';
main.appendChild(box);
document.getElementById('root')!.appendChild(main);
requestAnimationFrame(() => {
  (window as unknown as { __bench?: object }).__bench = { rows: rows.length, mountedMs: performance.now() - t0 };
  document.body.dataset.ready = '1';
});
