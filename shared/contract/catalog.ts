import { z } from 'zod';
import { FlightOffer, LocalDateTime, Locator } from './domain';
import { Cents, Iata, Id, IsoDate, StateCode, UtcInstant } from './primitives';
import { CancellationPolicy } from './rates';
import { mutation, query } from './spec';

const Text = (max: number) => z.string().trim().min(1).max(max);
/** A clock time on the hotel's wall, 24-hour: '15:00'. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 15:00');
/** A schedule's local date and time at an airport, without an offset: '2026-12-03T08:15'. */
export const LocalWallTime = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, 'a local date and time such as 2026-12-03T08:15');
export const Transmission = z.enum(['automatic', 'manual']);

export const CatalogRoomType = z.object({
  id: Id,
  hotelId: Id,
  name: z.string(),
  beds: z.string(),
  maxGuests: z.number().int(),
  basePriceCents: Cents,
  active: z.boolean(),
});
export type CatalogRoomType = z.infer<typeof CatalogRoomType>;

export const CatalogHotel = z.object({
  id: Id,
  name: z.string(),
  address: z.string(),
  city: z.string(),
  stateCode: StateCode,
  starRating: z.number().int().min(1).max(5),
  amenities: z.array(z.string()),
  checkInTime: ClockTime,
  checkOutTime: ClockTime,
  active: z.boolean(),
  /** The property's own cancellation policy; null: it follows the console's. */
  cancellationPolicy: CancellationPolicy.nullable(),
  /** The policy its stays are refunded under: its own, or the console's. */
  appliedCancellationPolicy: CancellationPolicy,
  roomTypes: z.array(CatalogRoomType),
});
export type CatalogHotel = z.infer<typeof CatalogHotel>;

/** Where a car is collected: at an airport's rental desk (the car's city is the airport's), or a city office. */
export const CarPickUp = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('airport'), airport: Iata }),
  z.object({ kind: z.literal('city'), city: Text(64), stateCode: StateCode }),
]);

export const CatalogCar = z.object({
  id: Id,
  company: z.string(),
  model: z.string(),
  carClass: z.string(),
  seats: z.number().int(),
  transmission: Transmission,
  /** The pick-up airport, or null for a city office. */
  airport: Iata.nullable(),
  city: z.string(),
  stateCode: StateCode,
  basePriceCents: Cents,
  active: z.boolean(),
});
export type CatalogCar = z.infer<typeof CatalogCar>;

export const CatalogFlight = FlightOffer.extend({ active: z.boolean() });
export type CatalogFlight = z.infer<typeof CatalogFlight>;

/** A booking whose flight moved: it is in Needs attention until an agent has told the customer. */
export const ScheduleChange = z.object({
  id: Id,
  flightId: Id,
  flightNumber: z.string(),
  from: Iata,
  to: Iata,
  bookingId: Id,
  itemId: Id,
  locator: Locator,
  customerName: z.string(),
  oldDepartureLocal: LocalDateTime,
  oldArrivalLocal: LocalDateTime,
  newDepartureLocal: LocalDateTime,
  newArrivalLocal: LocalDateTime,
  changedAtUtc: UtcInstant,
  changedByName: z.string().nullable(),
  acknowledgedAtUtc: UtcInstant.nullable(),
  acknowledgedByName: z.string().nullable(),
});
export type ScheduleChange = z.infer<typeof ScheduleChange>;

/**
 * The catalogue is saved online only: a new hotel, room type, car or flight takes its id from the
 * store of record (they are not tables a device mints local ids for), new room types and cars get a
 * year of inventory there at once, and a schedule change must find every console's bookings.
 */
const ONLINE_ONLY = { offline: 'online-only' } as const;
const Listing = z.object({ q: z.string().trim().max(80).default(''), includeInactive: z.boolean().default(false) });

export const CatalogChannels = {
  /** Hotels by name or city (every one without `q`), with their room types; at most 200, by name. */
  'catalog.hotels.list': query('agent', Listing, z.array(CatalogHotel)),
  'catalog.hotels.get': query('agent', z.object({ hotelId: Id }), CatalogHotel),
  /** Creates a hotel, or with `hotelId` replaces its details; `active: false` takes it and its rooms off sale. */
  'catalog.hotels.save': mutation('supervisor', z.object({
    hotelId: Id.optional(),
    name: Text(160), address: Text(200), city: Text(64), stateCode: StateCode,
    starRating: z.number().int().min(1).max(5),
    amenities: z.array(Text(40)).max(30).default([]),
    checkInTime: ClockTime.default('15:00'), checkOutTime: ClockTime.default('11:00'),
    active: z.boolean().default(true),
    /** The property's own cancellation policy; null goes back to the console's; left out, an edit keeps what the hotel has. */
    cancellationPolicy: CancellationPolicy.nullable().optional(),
  }), CatalogHotel, ONLINE_ONLY),
  /**
   * Creates a room type with `roomsPerNight` rooms on sale at the base price for each of the next
   * 365 nights, or with `roomTypeId` edits one (its inventory days are inventory.hotels.setDays').
   */
  'catalog.roomTypes.save': mutation('supervisor', z.object({
    roomTypeId: Id.optional(), hotelId: Id,
    name: Text(80), beds: Text(60), maxGuests: z.number().int().min(1).max(20), basePriceCents: Cents.refine((n) => n > 0, 'a price above 0'),
    roomsPerNight: z.number().int().min(0).max(10_000).default(10),
    active: z.boolean().default(true),
  }), CatalogRoomType, ONLINE_ONLY),
  'catalog.cars.list': query('agent', Listing, z.array(CatalogCar)),
  'catalog.cars.get': query('agent', z.object({ carId: Id }), CatalogCar),
  /** Creates a car with `unitsPerDay` for rent at the base price on each of the next 365 days, or with `carId` edits one. */
  'catalog.cars.save': mutation('supervisor', z.object({
    carId: Id.optional(),
    company: Text(64), model: Text(64), carClass: Text(32), seats: z.number().int().min(1).max(15), transmission: Transmission,
    pickUp: CarPickUp, basePriceCents: Cents.refine((n) => n > 0, 'a price above 0'),
    unitsPerDay: z.number().int().min(0).max(1000).default(1),
    active: z.boolean().default(true),
  }), CatalogCar, ONLINE_ONLY),
  /**
   * Flights of the schedule for the Catalogue, by route and local departure date at the origin (from
   * now on without a date), with those off sale when `includeInactive`: where a deactivated flight
   * is found again and put back on sale. At most 200, by departure.
   */
  'catalog.flights.list': query('supervisor', z.object({
    from: Iata.optional(), to: Iata.optional(), date: IsoDate.optional(), includeInactive: z.boolean().default(false),
  }), z.array(CatalogFlight)),
  /**
   * Creates a flight, or with `flightId` edits one. Times are the local clock at each airport. When
   * an edit moves the departure or arrival, every booking on the flight gets a remark and a
   * schedule change in Needs attention, and the answer lists them.
   */
  'catalog.flights.save': mutation('supervisor', z.object({
    flightId: Id.optional(),
    flightNumber: z.string().trim().regex(/^[A-Z0-9]{2} ?\d{1,4}$/, 'a flight number such as DL 401'),
    airline: Text(64), from: Iata, to: Iata,
    departureLocal: LocalWallTime, arrivalLocal: LocalWallTime,
    seatsTotal: z.number().int().min(1).max(1000), priceCents: Cents.refine((n) => n > 0, 'a fare above 0'),
    active: z.boolean().default(true),
  }), z.object({
    flight: CatalogFlight,
    /** The bookings a schedule change moved (none for a new flight or an edit that kept the times). */
    affectedBookings: z.array(z.object({ bookingId: Id, locator: Locator, customerName: z.string(), itemId: Id })),
  }), ONLINE_ONLY),
  /** Schedule changes not yet acknowledged, oldest first (with `bookingId`, that booking's, acknowledged too). */
  'catalog.scheduleChanges.list': query('agent', z.object({ bookingId: Id.optional() }), z.array(ScheduleChange)),
  /** The customer has been told: the change leaves Needs attention (audited; queued offline). */
  'catalog.scheduleChanges.acknowledge': mutation('agent', z.object({ scheduleChangeId: Id }), ScheduleChange, { offline: 'queued' }),
};
