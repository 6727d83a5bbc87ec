import { create } from 'zustand';
import type { BookingTravellerInput } from '../../../shared/contract';
import type { TripLine } from '../../client/tripStore';
import { emptyTraveller, travellerDetails, type TravellerDraft } from '../../ui/TravellerFields';

/** How many travellers a line names: one passenger a seat, one lead guest, one driver. */
export const travellersNeeded = (l: TripLine): number => (l.kind === 'flight' ? l.seats : 1);

export const roleOf = (l: TripLine, i: number): string =>
  l.kind === 'flight' ? `Passenger ${i + 1}` : l.kind === 'hotel' ? 'Lead guest' : 'Driver';

interface DraftsState {
  /** Per trip line (its key): the travellers typed or picked so far. */
  drafts: Record<string, TravellerDraft[]>;
  /** Per stay line: its guests, lead guest included. */
  guests: Record<string, number>;
  setDraft(key: string, index: number, draft: TravellerDraft): void;
  setGuests(key: string, guests: number): void;
  clear(): void;
}

/** The travellers being named for the trip: kept while the agent goes off to add a flight or a car. */
export const useTravellerDrafts = create<DraftsState>((set, get) => ({
  drafts: {},
  guests: {},
  setDraft(key, index, draft) {
    const list = [...(get().drafts[key] ?? [])];
    while (list.length <= index) list.push(emptyTraveller);
    list[index] = draft;
    set({ drafts: { ...get().drafts, [key]: list } });
  },
  setGuests(key, guests) {
    set({ guests: { ...get().guests, [key]: guests } });
  },
  clear() {
    set({ drafts: {}, guests: {} });
  },
}));

export type Named = Map<string, { travellers: BookingTravellerInput[]; guests: number }>;

/** Every line's travellers as bookings.create takes them, or the first missing or wrong field in words. */
export function namedTravellers(lines: TripLine[], title: (l: TripLine) => string): { named: Named } | { problem: string } {
  const { drafts, guests } = useTravellerDrafts.getState();
  const named: Named = new Map();
  for (const l of lines) {
    const travellers: BookingTravellerInput[] = [];
    for (let i = 0; i < travellersNeeded(l); i++) {
      const checked = travellerDetails(drafts[l.key]?.[i] ?? emptyTraveller);
      if ('problem' in checked) return { problem: `${title(l)}, ${roleOf(l, i).toLowerCase()}: ${checked.problem}` };
      travellers.push(checked.details);
    }
    named.set(l.key, { travellers, guests: guests[l.key] ?? 1 });
  }
  return { named };
}
