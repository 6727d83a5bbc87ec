import type { Booking, BookingTraveller } from '../../../shared/contract';

const ROLE: Record<BookingTraveller['role'], string> = { passenger: 'Passenger', lead_guest: 'Lead guest', driver: 'Driver' };
const GENDER: Record<string, string> = { female: 'F', male: 'M', unspecified: 'X' };

/**
 * Who travels on each item, as booked. The record is the one place a passport shows in full:
 * the agent reads it back to the customer or to the airline.
 */
export function TravellersPanel({ items }: { items: Booking['items'] }) {
  const named = items.filter((i) => i.travellers.length > 0);
  return (
    <section className="card" aria-labelledby="travellers-title">
      <h2 id="travellers-title">Travellers</h2>
      {named.length === 0 && <p className="muted">No travellers were recorded for this booking.</p>}
      {named.map((i) => (
        <table key={i.id} className="table" aria-label={`Travellers on ${i.label}`}>
          <caption>{i.label}</caption>
          <thead>
            <tr><th scope="col">Role</th><th scope="col">Name</th><th scope="col">Date of birth</th><th scope="col">Gender</th><th scope="col">Known traveller no.</th><th scope="col">Passport</th></tr>
          </thead>
          <tbody>
            {i.travellers.map((t) => (
              <tr key={t.id}>
                <td>{ROLE[t.role]}{t.guestCount !== null ? ` (${t.guestCount} guest${t.guestCount === 1 ? '' : 's'})` : ''}</td>
                <td>{t.givenNames} <strong>{t.familyName}</strong></td>
                <td>{t.dateOfBirth}</td>
                <td>{t.gender ? GENDER[t.gender] : '—'}</td>
                <td>{t.knownTravellerNumber ?? '—'}</td>
                <td>{t.passport ? `${t.passport.number} · ${t.passport.country} · expires ${t.passport.expiry}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
