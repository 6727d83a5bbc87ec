import { create } from 'zustand';
import type { BookingTravellerInput } from '../../../shared/contract';
import type { TripLine } from '../../client/tripStore';
import { emptyTraveller, travellerDetails, type TravellerDraft } from '../../ui/TravellerFields';

/** How many travellers a line names: one passenger a seat, one lead guest, one driver. */
export const travellersNeeded = (l: TripLine): number => (l.kind === 'flight' ? l.seats : 1);

export const roleOf = (l: TripLine, i: number): string =>
  l.kind === 'flight' ? `Passenger ${i + 1}` : l.kind === 'hotel' ? 'Lead guest' : 'Driver';

/**
 * The earlier flight whose passengers this flight carries: the segments of one journey (a
 * connection, a round trip) fly the same people, so they are named once. Only for a flight with the
 * same number of seats, and unless the agent chose to name this one's passengers separately.
 */
export function passengersFrom(lines: TripLine[], l: TripLine, separate: Record<string, boolean>): TripLine | null {
  if (l.kind !== 'flight' || separate[l.key]) return null;
  const earlier = lines.slice(0, lines.indexOf(l));
  return earlier.find((e) => e.kind === 'flight' && e.seats === l.seats && !passengersFrom(lines, e, separate)) ?? null;
}

interface DraftsState {
  /** Per trip line (its key): the travellers typed or picked so far. */
  drafts: Record<string, TravellerDraft[]>;
  /** Flights whose passengers the agent names separately from an earlier flight's. */
  separate: Record<string, boolean>;
  /** Per stay line: its guests, lead guest included. */
  guests: Record<string, number>;
  setDraft(key: string, index: number, draft: TravellerDraft): void;
  setGuests(key: string, guests: number): void;
  setSeparate(key: string, separate: boolean): void;
  clear(): void;
}

/** The travellers being named for the trip: kept while the agent goes off to add a flight or a car. */
export const useTravellerDrafts = create<DraftsState>((set, get) => ({
  drafts: {},
  guests: {},
  separate: {},
  setDraft(key, index, draft) {
    const list = [...(get().drafts[key] ?? [])];
    while (list.length <= index) list.push(emptyTraveller);
    list[index] = draft;
    set({ drafts: { ...get().drafts, [key]: list } });
  },
  setGuests(key, guests) {
    set({ guests: { ...get().guests, [key]: guests } });
  },
  setSeparate(key, separate) {
    set({ separate: { ...get().separate, [key]: separate } });
  },
  clear() {
    set({ drafts: {}, guests: {}, separate: {} });
  },
}));

export type Named = Map<string, { travellers: BookingTravellerInput[]; guests: number }>;

/** Every line's travellers as bookings.create takes them, or the first missing or wrong field in words. */
export function namedTravellers(lines: TripLine[], title: (l: TripLine) => string): { named: Named } | { problem: string } {
  const { drafts, guests, separate } = useTravellerDrafts.getState();
  const named: Named = new Map();
  for (const l of lines) {
    const travellers: BookingTravellerInput[] = [];
    const from = passengersFrom(lines, l, separate) ?? l;
    for (let i = 0; i < travellersNeeded(l); i++) {
      const checked = travellerDetails(drafts[from.key]?.[i] ?? emptyTraveller);
      if ('problem' in checked) return { problem: `${title(from)}, ${roleOf(l, i).toLowerCase()}: ${checked.problem}` };
      travellers.push(checked.details);
    }
    named.set(l.key, { travellers, guests: guests[l.key] ?? 1 });
  }
  return { named };
}
