import { useEffect, useMemo, useState } from 'react';
import type { FlightOffer, Hold } from '../../../shared/contract';
import { navigate } from '../../client/router';
import { Slot } from '../../client/slots';
import { ProvisionalBadge, StatusBadge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatInstant } from '../../ui/format';
import { HoldCountdown } from '../../ui/HoldCountdown';
import { useAttention, type InboxItem, type ResolveAction } from './attentionStore';
import {
  customerWords, editablePayload, flightWords, idsToLookUp, isObj, itemFlight, itemTitle, paymentSummary, priceSentence,
  reasonWords, redactPayload, type Lookups,
} from './inboxText';
import { PickFlight } from './PickFlight';
import { ReplacementPicker, type PickedOption } from '../../ui/ReplacementPicker';
import { refusedByRateRule, soldOutFix, withPickedItem } from './guidedFix';
import { NoticeRow } from './NoticeRow';
import { ThrottledSignIns } from './ThrottledSignIns';
import { ScheduleChanges } from './ScheduleChanges';
import { Overbookings } from './Overbookings';
import { UnsentMessages } from './UnsentMessages';
import { RefundsQueue } from './RefundsQueue';

/** Holds ending within this are "expiring soon". */
const SOON_MS = 10 * 60_000;

const REASON_TEXT: Record<string, string> = {
  SOLD_OUT: 'Sold out while offline',
  PRICE_CHANGED: 'The price changed',
  HOLD_EXPIRED: 'The seat hold expired',
  NOT_FOUND: 'Deleted on the server',
  CONFLICT: 'Changed on the server since',
};

/** Hold id → flight and seats: the inbox's own queued holds first, then the device's holds. */
function holdIndex(inbox: InboxItem[], holdsById: Record<string, Hold>): Lookups['holds'] {
  const out: Lookups['holds'] = {};
  for (const h of Object.values(holdsById)) out[h.holdId] = { flightId: h.flightId, seats: h.seats };
  for (const i of inbox) {
    const p = i.payload;
    if (i.kind === 'holds.create' && isObj(p) && typeof p.flightId === 'number') {
      out[i.opId] = { flightId: p.flightId, seats: typeof p.seats === 'number' ? p.seats : 1 };
    }
  }
  return out;
}

/** The flight a SOLD_OUT change was refused for, and how many seats it wanted. */
function soldOutFlight(item: InboxItem, holds: Lookups['holds']): { flightId: number; seats: number } | null {
  if (item.code !== 'SOLD_OUT' || !isObj(item.payload)) return null;
  const p = item.payload;
  const d = isObj(item.details) ? item.details : {};
  if (item.kind === 'holds.create') {
    return typeof p.flightId === 'number' ? { flightId: p.flightId, seats: typeof p.seats === 'number' ? p.seats : 1 } : null;
  }
  if (item.kind === 'bookings.create' && Array.isArray(p.items)) {
    const flights = p.items.map((it) => itemFlight(it, holds)).filter((f): f is { flightId: number; seats: number } => f !== null);
    return flights.find((f) => f.flightId === d.flightId) ?? flights[0] ?? null;
  }
  return null;
}

/** The booking's items with the sold-out flight (or the hold on it) swapped for `to`. */
function replaceFlight(items: unknown[], from: number, to: number, holds: Lookups['holds']): unknown[] {
  let done = false;
  return items.map((it) => {
    if (done) return it;
    const f = itemFlight(it, holds);
    if (!f || f.flightId !== from) return it;
    done = true;
    // The same passengers fly on the other flight.
    return { kind: 'flight', flightId: to, seats: f.seats, ...(isObj(it) && Array.isArray(it.travellers) ? { travellers: it.travellers } : {}) };
  });
}

/** Names a change waiting on another one in this inbox (its parent, or the hold it books). */
function dependsOnAnother(item: InboxItem, inbox: InboxItem[]): boolean {
  const d = isObj(item.details) ? item.details : {};
  if (typeof d.parentOpId === 'string' && d.parentOpId) return true;
  if (item.code !== 'NOT_FOUND' || !isObj(item.payload)) return false;
  const p = item.payload;
  const holdIds = [
    ...(typeof p.holdId === 'string' ? [p.holdId] : []),
    ...(Array.isArray(p.items) ? p.items.flatMap((it) => (isObj(it) && typeof it.holdId === 'string' ? [it.holdId] : [])) : []),
  ];
  return holdIds.some((h) => inbox.some((o) => o.opId === h && o.opId !== item.opId));
}

function InboxRow({ item, lookups, dependent }: { item: InboxItem; lookups: Lookups; dependent: boolean }) {
  const resolve = useAttention((s) => s.resolve);
  const previewChange = useAttention((s) => s.previewChange);
  const [mode, setMode] = useState<'none' | 'edit' | 'discard' | 'pick'>('none');
  const [json, setJson] = useState(() => JSON.stringify(editablePayload(item.payload), null, 2));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const d = (item.details ?? {}) as Record<string, unknown>;

  const act = async (action: ResolveAction, extra?: { input?: Record<string, unknown>; reason?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await resolve(item.opId, action, extra);
      setMode('none');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const submitEdit = () => {
    try {
      const input = JSON.parse(json) as unknown;
      if (!input || typeof input !== 'object' || Array.isArray(input)) throw new Error('not an object');
      setProblem(null);
      // The payment is never shown, so never edited: the core keeps the one entered.
      const { payment: _payment, ...rest } = input as Record<string, unknown>;
      void _payment;
      void act('edit', { input: rest });
    } catch {
      setProblem('The edited input must be a JSON object, like {"seats": 2}.');
    }
  };
  const soldOut = soldOutFlight(item, lookups.holds);
  // Stays, cars, and a change's replacement: other dates, another room or car, another flight.
  const fix = soldOut ? null : soldOutFix(item);
  const pickAlternative = async (o: PickedOption) => {
    if (!fix || !isObj(item.payload)) return;
    const p = item.payload;
    if (fix.index === null) {
      // A change is sent again at the difference its preview gives now (offline, the device's copy).
      setBusy(true);
      setError(null);
      try {
        const preview = await previewChange({ bookingId: Number(p.bookingId), itemId: Number(p.itemId), replacement: o.replacement });
        setBusy(false);
        await act('edit', { input: { replacement: o.replacement, expectedDifferenceCents: preview.differenceCents } });
      } catch (err) {
        setError(err);
        setBusy(false);
      }
    } else if (Array.isArray(p.items)) {
      void act('edit', { input: { items: withPickedItem(p.items, fix.index, o.replacement) } });
    }
  };
  const pickFlight = (f: FlightOffer) => {
    if (!soldOut || !isObj(item.payload)) return;
    const p = item.payload;
    if (item.kind === 'holds.create') {
      void act('edit', { input: { flightId: f.id, seats: soldOut.seats, ...(typeof p.customerId === 'number' ? { customerId: p.customerId } : {}) } });
    } else if (Array.isArray(p.items)) {
      void act('edit', { input: { items: replaceFlight(p.items, soldOut.flightId, f.id, lookups.holds) } });
    }
  };

  const reasonCode = item.code ?? '';
  const title = itemTitle(item.kind, item.payload, lookups);
  const price = priceSentence(d);
  const payment = isObj(item.payload) && item.payload.payment !== undefined ? paymentSummary(item.payload.payment) : null;
  return (
    <li className="card" aria-label={title}>
      <div className="record-head">
        <div>
          <strong data-testid="inbox-title">{title}</strong> <StatusBadge status={item.state} /> <ProvisionalBadge show />
          <div className="muted">queued {formatInstant(item.createdAtUtc)} · {item.attempts} attempt{item.attempts === 1 ? '' : 's'} · change #{item.seq}</div>
        </div>
        <div className="row">
          {(reasonCode === 'PRICE_CHANGED' || typeof d.newTotalCents === 'number') && (
            <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void act('accept_new_price')}>
              Accept new price{typeof d.newTotalCents === 'number' ? ` (${formatCents(d.newTotalCents)})` : ''}
              <span className="sr-only"> for {title}</span>
            </button>
          )}
          {(soldOut || fix) && (
            <button type="button" className="btn btn-primary btn-small" disabled={busy} aria-expanded={mode === 'pick'} onClick={() => setMode(mode === 'pick' ? 'none' : 'pick')}>
              {fix?.target.kind === 'hotel' ? 'Pick other dates or another room' : fix?.target.kind === 'car' ? 'Pick other days or another car' : 'Pick another flight'}
              <span className="sr-only"> for {title}</span>
            </button>
          )}
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void act('retry')}>Retry<span className="sr-only"> {title}</span></button>
          <button type="button" className="btn btn-small" disabled={busy} aria-expanded={mode === 'edit'} onClick={() => setMode(mode === 'edit' ? 'none' : 'edit')}>
            Edit and retry (advanced)<span className="sr-only"> {title}</span>
          </button>
          <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => setMode(mode === 'discard' ? 'none' : 'discard')}>Discard<span className="sr-only"> {title}</span></button>
        </div>
      </div>
      {price ? (
        <p><strong>{REASON_TEXT.PRICE_CHANGED}:</strong> <span>{price}</span></p>
      ) : item.reason ? (
        <p><strong>{refusedByRateRule(item) ? "The hotel's rule" : (REASON_TEXT[reasonCode] ?? 'Problem')}:</strong> {reasonWords(item.reason)}</p>
      ) : null}
      {dependent && (
        <p className="notice" role="note">Depends on the change above — retry once that one is sent.</p>
      )}
      {mode === 'pick' && soldOut && (
        <PickFlight flightId={soldOut.flightId} seats={soldOut.seats} busy={busy} onPick={pickFlight} onClose={() => setMode('none')} />
      )}
      {mode === 'pick' && fix && (
        <ReplacementPicker target={fix.target} busy={busy} onPick={(o) => void pickAlternative(o)} onClose={() => setMode('none')} />
      )}
      {mode === 'discard' && (
        <form onSubmit={(e) => { e.preventDefault(); void act('discard', { reason: reason.trim() }); }}>
          <label className="field">
            <span>Why discard it? (kept with the record)</span>
            <input value={reason} maxLength={500} required onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" className="btn btn-danger btn-small" disabled={busy || !reason.trim()}>Discard this change</button>
        </form>
      )}
      <details>
        <summary>What was entered</summary>
        {payment && <p>Payment: {payment}</p>}
        <pre className="muted">{JSON.stringify(redactPayload(item.payload), null, 2)}</pre>
      </details>
      {mode === 'edit' && (
        <div>
          <label className="field">
            <span>Input to retry with (JSON)</span>
            <textarea rows={8} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} />
          </label>
          {payment && <p className="muted">The payment ({payment}) is kept as entered.</p>}
          {problem && <p className="error-note" role="alert">{problem}</p>}
          <button type="button" className="btn btn-small" disabled={busy} onClick={submitEdit}>Retry with this input</button>
        </div>
      )}
      <ErrorNote error={error} />
    </li>
  );
}

export function AttentionPage() {
  const a = useAttention();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    void useAttention.getState().load();
    const stopListening = useAttention.getState().listen();
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => {
      stopListening();
      clearInterval(t);
    };
  }, []);
  const holds = useMemo(() => holdIndex(a.inbox ?? [], a.holdsById), [a.inbox, a.holdsById]);
  const lookups: Lookups = { flights: a.flights, customers: a.customers, holds };
  useEffect(() => {
    const flights: number[] = [];
    const customers: number[] = [];
    for (const i of a.inbox ?? []) {
      const ids = idsToLookUp(i.kind, i.payload, holds);
      flights.push(...ids.flights);
      customers.push(...ids.customers);
    }
    for (const h of a.holds ?? []) {
      flights.push(h.flightId);
      if (h.customerId !== null) customers.push(h.customerId);
    }
    void useAttention.getState().ensureFlights(flights);
    void useAttention.getState().ensureCustomers(customers);
  }, [a.inbox, a.holds, holds]);
  const [releaseError, setReleaseError] = useState<unknown>(null);
  const soon = (a.holds ?? []).filter((h) => Date.parse(h.expiresAtUtc) - now < SOON_MS);

  return (
    <section className="page">
      <h1 tabIndex={-1}>Needs attention</h1>

      <Slot name="PriceAlerts" />

      <section aria-labelledby="inbox-title">
        <h2 id="inbox-title">Sync conflicts {a.inbox ? `(${a.inbox.length})` : ''}</h2>
        <ErrorNote error={a.inboxError} onRetry={() => void a.loadInbox()} />
        {a.inbox && a.inbox.length === 0 && <p className="muted">Nothing waiting: every change entered here has reached the servers (or there are none to send).</p>}
        <ul className="plain-list" aria-label="Changes waiting">
          {a.inbox?.map((i) => (i.notice
            ? <NoticeRow key={i.opId} item={i} lookups={lookups} />
            : <InboxRow key={i.opId} item={i} lookups={lookups} dependent={dependsOnAnother(i, a.inbox ?? [])} />))}
        </ul>
      </section>

      <section className="card" aria-labelledby="holds-title">
        <h2 id="holds-title">Holds expiring soon</h2>
        <ErrorNote error={a.holdsError} onRetry={() => void a.loadHolds()} />
        <ErrorNote error={releaseError} />
        {a.holds && a.holds.length === 0 && <p className="muted">No active seat holds.</p>}
        {a.holds && a.holds.length > 0 && soon.length === 0 && <p className="muted">No hold ends in the next {SOON_MS / 60_000} minutes.</p>}
        {a.holds && a.holds.length > 0 && (
          <table className="table">
            <thead><tr><th scope="col">Flight</th><th scope="col">Seats</th><th scope="col">Customer</th><th scope="col">Time left</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {a.holds.map((h) => (
                <tr key={h.holdId}>
                  <td>
                    {flightWords(h.flightId, a.flights)} <ProvisionalBadge show={h.provisional} />{' '}
                    {Date.parse(h.expiresAtUtc) - now < SOON_MS && <span className="badge badge-warn">ending soon</span>}
                  </td>
                  <td>{h.seats}</td>
                  <td>{h.customerId ? <a href={`#/customers/${h.customerId}`} onClick={(e) => { e.preventDefault(); navigate(`/customers/${h.customerId}`); }}>{customerWords(h.customerId, a.customers)}</a> : 'no customer yet'}</td>
                  <td><HoldCountdown expiresAtUtc={h.expiresAtUtc} label="Ends in" /></td>
                  <td>
                    <button type="button" className="btn btn-small" aria-label={`Release the hold on ${flightWords(h.flightId, a.flights)}`}
                      onClick={() => { setReleaseError(null); a.release(h.holdId).catch(setReleaseError); }}>Release</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <ThrottledSignIns />
      <ScheduleChanges />
      <Overbookings />
      <UnsentMessages />
      <RefundsQueue />

      <section className="card" aria-labelledby="payments-title">
        <h2 id="payments-title">Failed payments</h2>
        <ErrorNote error={a.paymentsError} onRetry={() => void a.loadFailedPayments()} />
        {a.failedPayments && a.failedPayments.length === 0 && <p className="muted">No declined payments among recent bookings.</p>}
        {a.failedPayments && a.failedPayments.length > 0 && (
          <table className="table">
            <thead><tr><th scope="col">Booking</th><th scope="col">Customer</th><th scope="col">When</th><th scope="col" className="num">Amount</th><th scope="col">Reason</th></tr></thead>
            <tbody>
              {a.failedPayments.map((b) => {
                const f = b.billing.find((r) => r.status === 'failed');
                return (
                  <tr key={b.id}>
                    <td><a href={`#/bookings/${b.id}`} onClick={(e) => { e.preventDefault(); navigate(`/bookings/${b.id}`); }}><code className="locator">{b.locator}</code></a> <ProvisionalBadge show={b.provisional} /></td>
                    <td>{b.customerName}</td>
                    <td>{formatInstant(f?.atUtc)}</td>
                    <td className="num">{formatCents(f?.amountCents ?? b.totalCents)}</td>
                    <td>{f?.note ?? 'declined'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
