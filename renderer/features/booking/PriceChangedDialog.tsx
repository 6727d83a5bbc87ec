import { ContractError } from '../../../shared/contract';
import { Dialog } from '../../ui/Dialog';
import { formatCents } from '../../ui/format';

export interface PriceChange {
  oldTotalCents: number;
  newTotalCents: number;
  items: { kind: string; refId: number; label: string; totalCents: number }[];
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Reads PRICE_CHANGED details (`expectedTotalCents`, `newTotalCents`, `items`). */
export function priceChangeOf(err: unknown): PriceChange | null {
  if (!(err instanceof ContractError) || err.code !== 'PRICE_CHANGED') return null;
  const d = (err.details ?? {}) as Record<string, unknown>;
  const oldTotal = num(d.expectedTotalCents) ?? num(d.oldTotalCents);
  const newTotal = num(d.newTotalCents) ?? num(d.actualTotalCents) ?? num(d.totalCents);
  if (oldTotal === null || newTotal === null) return null;
  const items = Array.isArray(d.items) ? (d.items as PriceChange['items']).filter((i) => i && typeof i.totalCents === 'number') : [];
  return { oldTotalCents: oldTotal, newTotalCents: newTotal, items };
}

/** The total moved between quote and booking: show both and let the agent accept the new one. */
export function PriceChangedDialog({ change, busy = false, onAccept, onCancel }: {
  change: PriceChange | null;
  busy?: boolean;
  onAccept: (newTotalCents: number) => void;
  onCancel: () => void;
}) {
  if (!change) return null;
  const diff = change.newTotalCents - change.oldTotalCents;
  const pct = change.oldTotalCents > 0 ? (diff / change.oldTotalCents) * 100 : 0;
  return (
    <Dialog open title="The price has changed" onClose={onCancel}>
      <p>The total changed since it was quoted. Confirm the new total with the customer before booking.</p>
      <dl className="price-compare">
        <div>
          <dt>Quoted total</dt>
          <dd data-testid="old-total"><s>{formatCents(change.oldTotalCents)}</s></dd>
        </div>
        <div>
          <dt>New total</dt>
          <dd data-testid="new-total"><strong>{formatCents(change.newTotalCents)}</strong></dd>
        </div>
        <div>
          <dt>Difference</dt>
          <dd className={diff > 0 ? 'text-bad' : 'text-good'}>
            {diff > 0 ? '+' : diff < 0 ? '−' : ''}{formatCents(Math.abs(diff))} ({pct > 0 ? '+' : ''}{pct.toFixed(1)}%)
          </dd>
        </div>
      </dl>
      {change.items.length > 0 && (
        <table className="table compact">
          <caption className="sr-only">New price per item</caption>
          <thead><tr><th scope="col">Item</th><th scope="col">New price</th></tr></thead>
          <tbody>
            {change.items.map((i) => (
              <tr key={`${i.kind}-${i.refId}`}><td>{i.label}</td><td className="num">{formatCents(i.totalCents)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>Keep the old quote (do not book)</button>
        <button type="button" className="btn btn-primary" onClick={() => onAccept(change.newTotalCents)} disabled={busy}>
          {busy ? 'Booking…' : `Accept ${formatCents(change.newTotalCents)} and book`}
        </button>
      </div>
    </Dialog>
  );
}
