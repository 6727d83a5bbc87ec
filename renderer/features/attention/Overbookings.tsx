import { useCallback, useEffect, useState } from 'react';
import type { ChannelInput, MoveOption, OverbookedItem, ResolutionOutcome, Shortfall } from '../../../shared/contract';
import { call, createAction } from '../../client/contractClient';
import { navigate } from '../../client/router';
import { useSession } from '../../client/sessionStore';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatDay, formatInstant } from '../../ui/format';
import { failureOf, optionWords, outcomeWords, shortfallWords } from './overbookingText';

const resolveAction = createAction();
type Resolution = ChannelInput<'overbookings.resolve'>['items'][number];

/** The picker for one row's Move: the options load when it opens, each priced as the move would be. */
function MovePicker({ item, onMove, busy }: { item: OverbookedItem; onMove: (o: MoveOption) => void; busy: boolean }) {
  const [options, setOptions] = useState<MoveOption[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [chosen, setChosen] = useState(0);
  useEffect(() => { call('overbookings.moveOptions', { itemId: item.itemId }).then(setOptions, setError); }, [item.itemId]);
  const option = options?.[chosen];
  return (
    <div className="row">
      <ErrorNote error={error} />
      {options?.length === 0 && <span className="muted">Nothing free to move to; cancel with a refund instead.</span>}
      {options && options.length > 0 && (
        <>
          <label className="field">
            <span>Move {item.locator} to</span>
            <select value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
              {options.map((o, i) => <option key={i} value={i}>{optionWords(o)}</option>)}
            </select>
          </label>
          <button type="button" className="btn btn-primary btn-small" disabled={busy || !option} onClick={() => option && onMove(option)}>Move here</button>
        </>
      )}
    </div>
  );
}

/**
 * Needs attention → Overbooked (supervisors): every flight, room type and car with more booked
 * than it carries, with its bookings. Each row is moved (another flight, room type or car, the fare
 * difference charged or refunded, no change fee) or cancelled with a full refund, one by one or the
 * ticked ones together; each gets its own outcome, and a resolved booking leaves the list.
 */
export function Overbookings() {
  const isSupervisor = useSession((s) => s.can('supervisor'));
  const [shortfalls, setShortfalls] = useState<Shortfall[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState('Overbooked');
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const [moving, setMoving] = useState<number | null>(null);
  const [bulkMove, setBulkMove] = useState<OverbookedItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<string[]>([]);
  const [failed, setFailed] = useState<Record<number, string>>({});

  const load = useCallback(() => { call('overbookings.list', {}).then(setShortfalls, setError); }, []);
  useEffect(() => { if (isSupervisor) load(); }, [isSupervisor, load]);
  if (!isSupervisor) return null;

  const every = (shortfalls ?? []).flatMap((s) => s.items);
  const locatorOf = (itemId: number) => every.find((i) => i.itemId === itemId)?.locator ?? `item ${itemId}`;
  const toggle = (itemId: number) => setTicked((t) => {
    const next = new Set(t);
    if (next.has(itemId)) next.delete(itemId); else next.add(itemId);
    return next;
  });

  const resolve = async (items: Resolution[]) => {
    setBusy(true);
    setError(null);
    try {
      const res = await resolveAction.run('overbookings.resolve', { items, reason: reason.trim() });
      setOutcomes((prior) => [...res.outcomes.map((o: ResolutionOutcome) => outcomeWords(o, locatorOf)), ...prior].slice(0, 50));
      setFailed(Object.fromEntries(res.outcomes.filter((o) => !o.ok).map((o) => [o.itemId, o.ok ? '' : o.error.message])));
      setTicked(new Set());
      setMoving(null);
      setBulkMove(null);
      load();
    } catch (err) {
      setError(err);
      setOutcomes((prior) => [`Nothing resolved: ${failureOf(err)}`, ...prior]);
    } finally {
      setBusy(false);
    }
  };
  const move = (item: OverbookedItem, o: MoveOption) => resolve([{ itemId: item.itemId, action: 'move', to: o.to, expectedDifferenceCents: o.differenceCents }]);
  const cancel = (itemIds: number[]) => resolve(itemIds.map((itemId) => ({ itemId, action: 'cancel' as const })));
  // Every ticked row to the one place picked for the first: a row it does not fit answers for itself.
  const moveTicked = (o: MoveOption) => resolve([...ticked].map((itemId) => ({ itemId, action: 'move' as const, to: o.to })));
  const noReason = reason.trim().length < 3;

  return (
    <section className="card" aria-labelledby="overbooked-title">
      <h2 id="overbooked-title">Overbooked {shortfalls ? `(${shortfalls.length})` : ''}</h2>
      <ErrorNote error={error} onRetry={load} />
      {shortfalls?.length === 0 && <p className="muted">Nothing is overbooked: every flight, room and car carries what is booked on it.</p>}
      {shortfalls && shortfalls.length > 0 && (
        <>
          <div className="row">
            <label className="field">
              <span>Reason (goes on each booking’s history)</span>
              <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="button" className="btn" disabled={busy || noReason || ticked.size === 0} onClick={() => void cancel([...ticked])}>
              Cancel {ticked.size || ''} selected with refund
            </button>
            <button type="button" className="btn" disabled={busy || noReason || ticked.size === 0}
              onClick={() => setBulkMove(every.find((i) => ticked.has(i.itemId)) ?? null)}>
              Move {ticked.size || ''} selected…
            </button>
          </div>
          {bulkMove && <MovePicker item={bulkMove} busy={busy || noReason} onMove={(o) => void moveTicked(o)} />}
        </>
      )}
      <ul className="plain-list" aria-label="Overbooked inventory">
        {(shortfalls ?? []).map((s) => (
          <li key={s.key} className="card" aria-label={s.label}>
            <p>
              <strong>{s.label}</strong> · {s.kind === 'flight' ? formatInstant(s.startUtc) : `from ${formatDay(s.startUtc)}`}
              {s.reason === 'offSale' && <> <span className="badge badge-warn">off sale</span></>}
            </p>
            <p>{shortfallWords(s)}</p>
            {s.openedByName && <p className="muted">Capacity set by {s.openedByName} on {formatInstant(s.openedAtUtc)}</p>}
            <table className="table">
              <thead>
                <tr>
                  <th scope="col"><span className="sr-only">Select</span></th><th scope="col">Booking</th><th scope="col">Customer</th>
                  <th scope="col">Travellers</th><th scope="col">Booked</th><th scope="col" className="num">Paid</th><th scope="col"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {s.items.map((i) => (
                  <tr key={i.itemId} aria-label={`${i.locator} on ${s.label}`}>
                    <td><input type="checkbox" aria-label={`Select ${i.locator}`} checked={ticked.has(i.itemId)} onChange={() => toggle(i.itemId)} /></td>
                    <td><a href={`#/bookings/${i.bookingId}`} onClick={(e) => { e.preventDefault(); navigate(`/bookings/${i.bookingId}`); }}><code className="locator">{i.locator}</code></a></td>
                    <td>{i.customerName}<br /><span className="muted">{i.customerEmail}</span></td>
                    <td>{i.travellers.join(', ') || '—'}</td>
                    <td>{i.label}{i.quantity > 1 ? ` × ${i.quantity}` : ''}</td>
                    <td className="num">{formatCents(i.totalCents)}</td>
                    <td>
                      <div className="row">
                        <button type="button" className="btn btn-small" disabled={busy} aria-label={`Move ${i.locator}`}
                          onClick={() => setMoving(moving === i.itemId ? null : i.itemId)}>Move…</button>
                        <button type="button" className="btn btn-small" disabled={busy || noReason} aria-label={`Cancel with refund ${i.locator}`}
                          onClick={() => void cancel([i.itemId])}>Cancel with refund</button>
                      </div>
                      {moving === i.itemId && <MovePicker item={i} busy={busy || noReason} onMove={(o) => void move(i, o)} />}
                      {failed[i.itemId] && <p className="error-note" role="alert">{failed[i.itemId]}</p>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ul>
      {outcomes.length > 0 && (
        <>
          <h3>Outcomes</h3>
          <ul className="list" aria-label="Overbooking outcomes">{outcomes.map((o, n) => <li key={n}>{o}</li>)}</ul>
        </>
      )}
    </section>
  );
}
