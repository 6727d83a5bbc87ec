import type { Booking } from '../../../shared/contract';

/** The locator the customer quotes, and who booked it where: facts for the record's list (a <dl>). */
export function BookingOrigin({ booking: b }: { booking: Booking }) {
  const how = b.madeOffline ? (b.provisional ? 'made offline, not yet synced' : 'made offline, synced') : null;
  return (
    <>
      <div><dt>Record locator</dt><dd><code className="locator" data-testid="booking-locator">{b.locator}</code></dd></div>
      <div>
        <dt>Booked by</dt>
        <dd data-testid="booked-by">
          {b.createdByName ?? 'no operator recorded'}
          {b.bookedOn ? ` on ${b.bookedOn}` : ''}
          {how ? ` (${how})` : ''}
        </dd>
      </div>
    </>
  );
}
