// The seeded world: flight schedules, hotels, cars, customers and their cards, each a pure function
// of (seed, id). Small things (schedules, hotels, cars, card counts) are built once; flights and
// the per-day stock are computed on demand, so a million flights never sit in memory.

import { buildCalendar, DAY_MS, MINUTE_TEXT, type Calendar, type SeedPlan } from './plan';
import { fmix32, hash32, Rng, tag, unit, WeightedPicker } from './prng';
import {
  AIRLINES, AIRPORTS, BUSY_ROUTES, CAR_MODELS, HOTEL_BRANDS, HOTEL_LOCATIONS, RENTAL_COMPANIES, ROOM_TYPES,
  STAR_BASE_RATE, US_STATES, type AirlineRef, type AirportRef, type CarModelRef, type RentalCompanyRef,
} from './referenceData';
import { FIRST_NAMES, LAST_NAMES, STREET_NAMES, STREET_SUFFIXES } from './textData';
import { ZoneDays } from './timeZones';

const T = {
  schedule: tag('schedule'),
  busyRoute: tag('busy-route'),
  flight: tag('flight'),
  hotel: tag('hotel'),
  night: tag('night'),
  car: tag('car'),
  carDay: tag('car-day'),
  user: tag('user'),
  userCreated: tag('user-created'),
  pmCount: tag('pm-count'),
  pm: tag('payment-method'),
  pmCreated: tag('pm-created'),
  pmRemoved: tag('pm-removed'),
} as const;

export interface City {
  city: string;
  state: string;
  /** Sum of the city's airports' traffic. */
  traffic: number;
  /** Hotel and car price multiplier: big cities cost more. */
  priceLevel: number;
}

export interface Schedule {
  index: number;
  airline: AirlineRef;
  flightNumber: string;
  from: AirportRef;
  to: AirportRef;
  /** Departure in minutes after local midnight at `from`: the same wall-clock time every day, DST or not. */
  departLocalMinute: number;
  /** One of BUSY_ROUTES (dense, fixed timetable) rather than the gravity model's long tail. */
  busy: boolean;
  durationMinutes: number;
  seatsTotal: number;
  baseFareDollars: number;
}

export interface FlightFacts {
  id: number;
  day: number;
  schedule: Schedule;
  departDay: number;
  departMinute: number;
  arriveDay: number;
  arriveMinute: number;
  /** Calendar day index at the arrival airport when the flight lands (check-in day of a trip). */
  arriveLocalDay: number;
  departUtc: string;
  arriveUtc: string;
  seatsTotal: number;
  priceCents: number;
}

export interface HotelFacts {
  id: number;
  name: string;
  address: string;
  city: City;
  stars: 1 | 2 | 3 | 4 | 5;
  /** Base nightly price (cents) of each room type, index = room kind (0 Standard, 1 Deluxe, 2 Suite). */
  basePriceCents: number[];
  roomsTotal: number[];
  imageCount: number;
}

export interface CarFacts {
  id: number;
  company: RentalCompanyRef;
  model: CarModelRef;
  city: City;
  unitsTotal: number;
  baseDailyCents: number;
  imageCount: number;
}

export interface CustomerFacts {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  stateCode: string | null;
  createdMs: number;
}

export interface PaymentMethodFacts {
  id: number;
  userId: number;
  /** 24 hex digits: the random part of the card's gateway token. */
  tokenRandom: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  removed: boolean;
  createdMs: number;
}

const EARTH_RADIUS_MILES = 3958.8;

export function distanceMiles(a: AirportRef, b: AirportRef): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Block time: ~470 mph average over the distance plus taxi, climb and descent; westbound is slower (jet stream). */
export function blockMinutes(from: AirportRef, to: AirportRef): number {
  const miles = distanceMiles(from, to);
  const wind = to.lon > from.lon ? 0.94 : 1.06;
  return Math.max(45, Math.round(((miles / 470) * 60 * wind + 38) / 5) * 5);
}

/** Departure banks: more flights early morning and early evening. Local hours 6–21. */
const DEPARTURE_HOURS = new WeightedPicker(
  [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21],
  (h) => ({ 6: 4, 7: 6, 8: 6, 9: 5, 10: 4, 11: 3.5, 12: 3.5, 13: 3.5, 14: 3.5, 15: 4, 16: 4.5, 17: 5.5, 18: 5.5, 19: 4.5, 20: 3, 21: 2 })[h] ?? 1,
);

const ADVANCE_FACTOR = (day: number) => (day <= 3 ? 1.45 : day <= 7 ? 1.3 : day <= 14 ? 1.12 : day <= 21 ? 1 : day <= 60 ? 0.95 : 0.9);
/** Fare multiplier by weekday of departure (0 = Sunday). */
const FLIGHT_WEEKDAY = [1.1, 1.04, 0.9, 0.92, 1.02, 1.12, 0.95] as const;
/** Hotel multiplier by weekday of the night (Friday and Saturday nights are dearer). */
const NIGHT_WEEKDAY = [0.95, 0.97, 0.97, 0.98, 1.0, 1.15, 1.18] as const;
const CAR_WEEKDAY = [1.05, 0.97, 0.95, 0.95, 1.0, 1.1, 1.1] as const;

const BRANDS = new WeightedPicker(
  [
    { name: 'Visa', weight: 50 },
    { name: 'Mastercard', weight: 30 },
    { name: 'Amex', weight: 15 },
    { name: 'Discover', weight: 5 },
  ],
  (b) => b.weight,
);

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

/** Whole dollars, at least $1, in cents. */
function dollarsToCents(dollars: number): number {
  return Math.max(1, Math.round(dollars)) * 100;
}

/**
 * Share of the daily schedules the busy routes may take at most; the long tail keeps the rest, so
 * small scales still reach the smaller airports.
 */
const BUSY_SHARE = 0.8;

/** Local departure window of the busy routes' timetables: 06:00 to 22:00. */
const BUSY_FIRST_MINUTE = 360;
const BUSY_WINDOW_MINUTES = 960;

const AIRPORT_BY_IATA: ReadonlyMap<string, AirportRef> = new Map(AIRPORTS.map((a) => [a.iata, a]));
const AIRLINE_BY_CODE: ReadonlyMap<string, AirlineRef> = new Map(AIRLINES.map((a) => [a.code, a]));

function airportOf(iata: string): AirportRef {
  const a = AIRPORT_BY_IATA.get(iata);
  if (!a) throw new Error(`BUSY_ROUTES names ${iata}, which is not in AIRPORTS`);
  return a;
}

/**
 * How many daily departures each direction of each busy route gets out of `budget` schedules:
 * round by round over the routes in order of traffic, so a small budget gives the top routes
 * their first flights both ways before any route its second.
 */
export function busyRouteCounts(budget: number): number[][] {
  const counts = BUSY_ROUTES.map(() => [0, 0]);
  let left = budget;
  for (let round = 0; left > 0; round++) {
    let any = false;
    BUSY_ROUTES.forEach((route, r) => {
      if (round >= route.perDay) return;
      for (let dir = 0; dir < 2 && left > 0; dir++) {
        (counts[r] as number[])[dir]! += 1;
        left--;
        any = true;
      }
    });
    if (!any) break;
  }
  return counts;
}

export function busyBudget(flightsPerDay: number): number {
  const all = BUSY_ROUTES.reduce((n, r) => n + 2 * r.perDay, 0);
  return Math.min(all, Math.floor(flightsPerDay * BUSY_SHARE));
}

export class World {
  readonly calendar: Calendar;
  readonly catalogStamp: string;
  readonly cities: readonly City[];
  readonly schedules: readonly Schedule[];
  /** 'FROM-TO' → schedule indexes, for return flights. */
  readonly schedulesByRoute: ReadonlyMap<string, readonly number[]>;
  readonly hotels: readonly HotelFacts[];
  readonly hotelsByCity: ReadonlyMap<City, readonly number[]>;
  readonly cars: readonly CarFacts[];
  readonly carsByCity: ReadonlyMap<City, readonly number[]>;
  /** First payment-method id of each customer (index = customer id); [customers + 1] = total + 1. */
  readonly paymentMethodStart: Int32Array;
  /** Per IANA zone: the UTC offset of every flight day (and the days flights land on). */
  private readonly zones = new Map<string, ZoneDays>();
  private readonly flightDayFactor: Float64Array;
  private readonly seedNight: number;
  private readonly seedCarDay: number;
  private readonly seedFlight: number;

  constructor(readonly plan: SeedPlan) {
    this.calendar = buildCalendar(plan);
    this.catalogStamp = `${plan.today} 00:00:00.000`;
    this.seedNight = hash32(plan.seed, T.night);
    this.seedCarDay = hash32(plan.seed, T.carDay);
    this.seedFlight = hash32(plan.seed, T.flight);

    this.flightDayFactor = new Float64Array(plan.flightDays);
    for (let d = 0; d < plan.flightDays; d++) {
      this.flightDayFactor[d] = (this.calendar.season[d] as number) * FLIGHT_WEEKDAY[this.calendar.weekday[d] as number]! * ADVANCE_FACTOR(d);
    }

    for (const a of AIRPORTS) {
      if (!this.zones.has(a.timeZone)) this.zones.set(a.timeZone, new ZoneDays(a.timeZone, plan.todayMs, plan.flightDays + 4));
    }

    this.cities = buildCities();
    const schedules = this.buildSchedules();
    this.schedules = schedules;
    const byRoute = new Map<string, number[]>();
    for (const s of schedules) {
      const key = `${s.from.iata}-${s.to.iata}`;
      const list = byRoute.get(key) ?? [];
      list.push(s.index);
      byRoute.set(key, list);
    }
    this.schedulesByRoute = byRoute;

    const cityPicker = new WeightedPicker(this.cities, (c) => Math.pow(c.traffic, 0.7));
    this.hotels = this.buildHotels(cityPicker);
    this.hotelsByCity = groupByCity(this.hotels);
    this.cars = this.buildCars(cityPicker);
    this.carsByCity = groupByCity(this.cars);

    this.paymentMethodStart = new Int32Array(plan.customers + 2);
    let next = 1;
    for (let u = 1; u <= plan.customers; u++) {
      this.paymentMethodStart[u] = next;
      next += this.paymentMethodCount(u);
    }
    this.paymentMethodStart[plan.customers + 1] = next;
  }

  // ---- flights -------------------------------------------------------------------------------

  private buildSchedules(): Schedule[] {
    const { plan } = this;
    const airportPicker = new WeightedPicker(AIRPORTS, (a) => a.traffic);
    const drafts: Omit<Schedule, 'flightNumber'>[] = this.busySchedules();
    for (let s = drafts.length; s < plan.flightsPerDay; s++) {
      const rng = Rng.for(plan.seed, T.schedule, s);
      let from = airportPicker.pick(rng);
      let to = airportPicker.pick(rng);
      for (let tries = 0; tries < 200; tries++) {
        // Gravity model: busy airports pair up more often, long routes less (HNL–BOS is rare, SEA–SFO is not).
        if (routeIsPlausible(from, to) && rng.next() < 1 / (1 + (distanceMiles(from, to) / 1200) ** 2)) break;
        from = airportPicker.pick(rng);
        to = airportPicker.pick(rng);
      }
      if (from === to) to = AIRPORTS.find((a) => a !== from && a.city !== from.city) as AirportRef;
      const airline = pickAirline(rng, from, to);
      const miles = distanceMiles(from, to);
      const localMinute = DEPARTURE_HOURS.pick(rng) * 60 + rng.int(0, 11) * 5;
      const seatsTotal =
        miles < 500 ? (rng.chance(0.55) ? rng.int(50, 76) : rng.int(120, 180))
          : miles < 1500 ? rng.int(124, 189)
            : rng.int(160, 220);
      const baseFareDollars = Math.max(39, (49 + 0.13 * miles) * airline.fareFactor * (0.85 + rng.next() * 0.35));
      drafts.push({
        index: s,
        airline,
        from,
        to,
        departLocalMinute: localMinute,
        busy: false,
        durationMinutes: blockMinutes(from, to),
        seatsTotal,
        baseFareDollars,
      });
    }
    // Flight numbers: unique per airline, spread over 100–9999 like real timetables.
    const perAirline = new Map<AirlineRef, number>();
    for (const d of drafts) perAirline.set(d.airline, (perAirline.get(d.airline) ?? 0) + 1);
    const seen = new Map<AirlineRef, number>();
    return drafts.map((d) => {
      const count = perAirline.get(d.airline) ?? 1;
      const k = seen.get(d.airline) ?? 0;
      seen.set(d.airline, k + 1);
      const spacing = Math.max(1, Math.floor(9_900 / count));
      const jitter = spacing > 1 ? fmix32(hash32(plan.seed, T.schedule, d.index)) % spacing : 0;
      return { ...d, flightNumber: `${d.airline.code}${100 + k * spacing + jitter}` };
    });
  }

  /** The busy routes' timetables: departures spread over the day, carriers in order of their share of the route. */
  private busySchedules(): Omit<Schedule, 'flightNumber'>[] {
    const { plan } = this;
    const counts = busyRouteCounts(busyBudget(plan.flightsPerDay));
    const drafts: Omit<Schedule, 'flightNumber'>[] = [];
    BUSY_ROUTES.forEach((route, r) => {
      // Listed first = the biggest carrier on the route: weights 1, 1/2, 1/3…
      const carriers = new WeightedPicker(route.airlines, (_c, i) => 1 / (i + 1));
      for (let dir = 0; dir < 2; dir++) {
        const k = (counts[r] as number[])[dir] as number;
        const from = airportOf(dir === 0 ? route.a : route.b);
        const to = airportOf(dir === 0 ? route.b : route.a);
        const miles = distanceMiles(from, to);
        const rng = Rng.for(plan.seed, T.busyRoute, r, dir);
        const gap = BUSY_WINDOW_MINUTES / Math.max(1, k);
        for (let i = 0; i < k; i++) {
          const code = carriers.pick(rng);
          const airline = AIRLINE_BY_CODE.get(code);
          if (!airline) throw new Error(`BUSY_ROUTES ${route.a}-${route.b}: unknown airline ${code}`);
          // One departure per slot of the window, somewhere in its middle, on a five-minute mark.
          const minute = BUSY_FIRST_MINUTE + Math.floor(((i + 0.15 + rng.next() * 0.7) * gap) / 5) * 5;
          const seatsTotal = miles < 1500 ? rng.int(124, 189) : rng.int(160, 220);
          drafts.push({
            index: drafts.length,
            airline,
            from,
            to,
            departLocalMinute: minute,
            busy: true,
            durationMinutes: blockMinutes(from, to),
            seatsTotal,
            baseFareDollars: Math.max(39, (49 + 0.13 * miles) * airline.fareFactor * (0.85 + rng.next() * 0.35)),
          });
        }
      }
    });
    return drafts;
  }

  private zoneOf(airport: AirportRef): ZoneDays {
    return this.zones.get(airport.timeZone) as ZoneDays;
  }

  /** Flight ids run day by day: id = day × flightsPerDay + schedule + 1. */
  flightIdFor(day: number, scheduleIndex: number): number {
    return day * this.plan.flightsPerDay + scheduleIndex + 1;
  }

  flight(id: number): FlightFacts {
    const { plan, calendar } = this;
    const idx = id - 1;
    const day = Math.floor(idx / plan.flightsPerDay);
    const schedule = this.schedules[idx - day * plan.flightsPerDay] as Schedule;
    // Minutes after midnight UTC of day 0; the local day and wall-clock time are the schedule's.
    const dep = this.zoneOf(schedule.from).toUtcMinute(day, schedule.departLocalMinute);
    const departDay = Math.floor(dep / 1440);
    const departMinute = dep - departDay * 1440;
    const arr = dep + schedule.durationMinutes;
    const arriveDay = Math.floor(arr / 1440);
    const arriveMinute = arr - arriveDay * 1440;
    const noise = 0.9 + unit(fmix32(this.seedFlight ^ fmix32(id))) * 0.22;
    const dollars = schedule.baseFareDollars * (this.flightDayFactor[day] as number) * noise;
    return {
      id,
      day,
      schedule,
      departDay,
      departMinute,
      arriveDay,
      arriveMinute,
      arriveLocalDay: this.zoneOf(schedule.to).localDayOf(arr),
      departUtc: `${calendar.days[departDay]} ${MINUTE_TEXT[departMinute]}`,
      arriveUtc: `${calendar.days[arriveDay]} ${MINUTE_TEXT[arriveMinute]}`,
      seatsTotal: schedule.seatsTotal,
      // Fares end in .99 ($187.99), as airlines print them.
      priceCents: Math.max(29, Math.round(dollars)) * 100 - 1,
    };
  }

  // ---- hotels --------------------------------------------------------------------------------

  private buildHotels(cityPicker: WeightedPicker<City>): HotelFacts[] {
    const { plan } = this;
    const brandPicker = new WeightedPicker(HOTEL_BRANDS, (b) => b.weight);
    const names = new Set<string>();
    const hotels: HotelFacts[] = [];
    const everyCity = citiesByTraffic(this.cities);
    for (let id = 1; id <= plan.hotels; id++) {
      const rng = Rng.for(plan.seed, T.hotel, id);
      // One hotel in every airport's city first (busiest first), then by traffic.
      const picked = cityPicker.pick(rng);
      const city = everyCity[id - 1] ?? picked;
      let brand = brandPicker.pick(rng);
      let name = `${brand.name} ${city.city} ${rng.pick(HOTEL_LOCATIONS)}`;
      for (let tries = 0; names.has(name) && tries < 6; tries++) {
        brand = brandPicker.pick(rng);
        name = `${brand.name} ${city.city} ${rng.pick(HOTEL_LOCATIONS)}`;
      }
      if (names.has(name)) name = `${name} at ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}`;
      if (names.has(name)) name = `${name} ${id}`;
      names.add(name);
      const address = `${rng.int(1, 9899)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_SUFFIXES)}`;
      const stars = brand.stars;
      const rooms = Math.round(stars >= 4 ? rng.int(120, 520) : stars === 3 ? rng.int(80, 240) : rng.int(40, 140));
      const standardDollars = STAR_BASE_RATE[stars] * city.priceLevel * (0.85 + rng.next() * 0.35);
      const kinds = ROOM_TYPES.slice(0, plan.roomTypesPerHotel);
      const shareSum = kinds.reduce((sum, k) => sum + k.roomShare, 0);
      hotels.push({
        id,
        name,
        address,
        city,
        stars,
        basePriceCents: kinds.map((k) => dollarsToCents(standardDollars * k.priceFactor)),
        roomsTotal: kinds.map((k) => Math.max(1, Math.round((rooms * k.roomShare) / shareSum))),
        imageCount: rng.int(3, 5),
      });
    }
    return hotels;
  }

  /** Room type ids run hotel by hotel: id = (hotel − 1) × roomTypesPerHotel + kind + 1. */
  roomTypeId(hotelId: number, kind: number): number {
    return (hotelId - 1) * this.plan.roomTypesPerHotel + kind + 1;
  }

  roomTypeOf(roomTypeId: number): { hotel: HotelFacts; kind: number } {
    const idx = roomTypeId - 1;
    const hotel = this.hotels[Math.floor(idx / this.plan.roomTypesPerHotel)] as HotelFacts;
    return { hotel, kind: idx % this.plan.roomTypesPerHotel };
  }

  nightPriceCents(hotel: HotelFacts, kind: number, roomTypeId: number, day: number): number {
    const noise = 0.95 + unit(fmix32((this.seedNight ^ fmix32(roomTypeId)) + day * 0x9e3779b1)) * 0.1;
    const factor = (this.calendar.season[day] as number) * NIGHT_WEEKDAY[this.calendar.weekday[day] as number]! * noise;
    return Math.round(((hotel.basePriceCents[kind] as number) * factor) / 100) * 100;
  }

  // ---- cars ----------------------------------------------------------------------------------

  private buildCars(cityPicker: WeightedPicker<City>): CarFacts[] {
    const { plan } = this;
    const companyPicker = new WeightedPicker(RENTAL_COMPANIES, (c) => c.weight);
    const modelPicker = new WeightedPicker(CAR_MODELS, (m) => m.weight);
    const cars: CarFacts[] = [];
    const everyCity = citiesByTraffic(this.cities);
    for (let id = 1; id <= plan.cars; id++) {
      const rng = Rng.for(plan.seed, T.car, id);
      // A car at every airport's city first, then by traffic.
      const picked = cityPicker.pick(rng);
      const city = everyCity[id - 1] ?? picked;
      const company = companyPicker.pick(rng);
      const model = modelPicker.pick(rng);
      const u = rng.next();
      const unitsTotal = u < 0.3 ? 1 : u < 0.6 ? 2 : u < 0.8 ? 3 : u < 0.93 ? 4 : 5;
      const dollars = model.dailyRate * company.priceFactor * (0.9 + (city.priceLevel - 1) * 0.5) * (0.92 + rng.next() * 0.16);
      cars.push({ id, company, model, city, unitsTotal, baseDailyCents: dollarsToCents(dollars), imageCount: rng.int(1, 2) });
    }
    return cars;
  }

  carDayPriceCents(car: CarFacts, day: number): number {
    const noise = 0.96 + unit(fmix32((this.seedCarDay ^ fmix32(car.id)) + day * 0x9e3779b1)) * 0.08;
    const factor = (this.calendar.season[day] as number) * CAR_WEEKDAY[this.calendar.weekday[day] as number]! * noise;
    return Math.round((car.baseDailyCents * factor) / 100) * 100;
  }

  // ---- customers and their cards -------------------------------------------------------------

  private readonly statePicker = new WeightedPicker(US_STATES, (s) => s.population);

  customerCreatedMs(id: number): number {
    const threeYears = 3 * 365 * DAY_MS;
    return this.plan.todayMs - 3 * DAY_MS - Math.floor(unit(hash32(this.plan.seed, T.userCreated, id)) * threeYears);
  }

  customer(id: number): CustomerFacts {
    const rng = Rng.for(this.plan.seed, T.user, id);
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const state = this.statePicker.pick(rng);
    const stateCode = rng.chance(0.03) ? null : state.code;
    const line = String(rng.int(0, 9999)).padStart(4, '0');
    const phone = rng.chance(0.05) ? null : `+1 ${state.areaCode}-555-${line}`;
    return {
      id,
      email: `${slug(firstName)}.${slug(lastName)}.${id}@example.com`,
      firstName,
      lastName,
      phone,
      stateCode,
      createdMs: this.customerCreatedMs(id),
    };
  }

  paymentMethodCount(userId: number): number {
    const u = unit(hash32(this.plan.seed, T.pmCount, userId));
    return u < 0.12 ? 0 : u < 0.75 ? 1 : 2;
  }

  paymentMethodRemoved(pmId: number): boolean {
    return unit(hash32(this.plan.seed, T.pmRemoved, pmId)) < 0.06;
  }

  paymentMethodCreatedMs(pmId: number, userId: number): number {
    return this.customerCreatedMs(userId) + Math.floor(unit(hash32(this.plan.seed, T.pmCreated, pmId)) * 2 * DAY_MS);
  }

  paymentMethod(pmId: number, userId: number): PaymentMethodFacts {
    const rng = Rng.for(this.plan.seed, T.pm, pmId);
    const brand = BRANDS.pick(rng).name;
    const year = Number(this.plan.today.slice(0, 4));
    return {
      id: pmId,
      userId,
      // The random part of the gateway's token (never a card number); generate.ts has it signed.
      tokenRandom: rng.hex(24),
      brand,
      last4: String(rng.int(0, 9999)).padStart(4, '0'),
      expMonth: rng.int(1, 12),
      expYear: year + rng.int(1, 5),
      removed: this.paymentMethodRemoved(pmId),
      createdMs: this.paymentMethodCreatedMs(pmId, userId),
    };
  }

  /** Cards of a customer that can still be charged. */
  usablePaymentMethods(userId: number): number[] {
    const out: number[] = [];
    const end = this.paymentMethodStart[userId + 1] as number;
    for (let pm = this.paymentMethodStart[userId] as number; pm < end; pm++) {
      if (!this.paymentMethodRemoved(pm)) out.push(pm);
    }
    return out;
  }

  get paymentMethodTotal(): number {
    return (this.paymentMethodStart[this.plan.customers + 1] as number) - 1;
  }
}

function buildCities(): City[] {
  const byKey = new Map<string, City>();
  for (const a of AIRPORTS) {
    const key = `${a.city}|${a.state}`;
    const c = byKey.get(key);
    if (c) c.traffic += a.traffic;
    else byKey.set(key, { city: a.city, state: a.state, traffic: a.traffic, priceLevel: 1 });
  }
  const cities = [...byKey.values()];
  for (const c of cities) c.priceLevel = 0.85 + 0.4 * Math.min(1, c.traffic / 90);
  return cities;
}

function citiesByTraffic(cities: readonly City[]): City[] {
  return [...cities].sort((a, b) => b.traffic - a.traffic || a.city.localeCompare(b.city));
}

function routeIsPlausible(from: AirportRef, to: AirportRef): boolean {
  if (from === to || from.city === to.city) return false;
  const miles = distanceMiles(from, to);
  const small = Math.min(from.traffic, to.traffic);
  if (miles < 80) return false;
  if (miles > 1300 && small < 8) return false;
  const islands = (from.state === 'HI' ? 1 : 0) + (to.state === 'HI' ? 1 : 0);
  if (islands === 1 && Math.max(from.traffic, to.traffic) < 15) return false;
  if (islands === 1 && small < 10) return false;
  return true;
}

function pickAirline(rng: Rng, from: AirportRef, to: AirportRef): AirlineRef {
  const bothHawaii = from.state === 'HI' && to.state === 'HI';
  const weights = AIRLINES.map((a) => {
    if (a.states && !a.states.includes(from.state) && !a.states.includes(to.state)) return 0;
    let w = a.share;
    if (a.hubs.includes(from.iata) || a.hubs.includes(to.iata)) w *= 6;
    if (bothHawaii) w *= a.code === 'HA' ? 12 : a.code === 'WN' ? 2 : 0.05;
    return w;
  });
  const picker = new WeightedPicker(AIRLINES, (_a, i) => weights[i] as number);
  return picker.pick(rng);
}

function groupByCity<T extends { id: number; city: City }>(items: readonly T[]): Map<City, number[]> {
  const map = new Map<City, number[]>();
  for (const item of items) {
    const list = map.get(item.city) ?? [];
    list.push(item.id);
    map.set(item.city, list);
  }
  return map;
}
