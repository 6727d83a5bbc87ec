import { useEffect, useState, type FormEvent } from 'react';
import type { Review } from '../../../shared/contract';
import { useReference } from '../../client/referenceStore';
import { useSearch } from '../../client/searchStore';
import { useSession } from '../../client/sessionStore';
import { ProvisionalBadge } from '../../ui/Badge';
import { CustomerPicker } from '../../ui/CustomerPicker';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatInstant } from '../../ui/format';
import { formatLocalDateTime } from '../../ui/flightTimes';
import { Thumb } from '../../ui/Thumb';
import { ReviewForm } from './ReviewForm';
import { useReviews, type ReviewTarget, type TargetKind } from './reviewsStore';

const KIND_LABEL: Record<TargetKind, string> = { hotel: 'Hotel', flight: 'Flight', car: 'Car' };

/** Choose what to look at: from the last search, by city, or by number. */
function TargetPicker({ onPick }: { onPick: (t: ReviewTarget) => void }) {
  const [kind, setKind] = useState<TargetKind>('hotel');
  const [id, setId] = useState('');
  const [city, setCity] = useState('');
  const [found, setFound] = useState<ReviewTarget[]>([]);
  const [error, setError] = useState<unknown>(null);
  const last = useSearch((s) => s);

  const fromLastSearch: ReviewTarget[] = (() => {
    const seen = new Set<number>();
    if (kind === 'hotel') {
      return last.hotels.rows.filter((h) => !seen.has(h.hotelId) && seen.add(h.hotelId))
        .slice(0, 50).map((h) => ({ kind, id: h.hotelId, label: `${h.hotelName} (${h.city}, ${h.stateCode})` }));
    }
    if (kind === 'car') return last.cars.rows.slice(0, 50).map((c) => ({ kind, id: c.carId, label: `${c.company} ${c.model} (${c.city})` }));
    return last.flights.rows.slice(0, 50).map((f) => ({ kind, id: f.id, label: `${f.airline} ${f.flightNumber} ${f.from}→${f.to} ${formatLocalDateTime(f.departureLocal, f.departureTimeZone)}` }));
  })();

  const findByCity = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (kind === 'flight') return;
    try {
      setFound(await useReviews.getState().findByCity(kind, city));
    } catch (err) {
      setError(err);
    }
  };

  const options = found.length > 0 ? found : fromLastSearch;
  return (
    <div className="card">
      <div className="row">
        <label className="field field-narrow">
          <span>Reviews of</span>
          <select value={kind} onChange={(e) => { setKind(e.target.value as TargetKind); setFound([]); }}>
            <option value="hotel">Hotels</option>
            <option value="flight">Flights</option>
            <option value="car">Cars</option>
          </select>
        </label>
        {kind !== 'flight' && (
          <form className="row" onSubmit={(e) => void findByCity(e)} aria-label={`Find ${kind}s by city`}>
            <label className="field">
              <span>City</span>
              <input value={city} onChange={(e) => setCity(e.target.value)} placeholder="e.g. Denver" />
            </label>
            <button type="submit" className="btn">Find {kind}s</button>
          </form>
        )}
        {options.length > 0 && (
          <label className="field grow">
            <span>{found.length > 0 ? 'Found' : 'From the last search'}</span>
            <select value="" onChange={(e) => { const t = options.find((o) => String(o.id) === e.target.value); if (t) onPick(t); }}>
              <option value="">Choose…</option>
              {options.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
            </select>
          </label>
        )}
        <form className="row" aria-label={`Open a ${kind} by number`}
          onSubmit={(e) => { e.preventDefault(); const n = Number(id); if (Number.isInteger(n) && n > 0) onPick({ kind, id: n, label: `${KIND_LABEL[kind]} #${n}` }); }}>
          <label className="field field-narrow">
            <span>{KIND_LABEL[kind]} number</span>
            <input inputMode="numeric" value={id} onChange={(e) => setId(e.target.value.replace(/\D/g, ''))} />
          </label>
          <button type="submit" className="btn">Open</button>
        </form>
      </div>
      <ErrorNote error={error} />
    </div>
  );
}

function ReviewItem({ r }: { r: Review }) {
  const { reply, moderate } = useReviews.getState();
  const supervisor = useSession((s) => s.can('supervisor'));
  const [replying, setReplying] = useState(false);
  const [text, setText] = useState('');
  const [moderating, setModerating] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<void>, done: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      done();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const who = r.title ?? `Review by customer ${r.customerId}`;
  return (
    <li className={`review ${r.hidden ? 'hidden-review' : ''}`}>
      <div>
        <span aria-label={`${r.rating} out of 5 stars`} className="stars">{'★'.repeat(r.rating)}{'☆'.repeat(5 - r.rating)}</span>{' '}
        <strong>{r.title ?? ''}</strong> <span className="muted">customer #{r.customerId}, {formatInstant(r.createdAtUtc)}</span>{' '}
        <ProvisionalBadge show={r.provisional} />
        {r.hidden && <span className="badge badge-bad" title={r.hiddenReason ?? undefined}>hidden{r.hiddenReason ? `: ${r.hiddenReason}` : ''}</span>}
      </div>
      <p>{r.text}</p>
      {r.imageUrls.length > 0 && (
        <ul className="thumb-list" aria-label={`Photos with ${who}`}>
          {r.imageUrls.map((url, i) => (
            <li key={url}>
              <a href={url} target="_blank" rel="noopener noreferrer" aria-label={`Photo ${i + 1} of ${r.imageUrls.length} (opens in a new window)`}>
                <Thumb src={url} alt={`Photo ${i + 1} with ${who}`} width={96} height={64} />
              </a>
            </li>
          ))}
        </ul>
      )}
      {r.reply && (
        <div className="review-reply">
          <strong>Reply</strong> <span className="muted">({formatInstant(r.reply.atUtc)})</span>
          <p>{r.reply.text}</p>
        </div>
      )}
      <div className="row">
        {!replying && <button type="button" className="btn btn-small" aria-label={`${r.reply ? 'Edit reply to' : 'Reply to'} ${who}`} onClick={() => { setReplying(true); setText(r.reply?.text ?? ''); }}>{r.reply ? 'Edit reply' : 'Reply'}</button>}
        {supervisor && !moderating && (
          <button type="button" className="btn btn-small" aria-label={`${r.hidden ? 'Show again' : 'Hide'}: ${who}`} onClick={() => setModerating(true)}>{r.hidden ? 'Show again' : 'Hide'}</button>
        )}
      </div>
      {replying && (
        <form onSubmit={(e) => { e.preventDefault(); void run(() => reply(r.id, text.trim()), () => setReplying(false)); }}>
          <label className="field">
            <span>Reply</span>
            <textarea value={text} maxLength={5000} onChange={(e) => setText(e.target.value)} required />
          </label>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary btn-small" disabled={busy || !text.trim()}>Post reply</button>
            <button type="button" className="btn btn-small" onClick={() => setReplying(false)}>Cancel</button>
          </div>
        </form>
      )}
      {moderating && (
        <form onSubmit={(e) => { e.preventDefault(); void run(() => moderate(r.id, !r.hidden, reason.trim()), () => { setModerating(false); setReason(''); }); }}>
          <label className="field">
            <span>Reason for {r.hidden ? 'showing' : 'hiding'}</span>
            <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} required />
          </label>
          <div className="form-actions">
            <button type="submit" className="btn btn-small btn-primary" disabled={busy || !reason.trim()}>{r.hidden ? 'Show review' : 'Hide review'}</button>
            <button type="button" className="btn btn-small" onClick={() => setModerating(false)}>Cancel</button>
          </div>
        </form>
      )}
      <ErrorNote error={error} />
    </li>
  );
}

export function ReviewsPage() {
  const s = useReviews();
  const supervisor = useSession((x) => x.can('supervisor'));
  const [writing, setWriting] = useState<'no' | 'customer' | number>('no');
  useEffect(() => {
    void useReference.getState().load();
  }, []);
  const total = s.summary?.count ?? 0;
  return (
    <section className="page">
      <h1 tabIndex={-1}>Reviews</h1>
      <TargetPicker onPick={(t) => { setWriting('no'); s.setTarget(t); }} />
      {s.target && (
        <section className="card" aria-labelledby="reviews-title">
          <div className="record-head">
            <h2 id="reviews-title">{s.target.label}</h2>
            <div className="row">
              {supervisor && (
                <label className="checkbox">
                  <input type="checkbox" checked={s.includeHidden} onChange={(e) => s.setIncludeHidden(e.target.checked)} />
                  <span>Include hidden reviews</span>
                </label>
              )}
              {writing === 'no' && <button type="button" className="btn" onClick={() => setWriting('customer')}>Write a review</button>}
            </div>
          </div>
          {s.summary && (
            <div className="rating-summary" role="group" aria-label="Rating summary">
              <div>
                <div className="rating-big">{s.summary.average === null ? '—' : s.summary.average.toFixed(1)}</div>
                <div className="muted">{total} review{total === 1 ? '' : 's'}</div>
              </div>
              <div className="bars">
                {[5, 4, 3, 2, 1].map((star) => {
                  const n = s.summary?.byStars[star - 1] ?? 0;
                  return (
                    <span key={star} style={{ display: 'contents' }}>
                      <span>{star} ★</span>
                      <meter min={0} max={Math.max(1, total)} value={n} aria-label={`${star} star reviews`} />
                      <span className="num">{n}</span>
                    </span>
                  );
                })}
              </div>
            </div>
          )}
          {writing === 'customer' && (
            <div className="card">
              <h3>Who is the review from?</h3>
              <CustomerPicker onPick={(c) => setWriting(c.id)} />
            </div>
          )}
          {typeof writing === 'number' && (
            <div className="card">
              <h3>New review</h3>
              <ReviewForm targetKind={s.target.kind} targetId={s.target.id} customerId={writing} onCreated={(r) => { s.upsert(r); setWriting('no'); void s.load(); }} />
            </div>
          )}
          <ErrorNote error={s.error} onRetry={() => void s.load()} />
          <ul className="plain-list" aria-label="Reviews">
            {s.items.map((r) => <ReviewItem key={r.id} r={r} />)}
          </ul>
          {!s.loading && s.items.length === 0 && !s.error && <p className="muted">No reviews yet.</p>}
          {s.loading && <p className="muted" role="status">Loading…</p>}
          {s.nextCursor && !s.loading && <button type="button" className="btn" onClick={() => void s.loadMore()}>More reviews</button>}
        </section>
      )}
    </section>
  );
}
