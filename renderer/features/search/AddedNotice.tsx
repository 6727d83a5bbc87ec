import { navigate } from '../../client/router';

/** What a search result's Add or Hold put in the trip, with the way on to the booking. */
export function AddedNotice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="notice" role="status">
      {text}{' '}
      <button type="button" className="link" onClick={() => navigate('/book')}>Continue to booking</button>
    </p>
  );
}
