import type { DealKind } from '../../../shared/contract';
import { call } from '../../client/contractClient';
import { navigate } from '../../app/router';
import { useSearch } from '../search/searchStore';

/** What a deal or a fired watch points at: a flight, a hotel room type or a car, on a day. */
export interface Listing {
  kind: DealKind;
  /** Flight id, hotel room type id or car id. */
  targetId: number;
  day: string | null;
}

export const nextDay = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * "Book this": the search the agent would have made, filled in and run, so the usual hold / add
 * / book flow takes over. A flight opens its route on its day, cheapest first (a deal is cheap, so
 * it leads the list); a room or a car opens that day's search in its city when it can be found
 * there — the contract has no lookup by room type or car, so one search for the day finds it.
 */
export async function openListing(l: Listing): Promise<void> {
  const s = useSearch.getState();
  if (l.kind === 'flight') {
    const f = await call('flights.get', { flightId: l.targetId });
    const day = l.day ?? f.departUtc.slice(0, 10);
    s.setFlightCriteria({ from: f.from, to: f.to, date: day, passengers: 1, sort: 'price' });
    navigate('/search/flights');
    await useSearch.getState().searchFlights({ from: f.from, to: f.to });
    return;
  }
  const day = l.day ?? new Date().toISOString().slice(0, 10);
  const end = nextDay(day);
  if (l.kind === 'hotel') {
    let place = { city: '', stateCode: '' };
    try {
      const all = await call('hotels.search', { checkIn: day, checkOut: end, rooms: 1, sort: 'price', limit: 500 });
      const hit = all.items.find((h) => h.roomTypeId === l.targetId);
      if (hit) place = { city: hit.city, stateCode: hit.stateCode };
    } catch {
      /* the day's search below shows the problem where the agent looks */
    }
    s.setHotelCriteria({ ...place, checkIn: day, checkOut: end, rooms: 1 });
    navigate('/search/hotels');
    await useSearch.getState().searchHotels();
    return;
  }
  let place = { city: '', stateCode: '' };
  try {
    const all = await call('cars.search', { pickUp: day, dropOff: end, limit: 500 });
    const hit = all.items.find((c) => c.carId === l.targetId);
    if (hit) place = { city: hit.city, stateCode: hit.stateCode };
  } catch {
    /* as above */
  }
  s.setCarCriteria({ ...place, pickUp: day, dropOff: end });
  navigate('/search/cars');
  await useSearch.getState().searchCars();
}
