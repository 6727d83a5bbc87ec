// Deterministic demo/bench data for TripDesk. `createSeed(opts)` describes every table as a stream of
// rows (arrays in the order of `columns`), in foreign-key order, so a loader can insert table by table
// without ever holding a big table in memory. Same seed + same `today` → byte-identical rows.
//
// Only the small, cross-referenced part (schedules, hotels, cars, card counts, bookings) is built
// up front; flights, hotel nights and car days are computed as they stream, already net of what the
// planned bookings consume.

import { DEVELOPMENT_GATEWAY_KEY } from '../../main/core/config';
import { issueTestCardToken } from '../../main/core/integrations/payments/testGateway';
import { planBookings, stockKey, type BookingPlan } from './bookings';
import { World, type HotelFacts } from './catalog';
import { DAY_MS, formatInstant, resolvePlan, type SeedOptions, type SeedPlan } from './plan';
import { hash32, Rng, tag, unit, uuidLike } from './prng';
import { AIRPORTS, ROOM_TYPES, US_STATES } from './referenceData';
import {
  AGENT_NAMES, CAR_IMAGE_CAPTIONS, HOTEL_IMAGE_CAPTIONS, REVIEW_SENTENCES, REVIEW_TITLES, sentimentOf,
} from './textData';

export type { SeedOptions, SeedPlan, SeedScale } from './plan';
export { parseScale, resolvePlan } from './plan';

export type SeedValue = string | number | null;
export type SeedRow = SeedValue[];

/** Every table the seed fills, parents before children. `reviews` and `images` are documents in central mode. */
export const SEED_TABLES = [
  'us_states', 'airports', 'admins', 'users', 'payment_methods', 'hotels', 'hotel_room_types', 'hotel_inventory',
  'flights', 'cars', 'car_availability', 'bookings', 'booking_items', 'booking_travellers', 'billing', 'money_movements', 'reviews', 'images',
] as const;
export type SeedTableName = (typeof SEED_TABLES)[number];

export const DOCUMENT_TABLES: readonly SeedTableName[] = ['reviews', 'images'];

/**
 * Columns written per table: the same list for SQLite and MySQL. Columns left to their defaults
 * (row_version, provisional, failed_logins, reply_*, hidden…) are not listed.
 */
export const SEED_COLUMNS: Readonly<Record<SeedTableName, readonly string[]>> = {
  us_states: ['code', 'name'],
  airports: ['iata', 'name', 'city', 'state_code', 'time_zone'],
  admins: ['id', 'email', 'name', 'role', 'password_hash', 'state_code', 'active', 'created_at_utc', 'updated_at_utc'],
  users: ['id', 'email', 'first_name', 'last_name', 'phone', 'state_code', 'created_at_utc', 'updated_at_utc'],
  payment_methods: ['id', 'user_id', 'gateway_token', 'brand', 'last4', 'exp_month', 'exp_year', 'removed', 'created_at_utc'],
  hotels: ['id', 'name', 'address', 'city', 'state_code', 'star_rating', 'updated_at_utc'],
  hotel_room_types: ['id', 'hotel_id', 'name', 'max_guests', 'base_price_cents'],
  hotel_inventory: ['room_type_id', 'stay_date', 'rooms_total', 'rooms_booked', 'price_cents'],
  flights: [
    'id', 'flight_number', 'airline', 'departure_airport', 'arrival_airport', 'departure_ts_utc', 'arrival_ts_utc',
    'seats_total', 'seats_available', 'price_cents', 'updated_at_utc',
  ],
  cars: ['id', 'company', 'model', 'car_class', 'city', 'state_code', 'seats'],
  car_availability: ['car_id', 'rental_date', 'units_total', 'units_booked', 'price_cents'],
  bookings: [
    'id', 'user_id', 'booking_type', 'status', 'total_cents', 'refunded_cents', 'currency', 'created_by_admin_id',
    'op_id', 'created_at_utc', 'updated_at_utc', 'locator',
  ],
  booking_items: [
    'id', 'booking_id', 'item_type', 'item_id', 'label', 'start_utc', 'end_utc', 'quantity', 'unit_price_cents',
    'total_cents', 'status', 'refund_cents', 'cancelled_at_utc',
  ],
  booking_travellers: ['id', 'booking_id', 'booking_item_id', 'traveller_role', 'given_names', 'family_name', 'date_of_birth', 'guest_count'],
  billing: [
    'id', 'booking_id', 'user_id', 'payment_method_id', 'amount_cents', 'transaction_status', 'transaction_ts_utc',
    'gateway_ref', 'note',
  ],
  money_movements: ['id', 'booking_id', 'billing_id', 'kind', 'amount_cents', 'at_utc', 'admin_id', 'reason', 'payment_method_id', 'payment_label', 'gateway_ref'],
  reviews: ['id', 'entity_type', 'entity_id', 'user_id', 'rating', 'title', 'body', 'created_at'],
  images: ['id', 'entity_type', 'entity_id', 'url', 'caption', 'created_at'],
};

/** The password of every seeded operator. */
export const DEMO_PASSWORD = 'tripdesk-demo';

export const DEMO_OPERATORS = [
  { id: 1, email: 'agent@tripdesk.test', name: 'Demo Agent', role: 'agent' },
  { id: 2, email: 'supervisor@tripdesk.test', name: 'Demo Supervisor', role: 'supervisor' },
  { id: 3, email: 'admin@tripdesk.test', name: 'Demo Admin', role: 'admin' },
] as const;

export const IMAGE_HOST = 'https://images.tripdesk.test';

export interface SeedTable {
  name: SeedTableName;
  columns: readonly string[];
  /** Exact number of rows `rows()` yields. */
  count: number;
  rows(): Generator<SeedRow>;
  /** The same rows in arrays of at most `size`. */
  batches(size?: number): Generator<SeedRow[]>;
}

export interface SeedDataset {
  plan: SeedPlan;
  /** In insert order (parents first). */
  tables: readonly SeedTable[];
  table(name: SeedTableName): SeedTable;
  counts: Readonly<Record<SeedTableName, number>>;
  totalRows: number;
}

export interface CreateSeedOptions extends SeedOptions {
  /**
   * Hashes the operators' password (`DEMO_PASSWORD`). Needed only when the `admins` rows are read;
   * pass the app's scrypt hasher for real data, anything deterministic for tests.
   */
  hashPassword?: (password: string) => string;
  /** The payment gateway's key the saved cards' tokens are signed with (TRIPDESK_GATEWAY_KEY); default: the development key. */
  gatewayKey?: string;
}

const T = {
  review: tag('review'),
  reviewId: tag('review-id'),
  image: tag('image'),
  imageId: tag('image-id'),
  admin: tag('admin'),
} as const;

function table(name: SeedTableName, count: number, rows: () => Generator<SeedRow>): SeedTable {
  return {
    name,
    columns: SEED_COLUMNS[name],
    count,
    rows,
    *batches(size = 1000) {
      let batch: SeedRow[] = [];
      for (const row of rows()) {
        batch.push(row);
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}

export function createSeed(opts: CreateSeedOptions = {}): SeedDataset {
  const plan = resolvePlan(opts);
  const world = new World(plan);
  const adminCount = DEMO_OPERATORS.length + plan.extraAgents;
  const booked = planBookings(world, adminCount);
  const gatewayKey = opts.gatewayKey ?? DEVELOPMENT_GATEWAY_KEY;
  const hashPassword = opts.hashPassword ?? (() => {
    throw new Error('createSeed: pass hashPassword to generate the admins table');
  });

  const tables: SeedTable[] = [
    table('us_states', US_STATES.length, function* () {
      for (const s of US_STATES) yield [s.code, s.name];
    }),
    table('airports', AIRPORTS.length, function* () {
      for (const a of AIRPORTS) yield [a.iata, a.name, a.city, a.state, a.timeZone];
    }),
    table('admins', adminCount, () => adminRows(plan, hashPassword)),
    table('users', plan.customers, function* () {
      for (let id = 1; id <= plan.customers; id++) {
        const c = world.customer(id);
        const at = formatInstant(c.createdMs);
        yield [c.id, c.email, c.firstName, c.lastName, c.phone, c.stateCode, at, at];
      }
    }),
    table('payment_methods', world.paymentMethodTotal, function* () {
      for (let userId = 1; userId <= plan.customers; userId++) {
        const end = world.paymentMethodStart[userId + 1] as number;
        for (let id = world.paymentMethodStart[userId] as number; id < end; id++) {
          const pm = world.paymentMethod(id, userId);
          const token = issueTestCardToken(gatewayKey, pm.tokenRandom, { brand: pm.brand, last4: pm.last4, expMonth: pm.expMonth, expYear: pm.expYear });
          yield [pm.id, pm.userId, token, pm.brand, pm.last4, pm.expMonth, pm.expYear, pm.removed ? 1 : 0, formatInstant(pm.createdMs)];
        }
      }
    }),
    table('hotels', plan.hotels, function* () {
      for (const h of world.hotels) yield [h.id, h.name, h.address, h.city.city, h.city.state, h.stars, world.catalogStamp];
    }),
    table('hotel_room_types', plan.hotels * plan.roomTypesPerHotel, function* () {
      for (const h of world.hotels) {
        for (let kind = 0; kind < plan.roomTypesPerHotel; kind++) {
          const ref = ROOM_TYPES[kind]!;
          yield [world.roomTypeId(h.id, kind), h.id, ref.name, ref.maxGuests, h.basePriceCents[kind] as number];
        }
      }
    }),
    table('hotel_inventory', plan.hotels * plan.roomTypesPerHotel * plan.inventoryDays, () => hotelInventoryRows(world, booked)),
    table('flights', plan.flights, () => flightRows(world, booked)),
    table('cars', plan.cars, function* () {
      for (const c of world.cars) yield [c.id, c.company.name, c.model.model, c.model.carClass, c.city.city, c.city.state, c.model.seats];
    }),
    table('car_availability', plan.cars * plan.inventoryDays, () => carAvailabilityRows(world, booked)),
    table('bookings', booked.bookings.length, function* () {
      yield* booked.bookings;
    }),
    table('booking_items', booked.items.length, function* () {
      yield* booked.items;
    }),
    table('booking_travellers', booked.travellers.length, function* () {
      yield* booked.travellers;
    }),
    table('billing', booked.billing.length, function* () {
      yield* booked.billing;
    }),
    table('money_movements', booked.movements.length, function* () {
      yield* booked.movements;
    }),
    table('reviews', plan.reviews, () => reviewRows(world)),
    table('images', world.hotels.reduce((n, h) => n + h.imageCount, 0) + world.cars.reduce((n, c) => n + c.imageCount, 0), () => imageRows(world)),
  ];

  const byName = new Map(tables.map((t) => [t.name, t]));
  const counts = Object.fromEntries(tables.map((t) => [t.name, t.count])) as Record<SeedTableName, number>;
  return {
    plan,
    tables,
    table: (name) => byName.get(name) as SeedTable,
    counts,
    totalRows: tables.reduce((n, t) => n + t.count, 0),
  };
}

function* adminRows(plan: SeedPlan, hashPassword: (pw: string) => string): Generator<SeedRow> {
  const createdAt = formatInstant(plan.todayMs - 400 * DAY_MS);
  for (const op of DEMO_OPERATORS) {
    yield [op.id, op.email, op.name, op.role, hashPassword(DEMO_PASSWORD), null, 1, createdAt, createdAt];
  }
  for (let i = 0; i < plan.extraAgents; i++) {
    const id = DEMO_OPERATORS.length + 1 + i;
    const name = AGENT_NAMES[i % AGENT_NAMES.length] as string;
    const round = Math.floor(i / AGENT_NAMES.length);
    const local = name.toLowerCase().replace(/[^a-z ]/g, '').replace(' ', '.') + (round > 0 ? String(round + 1) : '');
    const state = US_STATES[hash32(plan.seed, T.admin, id) % US_STATES.length]!.code;
    const at = formatInstant(plan.todayMs - (300 - i) * DAY_MS);
    yield [id, `${local}@tripdesk.test`, name, 'agent', hashPassword(DEMO_PASSWORD), state, 1, at, at];
  }
}

function* flightRows(world: World, booked: BookingPlan): Generator<SeedRow> {
  const { plan, catalogStamp } = world;
  for (let id = 1; id <= plan.flights; id++) {
    const f = world.flight(id);
    const s = f.schedule;
    yield [
      id, s.flightNumber, s.airline.name, s.from.iata, s.to.iata, f.departUtc, f.arriveUtc,
      f.seatsTotal, f.seatsTotal - (booked.seatsSold.get(id) ?? 0), f.priceCents, catalogStamp,
    ];
  }
}

function* hotelInventoryRows(world: World, booked: BookingPlan): Generator<SeedRow> {
  const { plan, calendar } = world;
  const sold = booked.roomsSold;
  for (const hotel of world.hotels) {
    for (let kind = 0; kind < plan.roomTypesPerHotel; kind++) {
      const rt = world.roomTypeId(hotel.id, kind);
      const total = hotel.roomsTotal[kind] as number;
      for (let d = 0; d < plan.inventoryDays; d++) {
        yield [rt, calendar.days[d] as string, total, sold.size === 0 ? 0 : (sold.get(stockKey(rt, d)) ?? 0), world.nightPriceCents(hotel, kind, rt, d)];
      }
    }
  }
}

function* carAvailabilityRows(world: World, booked: BookingPlan): Generator<SeedRow> {
  const { plan, calendar } = world;
  const rented = booked.carsRented;
  for (const car of world.cars) {
    for (let d = 0; d < plan.inventoryDays; d++) {
      yield [car.id, calendar.days[d] as string, car.unitsTotal, rented.size === 0 ? 0 : (rented.get(stockKey(car.id, d)) ?? 0), world.carDayPriceCents(car, d)];
    }
  }
}

function* reviewRows(world: World): Generator<SeedRow> {
  const { plan } = world;
  const twoYears = 730 * DAY_MS;
  for (let i = 1; i <= plan.reviews; i++) {
    const rng = Rng.for(plan.seed, T.review, i);
    const u = rng.next();
    const kind = u < 0.6 ? 'hotel' : u < 0.85 ? 'flight' : 'car';
    let entityId: number;
    let mean: number;
    if (kind === 'hotel') {
      const hotel = world.hotels[rng.int(0, world.hotels.length - 1)] as HotelFacts;
      entityId = hotel.id;
      mean = 3.4 + (hotel.stars - 3) * 0.4;
    } else if (kind === 'flight') {
      entityId = rng.int(1, plan.flights);
      mean = 3.6;
    } else {
      entityId = rng.int(1, plan.cars);
      mean = 3.8;
    }
    const rating = Math.min(5, Math.max(1, Math.round(mean + rng.gauss() * 0.95)));
    const sentiment = sentimentOf(rating);
    const title = rng.chance(0.9) ? rng.pick(REVIEW_TITLES[sentiment]) : null;
    const pool = [...REVIEW_SENTENCES[kind][sentiment]];
    const sentences: string[] = [];
    const n = Math.min(pool.length, rng.int(1, 3));
    for (let k = 0; k < n; k++) sentences.push(pool.splice(rng.int(0, pool.length - 1), 1)[0] as string);
    const userId = rng.int(1, plan.customers);
    const earliest = Math.max(world.customerCreatedMs(userId), plan.todayMs - twoYears);
    const createdMs = earliest + Math.floor(rng.next() * (plan.todayMs - 60_000 - earliest));
    yield [uuidLike(plan.seed, T.reviewId, i), kind, entityId, userId, rating, title, sentences.join(' '), formatInstant(createdMs)];
  }
}

function* imageRows(world: World): Generator<SeedRow> {
  const { plan } = world;
  let seq = 0;
  const at = (entity: number, id: number, k: number) =>
    formatInstant(plan.todayMs - 500 * DAY_MS + Math.floor(unit(hash32(plan.seed, T.image, entity, id)) * 300 * DAY_MS) + k * 1000);
  for (const h of world.hotels) {
    const rng = Rng.for(plan.seed, T.image, 1, h.id);
    const others = HOTEL_IMAGE_CAPTIONS.slice(1);
    for (let k = 1; k <= h.imageCount; k++) {
      const caption = k === 1 ? HOTEL_IMAGE_CAPTIONS[0]! : (others.splice(rng.int(0, others.length - 1), 1)[0] as string);
      yield [uuidLike(plan.seed, T.imageId, ++seq), 'hotel', h.id, `${IMAGE_HOST}/hotels/${h.id}/${k}.jpg`, caption, at(1, h.id, k)];
    }
  }
  for (const c of world.cars) {
    for (let k = 1; k <= c.imageCount; k++) {
      yield [uuidLike(plan.seed, T.imageId, ++seq), 'car', c.id, `${IMAGE_HOST}/cars/${c.id}/${k}.jpg`, CAR_IMAGE_CAPTIONS[k - 1] ?? null, at(2, c.id, k)];
    }
  }
}
