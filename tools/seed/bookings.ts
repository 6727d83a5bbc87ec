// Past bookings for the seeded customers, planned before any stock row is written so the stock can
// be emitted already net of what they consume (seats_available, rooms_booked, units_booked).
//
// Conventions the services can rely on:
//  - booking_items.item_id is the flight id, the hotel ROOM TYPE id, or the car id;
//  - a hotel item covers nights [start day, end day) and a car item rental days [start day, end day),
//    both stored as midnight UTC ('2025-07-04 00:00:00.000'), so the date part is the stay/rental day;
//  - quantity is seats, rooms, or 1 car; unit_price_cents is per seat, per room for the whole stay,
//    or per car for the whole rental; total_cents = unit_price_cents × quantity;
//  - cancelled items are fully refunded and consume no stock; a booking with every item cancelled is
//    'cancelled', with some 'partially_cancelled', otherwise 'confirmed';
//  - billing: one 'captured' row per booking, plus one 'refunded' row when anything was refunded;
//    each is also one money movement (the charge, the refund) with the billing row's id, as the
//    money_movements migrations backfill them;
//  - travellers: the customer and their party, the same people on every item of a booking: a
//    passenger per flight seat, the stay's lead guest (the customer) with the party as guests, the
//    car's driver (the customer, an adult). They come from their own random stream per booking,
//    so adding them left every other seeded row as it was.

import type { CarFacts, FlightFacts, HotelFacts, World } from './catalog';
import { DAY_MS, formatInstant } from './plan';
import { Rng, tag } from './prng';
import { ROOM_TYPES } from './referenceData';
import { FIRST_NAMES } from './textData';
import { locatorOfNumber } from '../../shared/locator';

const T = { booking: tag('booking'), party: tag('party') } as const;

export type BookingRow = [
  id: number, user_id: number, booking_type: string, status: string, total_cents: number, refunded_cents: number,
  currency: string, created_by_admin_id: number | null, op_id: string | null, created_at_utc: string, updated_at_utc: string,
  locator: string,
];
export type BookingItemRow = [
  id: number, booking_id: number, item_type: string, item_id: number, label: string, start_utc: string, end_utc: string,
  quantity: number, unit_price_cents: number, total_cents: number, status: string, refund_cents: number, cancelled_at_utc: string | null,
];
export type BillingRow = [
  id: number, booking_id: number, user_id: number, payment_method_id: number | null, amount_cents: number,
  transaction_status: string, transaction_ts_utc: string, gateway_ref: string | null, note: string | null,
];

export type BookingTravellerRow = [
  id: number, booking_id: number, booking_item_id: number, traveller_role: string, given_names: string, family_name: string,
  date_of_birth: string, guest_count: number | null,
];

export type MoneyMovementRow = [
  id: number, booking_id: number, billing_id: number, kind: string, amount_cents: number, at_utc: string, admin_id: number | null,
  reason: string, payment_method_id: number | null, payment_label: string | null, gateway_ref: string | null,
];

export interface BookingPlan {
  bookings: BookingRow[];
  items: BookingItemRow[];
  travellers: BookingTravellerRow[];
  billing: BillingRow[];
  movements: MoneyMovementRow[];
  /** flight id → seats sold. */
  seatsSold: Map<number, number>;
  /** stockKey(room type id, day) → rooms sold. */
  roomsSold: Map<number, number>;
  /** stockKey(car id, day) → units rented. */
  carsRented: Map<number, number>;
}

/** One number per (stock id, day index); day < 512. */
export function stockKey(id: number, day: number): number {
  return id * 512 + day;
}

interface Draft {
  type: 'flight' | 'hotel' | 'car';
  itemId: number;
  label: string;
  start: string;
  end: string;
  quantity: number;
  unitPriceCents: number;
  /** What the item takes from stock: [map, key, amount]. */
  takes: Array<[Map<number, number>, number, number]>;
}

const REFUND_NOTES = ['Cancelled at customer request', 'Schedule change', 'Travel plans changed', 'Duplicate booking', 'Medical emergency'];

export function planBookings(world: World, adminCount: number): BookingPlan {
  const { plan, calendar } = world;
  const seatsSold = new Map<number, number>();
  const roomsSold = new Map<number, number>();
  const carsRented = new Map<number, number>();
  const bookings: BookingRow[] = [];
  const items: BookingItemRow[] = [];
  const billing: BillingRow[] = [];
  const travellers: BookingTravellerRow[] = [];
  const movements: MoneyMovementRow[] = [];

  const seatsLeft = (f: FlightFacts) => f.seatsTotal - (seatsSold.get(f.id) ?? 0);
  const dayStart = (day: number) => `${calendar.days[day]} 00:00:00.000`;

  const flightDraft = (f: FlightFacts, seats: number): Draft => ({
    type: 'flight',
    itemId: f.id,
    label: `${f.schedule.flightNumber} ${f.schedule.from.iata}→${f.schedule.to.iata} (${f.schedule.airline.name})`,
    start: f.departUtc,
    end: f.arriveUtc,
    quantity: seats,
    unitPriceCents: f.priceCents,
    takes: [[seatsSold, f.id, seats]],
  });

  const tryFlight = (id: number, seats: number): Draft | null => {
    if (id < 1 || id > plan.flights) return null;
    const f = world.flight(id);
    return seatsLeft(f) >= seats ? flightDraft(f, seats) : null;
  };

  /** A flight back from `to` to `from` leaving on local day `day`, if one is scheduled. */
  const returnFlight = (rng: Rng, outbound: FlightFacts, day: number, seats: number): Draft | null => {
    if (day >= plan.flightDays) return null;
    const route = world.schedulesByRoute.get(`${outbound.schedule.to.iata}-${outbound.schedule.from.iata}`);
    if (!route || route.length === 0) return null;
    return tryFlight(world.flightIdFor(day, rng.pick(route)), seats);
  };

  const hotelDraft = (hotel: HotelFacts, kind: number, checkIn: number, nights: number, rooms: number): Draft | null => {
    if (checkIn + nights > plan.inventoryDays) return null;
    const rt = world.roomTypeId(hotel.id, kind);
    let stay = 0;
    const takes: Draft['takes'] = [];
    for (let d = checkIn; d < checkIn + nights; d++) {
      const key = stockKey(rt, d);
      if ((hotel.roomsTotal[kind] as number) - (roomsSold.get(key) ?? 0) < rooms) return null;
      stay += world.nightPriceCents(hotel, kind, rt, d);
      takes.push([roomsSold, key, rooms]);
    }
    const roomName = ROOM_TYPES[kind]?.name ?? 'Room';
    return {
      type: 'hotel',
      itemId: rt,
      label: `${hotel.name}, ${roomName}, ${nights} night${nights === 1 ? '' : 's'}`,
      start: dayStart(checkIn),
      end: dayStart(checkIn + nights),
      quantity: rooms,
      unitPriceCents: stay,
      takes,
    };
  };

  const carDraft = (car: CarFacts, pickUp: number, days: number): Draft | null => {
    if (pickUp + days > plan.inventoryDays) return null;
    let rental = 0;
    const takes: Draft['takes'] = [];
    for (let d = pickUp; d < pickUp + days; d++) {
      const key = stockKey(car.id, d);
      if (car.unitsTotal - (carsRented.get(key) ?? 0) < 1) return null;
      rental += world.carDayPriceCents(car, d);
      takes.push([carsRented, key, 1]);
    }
    return {
      type: 'car',
      itemId: car.id,
      label: `${car.company.name} ${car.model.model} (${car.model.carClass}), ${car.city.city}, ${car.city.state}, ${days} day${days === 1 ? '' : 's'}`,
      start: dayStart(pickUp),
      end: dayStart(pickUp + days),
      quantity: 1,
      unitPriceCents: rental,
      takes,
    };
  };

  const pickKind = (rng: Rng) => {
    if (plan.roomTypesPerHotel === 1) return 0;
    const u = rng.next();
    return Math.min(plan.roomTypesPerHotel - 1, u < 0.6 ? 0 : u < 0.9 ? 1 : 2);
  };
  const pickSeats = (rng: Rng) => {
    const u = rng.next();
    return u < 0.55 ? 1 : u < 0.85 ? 2 : u < 0.95 ? 3 : 4;
  };
  const pickNights = (rng: Rng) => [1, 1, 2, 2, 2, 3, 3, 4, 5, 7][rng.int(0, 9)] as number;

  const flightTrip = (rng: Rng): Draft[] => {
    const seats = pickSeats(rng);
    for (let tries = 0; tries < 30; tries++) {
      const out = tryFlight(rng.int(1, plan.flights), seats);
      if (!out) continue;
      const drafts = [out];
      if (rng.chance(0.55)) {
        const back = returnFlight(rng, world.flight(out.itemId), world.flight(out.itemId).day + rng.int(2, 10), seats);
        if (back) drafts.push(back);
      }
      return drafts;
    }
    return [];
  };

  const hotelStay = (rng: Rng): Draft[] => {
    for (let tries = 0; tries < 30; tries++) {
      const hotel = world.hotels[rng.int(0, world.hotels.length - 1)] as HotelFacts;
      const d = hotelDraft(hotel, pickKind(rng), rng.int(1, 300), pickNights(rng), rng.chance(0.85) ? 1 : 2);
      if (d) return [d];
    }
    return [];
  };

  const carRental = (rng: Rng): Draft[] => {
    for (let tries = 0; tries < 30; tries++) {
      const car = world.cars[rng.int(0, world.cars.length - 1)] as CarFacts;
      const d = carDraft(car, rng.int(1, 330), [1, 2, 3, 3, 4, 5, 7, 10][rng.int(0, 7)] as number);
      if (d) return [d];
    }
    return [];
  };

  /** Fly somewhere that has hotels, stay, maybe rent a car there, fly back if a return exists. */
  const packageTrip = (rng: Rng): Draft[] => {
    const seats = pickSeats(rng);
    for (let tries = 0; tries < 40; tries++) {
      const out = tryFlight(rng.int(1, plan.flights), seats);
      if (!out) continue;
      const f = world.flight(out.itemId);
      const hotelIds = world.hotelsByCity.get(cityOf(world, f)) ?? [];
      if (hotelIds.length === 0) continue;
      const nights = rng.int(2, 6);
      const rooms = seats > 2 ? 2 : 1;
      const hotel = world.hotels[(rng.pick(hotelIds)) - 1] as HotelFacts;
      const stay = hotelDraft(hotel, pickKind(rng), f.arriveLocalDay, nights, rooms);
      if (!stay) continue;
      const drafts = [out, stay];
      const carIds = world.carsByCity.get(hotel.city) ?? [];
      if (carIds.length > 0 && rng.chance(0.5)) {
        const car = carDraft(world.cars[rng.pick(carIds) - 1] as CarFacts, f.arriveLocalDay, nights);
        if (car) drafts.push(car);
      }
      const back = returnFlight(rng, f, f.arriveLocalDay + nights, seats);
      if (back) drafts.push(back);
      return drafts;
    }
    return flightTrip(rng);
  };

  const yearMs = 365.25 * DAY_MS;
  const birthDate = (rng: Rng, minYears: number, maxYears: number) =>
    new Date(plan.todayMs - (minYears + rng.next() * (maxYears - minYears)) * yearMs).toISOString().slice(0, 10);

  /** The customer first (an adult: they pay, and drive), then family under the same name. */
  const partyOf = (bookingId: number, userId: number, size: number) => {
    const rng = Rng.for(plan.seed, T.party, bookingId);
    const c = world.customer(userId);
    const party = [{ givenNames: c.firstName, familyName: c.lastName, dateOfBirth: birthDate(rng, 25, 75) }];
    while (party.length < size) party.push({ givenNames: rng.pick(FIRST_NAMES), familyName: c.lastName, dateOfBirth: birthDate(rng, 2, 70) });
    return party;
  };

  let itemId = 0;
  let billingId = 0;
  let travellerId = 0;
  for (let attempt = 1; bookings.length < plan.bookings && attempt <= plan.bookings * 3; attempt++) {
    const rng = Rng.for(plan.seed, T.booking, attempt);

    let userId = rng.int(1, plan.customers);
    let cards = world.usablePaymentMethods(userId);
    for (let tries = 0; cards.length === 0 && tries < 20; tries++) {
      userId = rng.int(1, plan.customers);
      cards = world.usablePaymentMethods(userId);
    }
    const cardId = cards.length > 0 ? rng.pick(cards) : null;

    const u = rng.next();
    const drafts = u < 0.4 ? flightTrip(rng) : u < 0.68 ? hotelStay(rng) : u < 0.83 ? carRental(rng) : packageTrip(rng);
    if (drafts.length === 0) continue;

    const earliest = Math.max(
      world.customerCreatedMs(userId),
      cardId === null ? 0 : world.paymentMethodCreatedMs(cardId, userId),
      plan.todayMs - 60 * DAY_MS,
    );
    const latest = plan.todayMs - 3_600_000;
    const createdMs = earliest + Math.floor(rng.next() * Math.max(1, latest - earliest));
    const adminId = rng.chance(0.75) ? rng.int(1, adminCount) : null;

    const s = rng.next();
    const cancelAll = s < 0.06;
    const cancelLast = !cancelAll && drafts.length >= 2 && s < 0.16;
    // Cancelled some time between booking and today, sooner rather than later.
    const cancelledMs = createdMs + 60_000 + Math.floor(rng.next() ** 2 * Math.max(0, plan.todayMs - 120_000 - createdMs));
    const cancelledAt = formatInstant(cancelledMs);

    const bookingId = bookings.length + 1;
    const firstFlight = drafts.find((d) => d.type === 'flight');
    const party = partyOf(bookingId, userId, firstFlight?.quantity ?? Math.min(2, drafts[0]?.quantity ?? 1));
    let total = 0;
    let refunded = 0;
    drafts.forEach((d, i) => {
      const cancelled = cancelAll || (cancelLast && i === drafts.length - 1);
      const itemTotal = d.unitPriceCents * d.quantity;
      total += itemTotal;
      if (cancelled) refunded += itemTotal;
      else for (const [map, key, amount] of d.takes) map.set(key, (map.get(key) ?? 0) + amount);
      items.push([
        ++itemId, bookingId, d.type, d.itemId, d.label, d.start, d.end, d.quantity, d.unitPriceCents, itemTotal,
        cancelled ? 'cancelled' : 'active', cancelled ? itemTotal : 0, cancelled ? cancelledAt : null,
      ]);
      const lead = party[0]!;
      if (d.type === 'flight') {
        for (const p of party.slice(0, d.quantity)) travellers.push([++travellerId, bookingId, itemId, 'passenger', p.givenNames, p.familyName, p.dateOfBirth, null]);
      } else {
        // At most two guests a room: every room type sleeps two.
        const guests = d.type === 'hotel' ? Math.min(party.length, 2 * d.quantity) : null;
        travellers.push([++travellerId, bookingId, itemId, d.type === 'hotel' ? 'lead_guest' : 'driver', lead.givenNames, lead.familyName, lead.dateOfBirth, guests]);
      }
    });

    const kinds = new Set(drafts.map((d) => d.type));
    const bookingType = kinds.size > 1 ? 'package' : (drafts[0] as Draft).type;
    const status = cancelAll ? 'cancelled' : cancelLast ? 'partially_cancelled' : 'confirmed';
    const createdAt = formatInstant(createdMs);
    bookings.push([
      bookingId, userId, bookingType, status, total, refunded, 'USD', adminId, null, createdAt,
      refunded > 0 ? cancelledAt : createdAt,
      // The id's own locator: distinct ids never share one, and the same seed gives the same letters.
      locatorOfNumber(bookingId),
    ]);
    const card = cardId === null ? null : world.paymentMethod(cardId, userId);
    const cardLabel = card ? `${card.brand.charAt(0).toUpperCase()}${card.brand.slice(1)} ending ${card.last4}` : null;
    const capturedAt = formatInstant(createdMs + 2_000 + rng.int(0, 8_000));
    const chargeRef = `ch_${rng.alnum(24)}`;
    billing.push([++billingId, bookingId, userId, cardId, total, 'captured', capturedAt, chargeRef, null]);
    movements.push([billingId, bookingId, billingId, 'charge', total, capturedAt, adminId, 'booking', cardId, cardLabel, chargeRef]);
    if (refunded > 0) {
      const refundedAt = formatInstant(cancelledMs + 1_500);
      const refundRef = `re_${rng.alnum(24)}`;
      const note = rng.pick(REFUND_NOTES);
      billing.push([++billingId, bookingId, userId, cardId, refunded, 'refunded', refundedAt, refundRef, note]);
      movements.push([billingId, bookingId, billingId, 'refund', refunded, refundedAt, null, note, cardId, cardLabel, refundRef]);
    }
  }

  return { bookings, items, travellers, billing, movements, seatsSold, roomsSold, carsRented };
}

function cityOf(world: World, f: FlightFacts) {
  const to = f.schedule.to;
  return world.cities.find((c) => c.city === to.city && c.state === to.state) as (typeof world.cities)[number];
}
