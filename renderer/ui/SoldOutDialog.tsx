import { Dialog } from './Dialog';
import { formatCents } from './format';

export interface Alternative {
  key: string;
  label: string;
  price: number;
  pick: () => void;
}

/** SOLD_OUT: say so, and offer the closest other results of the same search. */
export function SoldOutDialog({ title, message, alternatives, onClose, pickLabel = 'Choose' }: {
  title: string;
  message: string;
  alternatives: Alternative[];
  onClose: () => void;
  pickLabel?: string;
}) {
  return (
    <Dialog open title={title} onClose={onClose}>
      <p>{message}</p>
      {alternatives.length > 0 ? (
        <>
          <h3>Alternatives from the same search</h3>
          <ul className="alt-list">
            {alternatives.map((a) => (
              <li key={a.key}>
                <span>{a.label}</span>
                <span className="num">{formatCents(a.price)}</span>
                <button type="button" className="btn btn-small btn-primary" aria-label={`${pickLabel}: ${a.label}`} onClick={() => { onClose(); a.pick(); }}>
                  {pickLabel}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">No other result of this search fits. Search again with other dates or places.</p>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>Close</button>
      </div>
    </Dialog>
  );
}
