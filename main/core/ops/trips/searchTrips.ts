import { ContractError, MIN_CONNECTION_MINUTES, type TripLegOption, type TripOption } from '../../../../shared/contract';
import { operation } from '../operation';
import { legOptions } from './legOptions';
import { copyIncomplete, FLIGHT_TABLES } from '../search/copyIncomplete';

const MINUTE_MS = 60_000;
/**
 * PartialTrip trips kept while pairing leg after leg. Each leg's list is sorted by price, so the
 * cheapest trips are among the cheapest partial ones; the margin over the answer's size covers
 * pairs dropped because a later leg would leave before the earlier one lands.
 */
const PARTIAL_LIMIT = 200;

interface PartialTrip { legs: TripLegOption[]; totalCents: number }

const keyOf = (legs: TripLegOption[]) => legs.map((l) => l.segments.map((s) => s.id).join('-')).join('/');
const byTotal = (a: PartialTrip, b: PartialTrip) =>
  a.totalCents - b.totalCents || a.legs[0]!.departUtc.localeCompare(b.legs[0]!.departUtc) || keyOf(a.legs).localeCompare(keyOf(b.legs));

/** A later leg leaves once the earlier one has landed, with at least a connection's time in between. */
const follows = (before: TripLegOption, after: TripLegOption) =>
  Date.parse(after.departUtc) - Date.parse(before.arriveUtc) >= MIN_CONNECTION_MINUTES * MINUTE_MS;

/**
 * Whole trips, cheapest total first: each leg's nonstops and one-stop connections (legOptions),
 * then the legs paired in order. A round trip is two legs; a multi-city trip up to four.
 */
export const searchTrips = operation('trips.search', async (ctx, input) => {
  input.legs.forEach((leg, i) => {
    const prior = input.legs[i - 1];
    if (prior && leg.date < prior.date) {
      throw new ContractError('VALIDATION', `legs.${i}.date: a later leg cannot leave before ${prior.date}.`, { field: `legs.${i}.date` });
    }
  });
  const nowMs = ctx.now();
  const perLeg: TripLegOption[][] = [];
  for (const leg of input.legs) {
    perLeg.push(await legOptions(ctx.engine.sql, { ...leg, passengers: input.passengers, maxStops: input.maxStops, nowMs }));
  }
  let trips: PartialTrip[] = [{ legs: [], totalCents: 0 }];
  for (const options of perLeg) {
    const next: PartialTrip[] = [];
    for (const trip of trips) {
      const last = trip.legs.at(-1);
      for (const option of options) {
        if (!last || follows(last, option)) next.push({ legs: [...trip.legs, option], totalCents: trip.totalCents + option.priceCents });
      }
    }
    trips = next.sort(byTotal).slice(0, PARTIAL_LIMIT);
  }
  const options: TripOption[] = trips.slice(0, input.limit).map((t) => ({ key: keyOf(t.legs), legs: t.legs, totalCents: t.totalCents }));
  return { options, passengers: input.passengers, ...(await copyIncomplete(ctx, FLIGHT_TABLES)) };
});
