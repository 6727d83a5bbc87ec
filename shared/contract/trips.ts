import { z } from 'zod';
import { FlightOffer } from './domain';
import { Cents, CopyIncomplete, Iata, IsoDate, UtcInstant } from './primitives';
import { query } from './spec';

/** A connection is bookable from 45 minutes to 6 hours on the ground (UTC instants, so zones and clock changes cannot fool it). */
export const MIN_CONNECTION_MINUTES = 45;
export const MAX_CONNECTION_MINUTES = 6 * 60;
/** Options a search answers at most: the cheapest, by total. */
export const MAX_TRIP_OPTIONS = 50;

/** One leg of a trip: from, to, and the local departure date at the origin (as `flights.search` reads `date`). */
export const TripLegInput = z.object({ from: Iata, to: Iata, date: IsoDate })
  .refine((l) => l.from !== l.to, { message: 'a leg goes somewhere else', path: ['to'] });

export const TripSearchInput = z.object({
  /** One leg, two for a round trip, up to four for a multi-city trip; the dates may not go back. */
  legs: z.array(TripLegInput).min(1).max(4),
  passengers: z.number().int().min(1).max(9).default(1),
  /** 0: nonstop only; 1: also one connection at one airport. */
  maxStops: z.union([z.literal(0), z.literal(1)]).default(1),
  limit: z.number().int().min(1).max(MAX_TRIP_OPTIONS).default(MAX_TRIP_OPTIONS),
});

export const TripConnection = z.object({
  airport: Iata,
  /** Time on the ground, from the inbound arrival to the outbound departure. */
  minutes: z.number().int(),
});

/** How one leg is flown: one flight, or two with a connection between them. */
export const TripLegOption = z.object({
  segments: z.array(FlightOffer).min(1).max(2),
  connections: z.array(TripConnection).max(1),
  departUtc: UtcInstant,
  arriveUtc: UtcInstant,
  durationMinutes: z.number().int(),
  /** For every passenger. */
  priceCents: Cents,
});
export type TripLegOption = z.infer<typeof TripLegOption>;

export const TripOption = z.object({
  /** The flights' ids, legs apart: `12-34/56`. */
  key: z.string(),
  legs: z.array(TripLegOption).min(1).max(4),
  /** Every segment's fare for every passenger. */
  totalCents: Cents,
});
export type TripOption = z.infer<typeof TripOption>;

export const TripChannels = {
  /**
   * Whole trips: for each leg its nonstop flights and (maxStops 1) one-stop connections, then the
   * legs paired (each leg leaving at least 45 minutes after the one before lands), cheapest total first.
   */
  'trips.search': query('agent', TripSearchInput, z.object({ options: z.array(TripOption), passengers: z.number().int(), ...CopyIncomplete })),
};
