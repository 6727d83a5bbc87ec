import { useState, type FormEvent } from 'react';
import type { Customer, Watch, WatchTarget } from '../../../shared/contract';
import { navigate } from '../../client/router';
import type { WatchDialogProps, WatchDraft } from '../../client/slots';
import { useTrip } from '../../client/tripStore';
import { CustomerPicker } from '../../ui/CustomerPicker';
import { Dialog } from '../../ui/Dialog';
import { ErrorNote } from '../../ui/ErrorNote';
import { formatCents, formatDay, parseDollars } from '../../ui/format';
import { conditionWords, targetWords } from './watchText';
import { createWatch } from './watchesStore';

const UNIT: Record<WatchDraft['kind'], string> = { route: 'per seat', hotel: 'per night', car: 'per day' };

/**
 * "Watch price": tell the agent (in Needs attention) when a price within the dates falls to or
 * under a line, or when the listing has room again — for one customer.
 */
export function WatchDialog({ draft, onClose, customer: given }: WatchDialogProps) {
  const [customer, setCustomer] = useState<Customer | null>(() => given ?? useTrip.getState().customer);
  const [picking, setPicking] = useState(false);
  const [from, setFrom] = useState(draft.kind === 'route' ? draft.from : '');
  const [to, setTo] = useState(draft.kind === 'route' ? draft.to : '');
  const [dateFrom, setDateFrom] = useState(draft.dateFrom);
  const [dateTo, setDateTo] = useState(draft.dateTo);
  const [condition, setCondition] = useState<'price_below' | 'available'>('price_below');
  const [price, setPrice] = useState(draft.kind !== 'route' && draft.priceHint && Number.isFinite(draft.priceHint) ? (draft.priceHint / 100).toFixed(2) : '');
  const [notifyCustomer, setNotifyCustomer] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<Watch | null>(null);
  const name = draft.kind === 'route' ? undefined : draft.name;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!customer) return setProblem('Choose the customer the watch is for.');
    let target: WatchTarget;
    if (draft.kind === 'route') {
      const f = from.trim().toUpperCase();
      const t = to.trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(f) || !/^[A-Z]{3}$/.test(t)) return setProblem('From and To: three-letter airport codes, such as JFK.');
      if (f === t) return setProblem('The route must end somewhere else than it starts.');
      target = { kind: 'route', from: f, to: t, dateFrom, dateTo };
    } else if (draft.kind === 'hotel') target = { kind: 'hotel', hotelId: draft.hotelId, dateFrom, dateTo };
    else target = { kind: 'car', carId: draft.carId, dateFrom, dateTo };
    if (!dateFrom || !dateTo || dateTo < dateFrom) return setProblem('The last day must not be before the first.');
    let cents: number | null = null;
    if (condition === 'price_below') {
      cents = parseDollars(price);
      if (cents === null || cents <= 0) return setProblem('Price: an amount in dollars, such as 199 or 199.50.');
    }
    setProblem(null);
    setBusy(true);
    setError(null);
    try {
      const w = await createWatch({
        customerId: customer.id, target,
        condition: cents === null ? { kind: 'available' } : { kind: 'price_below', priceCents: cents },
        notifyCustomer,
      });
      setMade(w);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const title = draft.kind === 'route' ? 'Watch a route' : `Watch ${draft.name}`;
  return (
    <Dialog open title={title} onClose={onClose} className="watch-dialog">
      {made ? (
        <div role="status">
          {made.status === 'triggered' && made.hit ? (
            <p className="notice">
              Already there: {made.hit.label} on {formatDay(made.hit.day)} is {formatCents(made.hit.priceCents)} now. The alert is in Needs attention.
            </p>
          ) : (
            <p className="notice">
              Watch set for {customer?.firstName} {customer?.lastName}: {targetWords(made.target, name)}, {conditionWords(made.condition)}.
              Needs attention will show it when it happens{made.notifyCustomer ? ', and the customer is emailed' : ''}.
            </p>
          )}
          <div className="dialog-actions">
            {made.status === 'triggered' && (
              <button type="button" className="btn" onClick={() => { onClose(); navigate('/attention'); }}>Open Needs attention</button>
            )}
            <button type="button" className="btn btn-primary" data-autofocus onClick={onClose}>Done</button>
          </div>
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)} aria-label={title}>
          <fieldset>
            <legend>Customer</legend>
            {customer && !picking ? (
              <p className="row">
                <span><strong>{customer.firstName} {customer.lastName}</strong> <span className="muted">{customer.email}</span></span>
                <button type="button" className="btn btn-small" onClick={() => setPicking(true)}>Change customer</button>
              </p>
            ) : (
              <CustomerPicker onPick={(c) => { setCustomer(c); setPicking(false); }} />
            )}
          </fieldset>
          <fieldset>
            <legend>What to watch</legend>
            {draft.kind === 'route' ? (
              <div className="row">
                <label className="field field-narrow">
                  <span>From (airport code)</span>
                  <input name="watchFrom" value={from} maxLength={3} required autoComplete="off" spellCheck={false} onChange={(e) => setFrom(e.target.value.toUpperCase())} />
                </label>
                <label className="field field-narrow">
                  <span>To (airport code)</span>
                  <input name="watchTo" value={to} maxLength={3} required autoComplete="off" spellCheck={false} onChange={(e) => setTo(e.target.value.toUpperCase())} />
                </label>
              </div>
            ) : (
              <p><strong>{draft.name}</strong></p>
            )}
            <div className="row">
              <label className="field">
                <span>{draft.kind === 'route' ? 'Departing from' : draft.kind === 'hotel' ? 'Nights from' : 'Days from'}</span>
                <input type="date" name="watchDateFrom" required value={dateFrom} onChange={(e) => setDateFrom(e.target.value)} />
              </label>
              <label className="field">
                <span>{draft.kind === 'route' ? 'Departing until' : 'Until'}</span>
                <input type="date" name="watchDateTo" required value={dateTo} min={dateFrom} onChange={(e) => setDateTo(e.target.value)} />
              </label>
            </div>
          </fieldset>
          <fieldset>
            <legend>Tell me when</legend>
            <label className="radio">
              <input type="radio" name="watchCondition" value="price_below" checked={condition === 'price_below'} onChange={() => setCondition('price_below')} />
              <span>The price is at or under</span>
            </label>
            <label className="field field-narrow watch-price">
              <span>Price in dollars ({UNIT[draft.kind]})</span>
              <input name="watchPrice" inputMode="decimal" value={price} disabled={condition !== 'price_below'} required={condition === 'price_below'}
                onChange={(e) => setPrice(e.target.value)} />
            </label>
            <label className="radio">
              <input type="radio" name="watchCondition" value="available" checked={condition === 'available'} onChange={() => setCondition('available')} />
              <span>{draft.kind === 'route' ? 'Seats are available' : draft.kind === 'hotel' ? 'Rooms are available' : 'The car is available'}</span>
            </label>
            <label className="checkbox">
              <input type="checkbox" name="watchNotifyCustomer" checked={notifyCustomer} onChange={(e) => setNotifyCustomer(e.target.checked)} />
              <span>Also email the customer{customer ? ` (${customer.email})` : ''} when it happens</span>
            </label>
          </fieldset>
          {problem && <p className="error-note" role="alert">{problem}</p>}
          <ErrorNote error={error} />
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>Cancel</button>
            <button type="submit" className="btn btn-primary" disabled={busy || !customer}>{busy ? 'Saving…' : 'Set watch'}</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
