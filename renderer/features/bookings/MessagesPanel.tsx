import { useEffect, useState } from 'react';
import type { Booking, Message } from '../../../shared/contract';
import { useMessages } from '../../client/messagesStore';
import { Badge, ProvisionalBadge } from '../../ui/Badge';
import { ErrorNote } from '../../ui/ErrorNote';
import { EmailDialog } from './EmailDialog';
import { localTime } from './localTime';

const EMPTY: Message[] = [];
const KIND_WORDS: Record<Message['kind'], string> = { itinerary: 'Itinerary', confirmation: 'Confirmation', cancellation: 'Cancellation', watch: 'Price alert' };

export function MessageState({ m }: { m: Message }) {
  if (m.state === 'sent') return <Badge tone="good">sent</Badge>;
  if (m.state === 'failed') return <Badge tone="bad" title={m.failureReason ?? undefined}>not sent</Badge>;
  if (m.state === 'discarded') return <Badge tone="neutral">discarded</Badge>;
  return <Badge tone="warn" title={m.provisional ? 'Sent once TripDesk syncs with the servers.' : undefined}>queued</Badge>;
}

/** The booking's emails (messages.list) with an "Email itinerary…" button; each row says what became of it. */
export function MessagesPanel({ booking }: { booking: Booking }) {
  const list = useMessages((s) => s.byBooking[booking.id] ?? EMPTY);
  const load = useMessages((s) => s.load);
  const [emailing, setEmailing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    load(booking.id).catch(setError);
  }, [booking.id, load]);

  return (
    <section className="card no-print" aria-labelledby="messages-title">
      <h2 id="messages-title">Messages</h2>
      <div className="row">
        <button type="button" className="btn" onClick={() => setEmailing(true)} disabled={booking.status === 'payment_failed'}>Email itinerary…</button>
      </div>
      {notice && <p className="notice" role="status">{notice}</p>}
      <ErrorNote error={error} onRetry={() => { setError(null); load(booking.id).catch(setError); }} />
      {list.length === 0 ? <p className="muted">No emails sent for this booking.</p> : (
        <table className="table" aria-label="Emails for this booking">
          <thead>
            <tr><th scope="col">When</th><th scope="col">What</th><th scope="col">To</th><th scope="col">State</th><th scope="col">Message-ID</th></tr>
          </thead>
          <tbody>
            {list.map((m) => (
              <tr key={m.id}>
                <td><time dateTime={m.createdAtUtc}>{localTime(m.createdAtUtc)}</time></td>
                <td>{KIND_WORDS[m.kind]}<br /><span className="muted">{m.subject}</span></td>
                <td>{m.to}</td>
                <td>
                  <MessageState m={m} /> <ProvisionalBadge show={m.provisional} />
                  {m.state === 'failed' && m.failureReason && <><br /><span className="muted">{m.failureReason}</span></>}
                </td>
                <td><code>{m.messageId}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {emailing && (
        <EmailDialog
          booking={booking}
          onClose={() => setEmailing(false)}
          onSent={(m) => {
            setEmailing(false);
            setNotice(m.state === 'sent' ? `Emailed the itinerary to ${m.to}.`
              : m.state === 'queued' ? `Queued: the itinerary goes to ${m.to} once TripDesk syncs.`
                : `Not sent: ${m.failureReason ?? 'the SMTP server did not take it'}. It waits in Needs attention.`);
          }}
        />
      )}
    </section>
  );
}
