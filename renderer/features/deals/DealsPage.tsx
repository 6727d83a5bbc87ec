import { useEffect, useState } from 'react';
import type { Deal, DealKind } from '../../../shared/contract';
import { useSearch } from '../../client/searchStore';
import { Badge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatDay, formatInstant } from '../../ui/format';
import { useDeals } from './dealsStore';

const KINDS: { id: DealKind | ''; label: string }[] = [
  { id: '', label: 'All kinds' },
  { id: 'flight', label: 'Flights' },
  { id: 'hotel', label: 'Hotels' },
  { id: 'car', label: 'Cars' },
];
const KIND_WORD: Record<DealKind, string> = { flight: 'Flight', hotel: 'Hotel', car: 'Car' };
const SOURCE_WORD: Record<Deal['source'], string> = { kafka: 'Deals feed', detector: 'Price drop' };
const SOURCE_HINT: Record<Deal['source'], string> = {
  kafka: 'From the deals pipeline',
  detector: "Found by TripDesk: well under this listing's usual price (its 30-day median)",
};

function DealRow({ d }: { d: Deal }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const book = async () => {
    setBusy(true);
    setError(null);
    try {
      await useSearch.getState().openListing({ kind: d.kind, targetId: d.targetId, day: d.day });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <tr data-deal-id={d.id}>
      <td><Badge tone="info">{KIND_WORD[d.kind]}</Badge></td>
      <th scope="row" className="deal-title">{d.title}</th>
      <td>{d.day ? formatDay(d.day) : '—'}</td>
      <td className="num">
        <strong>{formatCents(d.priceCents)}</strong>{' '}
        <span className="sr-only">usually </span><s className="muted">{formatCents(d.referenceCents)}</s>
      </td>
      <td><Badge tone="good" title={`${d.discountPct.toFixed(1)}% under the usual price`}>−{Math.round(d.discountPct)}%</Badge></td>
      <td><span title={SOURCE_HINT[d.source]}>{SOURCE_WORD[d.source]}</span></td>
      <td className="muted">{formatInstant(d.detectedAtUtc)}</td>
      <td>
        <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void book()}
          aria-label={`Book this: ${d.title}${d.day ? `, ${formatDay(d.day)}` : ''}`}>
          {busy ? 'Opening…' : 'Book this'}
        </button>
        <ErrorNote error={error} />
      </td>
    </tr>
  );
}

export function DealsPage() {
  const s = useDeals();
  useEffect(() => {
    useDeals.setState({ arrived: 0 });
    void useDeals.getState().load();
    return useDeals.getState().listen();
  }, []);
  return (
    <section className="page">
      <div className="record-head">
        <h1 tabIndex={-1}>Deals</h1>
        <div className="row">
          <label className="field field-narrow">
            <span>Kind</span>
            <select name="dealKind" value={s.kind} onChange={(e) => void s.setKind(e.target.value as DealKind | '')}>
              {KINDS.map((k) => <option key={k.id} value={k.id}>{k.label}</option>)}
            </select>
          </label>
          <button type="button" className="btn" onClick={() => { useDeals.setState({ arrived: 0 }); void s.load(); }}>Refresh</button>
        </div>
      </div>
      <p className="muted">Prices well under their usual level, newest first: from the deals feed and from TripDesk&apos;s own price-drop detector.</p>
      <div aria-live="polite">
        {s.arrived > 0 && (
          <p className="notice" role="status">
            {s.arrived} new deal{s.arrived === 1 ? '' : 's'} just arrived.{' '}
            <button type="button" className="link" onClick={() => useDeals.setState({ arrived: 0 })}>Dismiss</button>
          </p>
        )}
      </div>
      <ErrorNote error={s.error} onRetry={() => void (s.items.length ? s.loadMore() : s.load())} />
      <table className="table deals-table" aria-label="Deals" aria-busy={s.loading}>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Deal</th>
            <th scope="col">Day</th>
            <th scope="col" className="num">Price <span className="muted">(usually)</span></th>
            <th scope="col">Saving</th>
            <th scope="col">Source</th>
            <th scope="col">Found</th>
            <th scope="col"><span className="sr-only">Action</span></th>
          </tr>
        </thead>
        <tbody>
          {s.items.map((d) => <DealRow key={d.id} d={d} />)}
          {!s.loading && !s.error && s.items.length === 0 && (
            <tr><td colSpan={8} className="muted empty-cell">No deals yet. New ones appear here as prices drop.</td></tr>
          )}
        </tbody>
      </table>
      {s.loading && <p className="muted" role="status">Loading deals…</p>}
      {s.nextCursor && !s.loading && (
        <button type="button" className="btn" onClick={() => void s.loadMore()}>Load more deals</button>
      )}
    </section>
  );
}
