// How big a seed is and which calendar it covers. A plan is pure data: the same options always
// resolve to the same plan, and every generated row derives from (plan.seed, plan.today, row id).

export type SeedScale = 'demo' | 'bench' | number;

export interface SeedOptions {
  /** 'demo' (default), 'bench', or a factor n relative to demo (0.1 = a tenth of demo, 5 = five times). */
  scale?: SeedScale;
  /** Any integer; default 42. */
  seed?: number;
  /** The first day of the schedules, a UTC calendar day ('YYYY-MM-DD' or a Date); default: today (UTC). */
  today?: string | Date;
}

export interface SeedPlan {
  scale: SeedScale;
  seed: number;
  /** 'YYYY-MM-DD' (UTC). Flights run on days today … today+89; hotel and car stock on today … today+364. */
  today: string;
  todayMs: number;
  flightDays: number;
  inventoryDays: number;
  /** Daily schedules: every schedule flies once a day, so flights = flightsPerDay × flightDays. */
  flightsPerDay: number;
  flights: number;
  hotels: number;
  roomTypesPerHotel: 1 | 2 | 3;
  cars: number;
  customers: number;
  bookings: number;
  reviews: number;
  /** Operators besides the three demo ones (agent@, supervisor@, admin@tripdesk.test). */
  extraAgents: number;
}

export const FLIGHT_DAYS = 90;
export const INVENTORY_DAYS = 365;
export const DAY_MS = 86_400_000;

interface Size {
  flights: number;
  hotels: number;
  roomTypesPerHotel: 1 | 2 | 3;
  cars: number;
  customers: number;
  bookings: number;
  reviews: number;
  extraAgents: number;
}

/**
 * demo: ~103k flights (1 145 daily schedules × 90 days: the 60 busiest routes' 916 departures
 *       both ways, the long tail 229), 200 hotels × 3 room types × 365 days, 300 cars × 365 days,
 *       500 customers, 300 bookings, 1 000 reviews.
 * bench: ≥ 1M flights (11 112 daily schedules × 90 days: the same busy routes, a ten times longer
 *       tail), 10 000 hotels × 1 room type × 365 days, 2 000 cars × 365 days, 20 000 customers,
 *       2 000 bookings, 20 000 reviews.
 * n:    every demo count × n (rounded, at least 1), 3 room types per hotel. Below demo the busy
 *       routes keep at most 80 % of the schedules, their top routes first (catalog.ts).
 */
const DEMO: Size = { flights: 103_000, hotels: 200, roomTypesPerHotel: 3, cars: 300, customers: 500, bookings: 300, reviews: 1_000, extraAgents: 5 };
const BENCH: Size = { flights: 1_000_000, hotels: 10_000, roomTypesPerHotel: 1, cars: 2_000, customers: 20_000, bookings: 2_000, reviews: 20_000, extraAgents: 20 };

/** The largest factor accepted: beyond it flight numbers would outgrow VARCHAR(8). */
export const MAX_SCALE_FACTOR = 500;

export function parseScale(text: string): SeedScale {
  const t = text.trim().toLowerCase();
  if (t === 'demo' || t === 'bench') return t;
  const n = Number(t);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_SCALE_FACTOR) {
    throw new Error(`--scale must be demo, bench or a number in (0, ${MAX_SCALE_FACTOR}], got "${text}"`);
  }
  return n;
}

function sizeFor(scale: SeedScale): Size {
  if (scale === 'demo') return DEMO;
  if (scale === 'bench') return BENCH;
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE_FACTOR) {
    throw new Error(`scale factor must be in (0, ${MAX_SCALE_FACTOR}], got ${scale}`);
  }
  const times = (x: number) => Math.max(1, Math.round(x * scale));
  return {
    flights: times(DEMO.flights),
    hotels: times(DEMO.hotels),
    roomTypesPerHotel: 3,
    cars: times(DEMO.cars),
    customers: times(DEMO.customers),
    bookings: times(DEMO.bookings),
    reviews: times(DEMO.reviews),
    extraAgents: Math.min(20, Math.max(1, Math.round(DEMO.extraAgents * scale))),
  };
}

export function toIsoDay(value: string | Date): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error('today: invalid Date');
    return value.toISOString().slice(0, 10);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new Error(`today must be YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

export function resolvePlan(opts: SeedOptions = {}): SeedPlan {
  const scale = opts.scale ?? 'demo';
  const size = sizeFor(scale);
  const seed = opts.seed ?? 42;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const today = toIsoDay(opts.today ?? new Date());
  const flightsPerDay = Math.max(1, Math.ceil(size.flights / FLIGHT_DAYS));
  return {
    scale,
    seed: seed | 0,
    today,
    todayMs: Date.parse(`${today}T00:00:00.000Z`),
    flightDays: FLIGHT_DAYS,
    inventoryDays: INVENTORY_DAYS,
    flightsPerDay,
    flights: flightsPerDay * FLIGHT_DAYS,
    hotels: size.hotels,
    roomTypesPerHotel: size.roomTypesPerHotel,
    cars: size.cars,
    customers: size.customers,
    bookings: size.bookings,
    reviews: size.reviews,
    extraAgents: size.extraAgents,
  };
}

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC: the text both engines store instants as. */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** Inverse of formatInstant, for the MongoDB loader (documents carry BSON dates). */
export function parseInstant(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

/** 'HH:MM:00.000' for every minute of a day, so the flight stream formats times without Date. */
export const MINUTE_TEXT: readonly string[] = Array.from({ length: 1440 }, (_, m) => {
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `${hh}:${mm}:00.000`;
});

/** Per-day facts of the plan's calendar (index 0 = today), precomputed once. */
export interface Calendar {
  /** 'YYYY-MM-DD' for day index 0 … inventoryDays + 2 (flights may land a day or two after they leave). */
  days: readonly string[];
  /** 0 = Sunday … 6 = Saturday. */
  weekday: Uint8Array;
  /** Demand multiplier by season and holidays (1 = ordinary). */
  season: Float64Array;
}

function seasonFactor(month: number, dayOfMonth: number): number {
  if ((month === 11 && dayOfMonth >= 18) || (month === 0 && dayOfMonth <= 3)) return 1.3;
  if (month === 10 && dayOfMonth >= 21 && dayOfMonth <= 30) return 1.15;
  if (month === 6 && dayOfMonth <= 7) return 1.25;
  if (month >= 5 && month <= 7) return 1.18;
  if (month === 2) return 1.08;
  if (month === 0 || month === 1) return 0.88;
  if (month === 8 || month === 9) return 0.95;
  return 1;
}

export function buildCalendar(plan: SeedPlan): Calendar {
  const n = plan.inventoryDays + 3;
  const days: string[] = [];
  const weekday = new Uint8Array(n);
  const season = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    const date = new Date(plan.todayMs + d * DAY_MS);
    days.push(date.toISOString().slice(0, 10));
    weekday[d] = date.getUTCDay();
    season[d] = seasonFactor(date.getUTCMonth(), date.getUTCDate());
  }
  return { days, weekday, season };
}
