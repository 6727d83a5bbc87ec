import { useEffect } from 'react';
import type { TripLine } from '../../client/tripStore';
import { useSavedTravellers } from '../../client/travellersStore';
import { emptyTraveller, TravellerFields } from '../../ui/TravellerFields';
import { passengersFrom, roleOf, travellersNeeded, useTravellerDrafts } from './travellerDrafts';

/**
 * Who travels on each line: a passenger a seat, a stay's lead guest (and how many guests in all),
 * a car's driver. Each can be picked from the customer's saved travellers or typed in.
 */
export function TravellersStep({ lines, customerId, title }: { lines: TripLine[]; customerId: number | null; title: (l: TripLine) => string }) {
  const drafts = useTravellerDrafts();
  const saved = useSavedTravellers((s) => (customerId === null ? undefined : s.byCustomer[customerId]));
  useEffect(() => {
    if (customerId !== null) void useSavedTravellers.getState().load(customerId);
  }, [customerId]);

  if (lines.length === 0) return <p className="muted">Add a flight, stay or car first.</p>;
  return (
    <div className="travellers-step">
      {lines.map((l) => {
        const from = passengersFrom(lines, l, drafts.separate);
        const following = l.kind === 'flight' && (from !== null || drafts.separate[l.key] === true);
        return (
        <section key={l.key} aria-label={`Travellers for ${title(l)}`} className="traveller-line">
          <h3>{title(l)}</h3>
          {following && (
            <label className="checkbox">
              <input type="checkbox" checked={from !== null} onChange={(e) => drafts.setSeparate(l.key, !e.target.checked)} />
              <span>Same passengers as an earlier flight of this trip{from ? ` (${title(from)})` : ''}</span>
            </label>
          )}
          {l.kind === 'hotel' && (
            <label className="field field-narrow">
              <span>Guests in all</span>
              <input name="guests" type="number" min={1} max={40} value={drafts.guests[l.key] ?? 1}
                onChange={(e) => drafts.setGuests(l.key, Math.max(1, Number(e.target.value) || 1))} />
            </label>
          )}
          {from === null && Array.from({ length: travellersNeeded(l) }, (_, i) => (
            <TravellerFields key={i} legend={`${roleOf(l, i)}, ${title(l)}`} saved={saved ?? []}
              draft={drafts.drafts[l.key]?.[i] ?? emptyTraveller} onChange={(d) => drafts.setDraft(l.key, i, d)} />
          ))}
        </section>
        );
      })}
    </div>
  );
}
