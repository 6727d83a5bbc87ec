import { useState } from 'react';
import { WatchesList } from './WatchesList';

export function WatchesPage() {
  const [status, setStatus] = useState<'active' | 'triggered' | ''>('');
  return (
    <section className="page">
      <div className="record-head">
        <h1 tabIndex={-1}>Price watches</h1>
        <label className="field field-narrow">
          <span>Show</span>
          <select name="watchStatus" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">All watches</option>
            <option value="active">Waiting</option>
            <option value="triggered">Fired</option>
          </select>
        </label>
      </div>
      <p className="muted">Each watch tells Needs attention when a price drops to its line, or when there is room again. Set one with “Watch price” in Search.</p>
      <section className="card" aria-label="Watches">
        <WatchesList customerId={null} status={status} />
      </section>
    </section>
  );
}
