import type { ExportKind, ImportKind, ImportProgress, ImportReport } from '../../../shared/contract';
import { MAX_REPORTED_PROBLEMS } from '../../../shared/contract';
import { ErrorNote } from '../../ui/ErrorNote';
import { useImports } from './importsStore';
import { downloadText } from '../../ui/downloadText';

const KINDS: Record<ImportKind, { label: string; columns: string }> = {
  hotelRates: {
    label: 'Hotel rates',
    columns: 'room_type_id (or hotel_id: every room type of the hotel), date (or from and to, both included), price_usd (dollars) or price_cents, and rooms_total (needed to open a night not yet on sale)',
  },
  carRates: {
    label: 'Car rates',
    columns: 'car_id, date (or from and to, both included), price_usd (dollars) or price_cents, and units_total (needed to open a day not yet on sale)',
  },
  flights: {
    label: 'Flights',
    columns: 'flight_number, airline, from, to, departure_local and arrival_local (YYYY-MM-DDTHH:MM on each airport\'s clock), seats, fare_usd (dollars) or fare_cents',
  },
};

const EXPORTS: Record<ExportKind, string> = { bookings: 'Bookings', customers: 'Customers', billing: 'Billing' };

const PHASES: Record<ImportProgress['phase'], string> = { reading: 'Reading the file', checking: 'Checking lines', applying: 'Importing rows', done: 'Done' };

const n = (v: number) => v.toLocaleString('en-US');

function Progress({ p, busy }: { p: ImportProgress | null; busy: string }) {
  const label = p ? `${PHASES[p.phase]}: ${n(p.done)}${p.total !== null ? ` of ${n(p.total)}` : ''}` : busy;
  return (
    <div className="import-progress" role="status">
      <progress aria-label={label} max={p?.total ?? undefined} value={p && p.total !== null ? p.done : undefined} />
      <span>{label}</span>
    </div>
  );
}

function Report({ r }: { r: ImportReport }) {
  const bad = r.lines - r.goodLines;
  return (
    <div className="card" aria-label="Import report">
      <p>
        <strong>{n(r.lines)} lines</strong>: {n(r.goodLines)} good{bad > 0 ? `, ${n(bad)} with problems` : ''}.
        {r.problemCount === 0 && (r.applied
          ? ` Imported: ${n(r.created)} rows created, ${n(r.updated)} changed.`
          : ` Importing will create ${n(r.created)} rows and change ${n(r.updated)}.`)}
        {r.problemCount > 0 && ' Nothing can be imported until every line is right: fix them in the file and choose it again.'}
      </p>
      {r.problems.length > 0 && (
        <table className="table" aria-label="Problems by line">
          <thead>
            <tr><th scope="col" className="num">Line</th><th scope="col">Field</th><th scope="col">Reason</th></tr>
          </thead>
          <tbody>
            {r.problems.map((p, i) => (
              <tr key={`${p.line}-${p.field}-${i}`}><td className="num">{p.line}</td><td><code>{p.field}</code></td><td>{p.reason}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {r.problemCount > r.problems.length && (
        <p className="muted">The first {n(MAX_REPORTED_PROBLEMS)} of {n(r.problemCount)} problems are shown.</p>
      )}
    </div>
  );
}

/** Supervisors' back office: rate sheets and schedules in (a dry run first, all or nothing), bookings, customers and billing out. */
export function ImportsPage() {
  const s = useImports();
  const canImport = s.check !== null && s.check.problemCount === 0 && !s.check.applied && s.busy === null && s.result === null;
  return (
    <section className="page">
      <h1 tabIndex={-1}>Imports &amp; exports</h1>

      <div className="card">
        <h2>Import a CSV file</h2>
        <form className="search-form" aria-label="Import" onSubmit={(e) => { e.preventDefault(); void s.commit(); }}>
          <label className="field">
            <span>What the file holds</span>
            <select value={s.kind} onChange={(e) => s.setKind(e.target.value as ImportKind)} disabled={s.busy !== null}>
              {(Object.keys(KINDS) as ImportKind[]).map((k) => <option key={k} value={k}>{KINDS[k].label}</option>)}
            </select>
          </label>
          <label className="field">
            <span>CSV file</span>
            <input
              type="file" accept=".csv,text/csv" disabled={s.busy !== null}
              onChange={(e) => {
                const f = e.target.files?.[0];
                void (f ? f.text().then((text) => s.choose({ name: f.name, text })) : s.choose(null));
              }}
            />
          </label>
          <div className="form-actions">
            <button type="submit" className="btn primary" disabled={!canImport}>
              {s.busy === 'importing' ? 'Importing…' : 'Import'}
            </button>
          </div>
        </form>
        <p className="muted">Columns (header line first): {KINDS[s.kind].columns}. Every line is checked first; nothing changes until you press Import, and then every line is imported or none.</p>
        {s.busy !== null && <Progress p={s.progress} busy={s.busy === 'checking' ? 'Checking the file…' : 'Importing…'} />}
        <ErrorNote error={s.error} />
        {(s.result ?? s.check) && <Report r={(s.result ?? s.check)!} />}
      </div>

      <div className="card">
        <h2>Export</h2>
        <form
          className="search-form" aria-label="Export"
          onSubmit={(e) => {
            e.preventDefault();
            void s.exportFile().then((f) => { if (f) downloadText(f.fileName, f.csv); });
          }}
        >
          <label className="field">
            <span>Records</span>
            <select value={s.exportKind} onChange={(e) => s.setExport({ exportKind: e.target.value as ExportKind })}>
              {(Object.keys(EXPORTS) as ExportKind[]).map((k) => <option key={k} value={k}>{EXPORTS[k]}</option>)}
            </select>
          </label>
          <label className="field"><span>From</span><input type="date" value={s.from} max={s.to} required onChange={(e) => s.setExport({ from: e.target.value })} /></label>
          <label className="field"><span>To</span><input type="date" value={s.to} min={s.from} required onChange={(e) => s.setExport({ to: e.target.value })} /></label>
          <div className="form-actions"><button type="submit" className="btn" disabled={s.exporting}>{s.exporting ? 'Preparing…' : 'Download CSV'}</button></div>
        </form>
        <p className="muted">UTC days, both included: bookings and customers by the day they were made, billing by the day money moved. Money as dollars beside cents; cells a spreadsheet would run as formulas start with an apostrophe.</p>
        <ErrorNote error={s.exportError} />
      </div>
    </section>
  );
}
