import { useEffect, useState } from 'react';
import type { Booking, Message } from '../../../shared/contract';
import { useMessages } from '../../client/messagesStore';
import { Dialog } from '../../ui/Dialog';
import { ErrorNote } from '../../ui/ErrorNote';

/**
 * Email the itinerary PDF: to the customer's address on file unless the agent types another.
 * Offline the message is queued and goes after the next sync; the Messages card says which.
 */
export function EmailDialog({ booking, onClose, onSent }: { booking: Booking; onClose: () => void; onSent: (m: Message) => void }) {
  const { customerEmail, sendItinerary } = useMessages.getState();
  const [to, setTo] = useState('');
  const [onFile, setOnFile] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    customerEmail(booking.customerId).then((email) => {
      if (!live) return;
      setOnFile(email);
      setTo((t) => t || email);
    }, () => undefined);
    return () => { live = false; };
  }, [booking.customerId, customerEmail]);

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const address = to.trim();
      onSent(await sendItinerary(booking.id, address && address !== onFile ? address : null));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open title={`Email the itinerary of ${booking.locator}`} onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); void send(); }}>
        <label className="field">
          <span>To</span>
          <input type="email" required maxLength={190} value={to} onChange={(e) => setTo(e.target.value)} data-autofocus />
        </label>
        <p className="muted">The itinerary goes as a PDF attachment{onFile ? `; the customer's address on file is ${onFile}` : ''}.</p>
        <ErrorNote error={error} />
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={busy || !to.trim()} aria-busy={busy}>{busy ? 'Sending…' : 'Send email'}</button>
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
