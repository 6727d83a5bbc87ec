import { create } from 'zustand';
import type {
  Booking, BookingTravellerInput, ChannelInput, ChannelName, ChannelOutput, FlightOffer, TripOption,
} from '../../shared/contract';
import { call, createAction } from './contractClient';
import { useTrip, type FlightLine } from './tripStore';

/** How the store reaches the core: `call` in the app; a test core's `ok` in the engine suite. */
export type Caller = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

export interface HeldSegment { flight: FlightOffer; holdId: string; expiresAtUtc: string; totalCents: number; provisional: boolean }

export const segmentsOf = (option: TripOption): FlightOffer[] => option.legs.flatMap((l) => l.segments);

/**
 * Holds every segment of a trip option for the same seats, or none: a segment that cannot be held
 * (SOLD_OUT, departed…) releases the holds already taken and its error is the answer.
 *
 * Why holds.create per segment rather than a `trips.hold` mutation: each hold is then the hold the
 * rest of TripDesk knows (its token is its opId, so offline queueing, replay, Needs attention and
 * the sweeper treat it as any other), and bookings.create already books every item or none in one
 * transaction. What a trip adds is only the release of its first holds when a later one fails;
 * when even that release cannot get through, the sweeper gives the seats back at expiry.
 */
export async function holdOption(invoke: Caller, option: TripOption, seats: number, customerId?: number): Promise<HeldSegment[]> {
  const held: HeldSegment[] = [];
  try {
    for (const flight of segmentsOf(option)) {
      const r = await invoke('holds.create', customerId === undefined ? { flightId: flight.id, seats } : { flightId: flight.id, seats, customerId });
      held.push({ flight, holdId: r.holdId, expiresAtUtc: r.expiresAtUtc, totalCents: r.priceCents, provisional: r.provisional });
    }
  } catch (err) {
    await Promise.allSettled(held.map((h) => invoke('holds.release', { holdId: h.holdId })));
    throw err;
  }
  return held;
}

export type TripPayment = ChannelInput<'bookings.create'>['payment'];

/** Books held segments as one booking: one flight item a segment, the same travellers on each. */
export function bookHeld(invoke: Caller, input: {
  customerId: number; held: Pick<HeldSegment, 'holdId' | 'totalCents'>[]; travellers: BookingTravellerInput[]; payment: TripPayment; opId?: string;
}): Promise<Booking> {
  return invoke('bookings.create', {
    customerId: input.customerId,
    items: input.held.map((h) => ({ kind: 'flight' as const, holdId: h.holdId, travellers: input.travellers })),
    payment: input.payment,
    expectedTotalCents: input.held.reduce((sum, h) => sum + h.totalCents, 0),
    ...(input.opId ? { opId: input.opId } : {}),
  });
}

export interface TripLegDraft { from: string; to: string; date: string }
export type TripSearchInput = ChannelInput<'trips.search'>;

interface TripSearchState {
  input: TripSearchInput | null;
  options: TripOption[];
  /** Answered offline from a copy whose download stopped before the flights. */
  incomplete: boolean;
  loading: boolean;
  error: unknown;
  /** Which query the options answer: a slower earlier search never overwrites a later one. */
  seq: number;
  search(input: TripSearchInput): Promise<TripOption[]>;
  /** Holds the option for the booking's customer and puts its segments in the booking being made. */
  hold(option: TripOption, seats: number): Promise<HeldSegment[]>;
  /** The held trip's segments as booked together (the command line's last step). */
  book(input: { customerId: number; held: HeldSegment[]; travellers: BookingTravellerInput[]; payment: TripPayment }): Promise<Booking>;
  clear(): void;
}

let keySeq = 0;
const holdAction = createAction();
const bookAction = createAction();

/** Runs every mutation of one user action through that action's opId memory (see createAction). */
const through = (action: ReturnType<typeof createAction>): Caller => (channel, input) => action.run(channel, input);

/** Whole-trip search (trips.search): the Trip tab of the search page and the command line share it. */
export const useTripSearch = create<TripSearchState>((set, get) => ({
  input: null,
  options: [],
  incomplete: false,
  loading: false,
  error: null,
  seq: 0,

  async search(input) {
    const seq = get().seq + 1;
    set({ input, loading: true, error: null, seq });
    try {
      const { options, incomplete } = await call('trips.search', input);
      if (get().seq === seq) set({ options, incomplete: incomplete === true, loading: false });
      return options;
    } catch (error) {
      if (get().seq === seq) set({ options: [], incomplete: false, loading: false, error });
      throw error;
    }
  },

  async hold(option, seats) {
    const customerId = useTrip.getState().customer?.id;
    const held = await holdOption(through(holdAction), option, seats, customerId);
    const lines: FlightLine[] = held.map((h) => ({
      key: `flight-trip-${Date.now()}-${++keySeq}`, kind: 'flight', flight: h.flight, seats, holdId: h.holdId,
      expiresAtUtc: h.expiresAtUtc, totalCents: h.totalCents, provisional: h.provisional, expired: false,
    }));
    useTrip.setState({ items: [...useTrip.getState().items, ...lines] });
    return held;
  },

  async book(input) {
    const booking = await bookHeld(through(bookAction), input);
    if (booking.status !== 'payment_failed') {
      const booked = new Set(input.held.map((h) => h.holdId));
      const rest = useTrip.getState().items.filter((i) => !(i.kind === 'flight' && booked.has(i.holdId)));
      useTrip.setState(rest.length === 0 ? { items: [], customer: null } : { items: rest });
    }
    return booking;
  },

  clear() {
    set({ input: null, options: [], incomplete: false, loading: false, error: null, seq: get().seq + 1 });
  },
}));
