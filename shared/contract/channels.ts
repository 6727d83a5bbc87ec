import { z } from 'zod';
import { Role } from './roles';
import {
  Airport, AuditEntry, Booking, BookingHistoryEntry, ChangeReplacement, BookingRemark, BookingStatus, CarOffer, Customer, CustomerRemark, FlightOffer, Hold, HotelOffer, Image, Locator,
  Operator, PaymentMethod, Review, TargetKind, UsState,
} from './domain';
import { Cents, CopyIncomplete, Cursor, Email, Iata, Id, ImageUrl, IsoDate, Ok, Page, PageLimit, StateCode, UtcInstant } from './primitives';
import { SyncChannels } from './sync';
import { mutation, query, type ChannelSpec } from './spec';
import { DealChannels } from './deals';
import { ReportChannels } from './reports';
import { BookingTravellerInput, TravellerChannels } from './travellers';
import { DocumentChannels } from './documents';
import { TripChannels } from './trips';
import { JobChannels } from './jobs';
import { MessageChannels } from './messages';
import { CustomerCareChannels } from './customerCare';
import { RefundChannels } from './refunds';
import { CredentialChannels, Password } from './credentials';
import { ImportExportChannels } from './imports';
import { CatalogChannels } from './catalog';
import { HotelNightDay, RateChannels } from './rates';
import { OverbookingChannels } from './overbookings';

const HoldId = z.string().min(1).max(64);
/** Operator administration changes who may sign in on every console: it needs the store of record. */
const ONLINE_ONLY = { offline: 'online-only' } as const;
/** The device keeps no copy of the galleries (only the photos it added), so editing one needs the servers. */
const GALLERY_ONLINE = { offline: 'online-only' } as const;
const Text = (max: number) => z.string().trim().min(1).max(max);

export const CardInput = z.object({
  number: z.string().regex(/^[\d ]{12,23}$/, 'card number: 12 to 19 digits'),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
  cvc: z.string().regex(/^\d{3,4}$/, 'CVC: 3 or 4 digits'),
});

/** What the payment gateway hands back for a card: the only card data TripDesk keeps. */
export const CardToken = z.object({
  // `tok_`, the kind, 24 random hex digits and the gateway's 32-hex-digit signature (integrations/payments).
  token: z.string().regex(/^tok_[a-z][0-9a-f]{56}$/, 'a gateway token'),
  brand: z.string().max(16),
  last4: z.string().regex(/^\d{4}$/),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
});

export const Payment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), paymentMethodId: Id }),
  z.object({ kind: z.literal('card'), card: CardInput, save: z.boolean().default(false) }),
  z.object({ kind: z.literal('token'), token: CardToken, save: z.boolean().default(false) }),
]);

/** A flight names one passenger a seat; a stay its lead guest (and `guests` in all); a car its driver. */
const Travellers = z.array(BookingTravellerInput).min(1).max(9);
export const BookingItemInput = z.union([
  z.object({ kind: z.literal('flight'), holdId: z.string().min(1).max(64), travellers: Travellers }),
  z.object({ kind: z.literal('flight'), flightId: Id, seats: z.number().int().min(1).max(9), travellers: Travellers }),
  z.object({ kind: z.literal('hotel'), roomTypeId: Id, checkIn: IsoDate, checkOut: IsoDate, rooms: z.number().int().min(1).max(9),
    guests: z.number().int().min(1).max(40), travellers: Travellers.max(1, 'a stay names one lead guest') }),
  z.object({ kind: z.literal('car'), carId: Id, pickUp: IsoDate, dropOff: IsoDate, travellers: Travellers.max(1, 'a car names one driver') }),
]);
export type BookingItemInput = z.infer<typeof BookingItemInput>;

const CustomerFields = z.object({
  email: Email,
  firstName: Text(80),
  lastName: Text(80),
  phone: z.string().trim().regex(/^\+?[\d\s().-]{7,20}$/, 'a phone number').nullable().optional(),
  stateCode: StateCode.nullable().optional(),
});

const DayRange = z.object({ from: IsoDate, to: IsoDate });

export const RatingSummary = z.object({ count: z.number().int(), average: z.number().nullable(), byStars: z.array(z.number().int()).length(5) });

export const HoldReceipt = z.object({ holdId: z.string(), expiresAtUtc: UtcInstant, priceCents: Cents, provisional: z.boolean() });

export const CancelPreview = z.object({
  bookingId: Id,
  items: z.array(z.object({ itemId: Id, refundCents: Cents, feeCents: Cents, rule: z.string() })),
  refundCents: Cents,
  feeCents: Cents,
});

/**
 * What a change costs: `differenceCents` is the new price minus the old plus the change fee
 * (flights); above zero it is charged, below zero `refundCents` is what the refund policy gives back.
 */
export const ChangePreview = z.object({
  bookingId: Id,
  itemId: Id,
  kind: z.enum(['flight', 'hotel', 'car']),
  oldLabel: z.string(),
  newLabel: z.string(),
  oldTotalCents: Cents,
  newTotalCents: Cents,
  feeCents: Cents,
  differenceCents: z.number().int(),
  chargeCents: Cents,
  refundCents: Cents,
  rule: z.string(),
});

const ChangeInput = z.object({ bookingId: Id, itemId: Id, replacement: ChangeReplacement });

export const channels = {
  ...CredentialChannels,

  'operators.list': query('admin', z.object({}), z.array(Operator)),
  'operators.create': mutation('admin', z.object({ email: Email, name: Text(120), role: Role, password: Password }), Operator, ONLINE_ONLY),
  'operators.setRole': mutation('admin', z.object({ operatorId: Id, role: Role }), Operator, ONLINE_ONLY),
  'operators.deactivate': mutation('admin', z.object({ operatorId: Id }), Operator, ONLINE_ONLY),

  'customers.create': mutation('agent', CustomerFields, Customer, { offline: 'queued', serverIds: { id: 'users' } }),
  'customers.update': mutation('agent', CustomerFields.partial().extend({ customerId: Id }), Customer,
    { offline: 'queued', basedOn: { table: 'users', idField: 'customerId' }, localIds: { customerId: 'users' } }),
  'customers.get': query('agent', z.object({ customerId: Id }), Customer),
  'customers.addRemark': mutation('agent', z.object({ customerId: Id, text: Text(2000) }), CustomerRemark,
    { offline: 'queued', localIds: { customerId: 'users' }, serverIds: { id: 'customer_remarks' } }),
  /** The customer's remarks, oldest first. */
  'customers.remarks': query('agent', z.object({ customerId: Id }), z.array(CustomerRemark)),
  'customers.search': query('agent', z.object({ q: z.string().max(120).default(''), cursor: Cursor.optional(), limit: PageLimit.default(25) }), Page(Customer)),

  'airports.list': query('agent', z.object({}), z.array(Airport)),
  'states.list': query('agent', z.object({}), z.array(UsState)),

  'flights.search': query('agent', z.object({
    from: Iata.optional(), to: Iata.optional(), date: IsoDate.optional(),
    passengers: z.number().int().min(1).max(9).default(1),
    sort: z.enum(['time', 'price']).default('time'),
    cursor: Cursor.optional(), limit: PageLimit.default(50),
  }), Page(FlightOffer).extend(CopyIncomplete)),
  'flights.get': query('agent', z.object({ flightId: Id }), FlightOffer),
  'hotels.search': query('agent', z.object({
    stateCode: StateCode.optional(), city: z.string().max(80).optional(),
    checkIn: IsoDate, checkOut: IsoDate, rooms: z.number().int().min(1).max(9).default(1),
    sort: z.enum(['price', 'rating']).default('price'), limit: PageLimit.default(100),
  }), z.object({ items: z.array(HotelOffer), ...CopyIncomplete })),
  'cars.search': query('agent', z.object({
    city: z.string().max(80).optional(), stateCode: StateCode.optional(), pickUp: IsoDate, dropOff: IsoDate,
    limit: PageLimit.default(100),
  }), z.object({ items: z.array(CarOffer), ...CopyIncomplete })),

  'holds.create': mutation('agent', z.object({ flightId: Id, seats: z.number().int().min(1).max(9), customerId: Id.optional() }),
    HoldReceipt, { offline: 'queued', localIds: { customerId: 'users' } }),
  'holds.release': mutation('agent', z.object({ holdId: HoldId }), Hold, { offline: 'queued' }),
  /** Once per hold, by the configured hold time, while its seats are still held (HOLD_EXPIRED otherwise). */
  'holds.extend': mutation('agent', z.object({ holdId: HoldId }), HoldReceipt, { offline: 'queued' }),
  'holds.list': query('agent', z.object({}), z.array(Hold)),

  'bookings.create': mutation('agent', z.object({
    customerId: Id, items: z.array(BookingItemInput).min(1).max(10), payment: Payment,
    expectedTotalCents: Cents, priceTolerancePct: z.number().min(0).max(50).default(0),
    /** The locator a console gave the booking offline: kept when still free, else the server gives another. */
    locator: Locator.optional(),
  }), Booking, {
    offline: 'queued',
    mintedOffline: { locator: 'record locator' },
    localIds: { customerId: 'users', 'payment.paymentMethodId': 'payment_methods', 'items[].travellers[].savedTravellerId': 'customer_travellers' },
    // A card saved with the booking (`payment.save`) is named by the booking's billing rows.
    serverIds: {
      id: 'bookings', 'items[].id': 'booking_items', 'billing[].paymentMethodId': 'payment_methods', 'items[].travellers[].id': 'booking_travellers',
    },
    secrets: ['payment.card'],
  }),
  'bookings.get': query('agent', z.object({ bookingId: Id }), Booking),
  'bookings.search': query('agent', z.object({
    customerId: Id.optional(), q: z.string().max(120).optional(), status: BookingStatus.optional(),
    cursor: Cursor.optional(), limit: PageLimit.default(25),
  }), Page(Booking)),
  'bookings.addRemark': mutation('agent', z.object({ bookingId: Id, text: Text(2000), shareable: z.boolean().default(false) }), BookingRemark,
    { offline: 'queued', localIds: { bookingId: 'bookings' }, serverIds: { id: 'booking_remarks' } }),
  /** Who did what to a booking and when, for any agent who can open it. */
  'bookings.history': query('agent', z.object({ bookingId: Id }), z.array(BookingHistoryEntry)),
  'bookings.cancelPreview': query('agent', z.object({ bookingId: Id, itemIds: z.array(Id).min(1).optional() }), CancelPreview),
  'bookings.cancel': mutation('agent', z.object({
    bookingId: Id, itemIds: z.array(Id).min(1).optional(), reason: Text(500),
    overrideRefundCents: Cents.optional(),
  }), Booking, { offline: 'queued', basedOn: { table: 'bookings', idField: 'bookingId' }, localIds: { bookingId: 'bookings', 'itemIds[]': 'booking_items' } }),

  /** What exchanging one item would cost, priced as the change would be (SOLD_OUT if it could not be had); changes nothing. */
  'bookings.changePreview': query('agent', ChangeInput, ChangePreview),
  /**
   * Exchanges one item in one transaction: the new inventory taken, the old released, the fare
   * difference charged (to `payment`, or the booking's saved card) or refunded under the refund policy.
   */
  'bookings.change': mutation('agent', ChangeInput.extend({
    payment: Payment.optional(),
    /** The difference the agent quoted (ChangePreview.differenceCents): another is PRICE_CHANGED. */
    expectedDifferenceCents: z.number().int().min(-10_000_000).max(10_000_000),
  }), Booking, {
    offline: 'queued',
    basedOn: { table: 'bookings', idField: 'bookingId' },
    localIds: { bookingId: 'bookings', itemId: 'booking_items', 'payment.paymentMethodId': 'payment_methods' },
    serverIds: { 'items[].id': 'booking_items', 'items[].travellers[].id': 'booking_travellers', 'movements[].paymentMethodId': 'payment_methods' },
    secrets: ['payment.card'],
  }),
  /** Adds items to a booking (same locator), paid for at once; PRICE_CHANGED and SOLD_OUT as for bookings.create. */
  'bookings.addItems': mutation('agent', z.object({
    bookingId: Id, items: z.array(BookingItemInput).min(1).max(10), payment: Payment,
    expectedTotalCents: Cents, priceTolerancePct: z.number().min(0).max(50).default(0),
  }), Booking, {
    offline: 'queued',
    basedOn: { table: 'bookings', idField: 'bookingId' },
    localIds: { bookingId: 'bookings', 'payment.paymentMethodId': 'payment_methods', 'items[].travellers[].savedTravellerId': 'customer_travellers' },
    serverIds: { 'items[].id': 'booking_items', 'items[].travellers[].id': 'booking_travellers', 'movements[].paymentMethodId': 'payment_methods' },
    secrets: ['payment.card'],
  }),

  'paymentMethods.add': mutation('agent', z.object({ customerId: Id, card: CardInput.optional(), token: CardToken.optional() }), PaymentMethod,
    { offline: 'queued', localIds: { customerId: 'users' }, serverIds: { id: 'payment_methods' }, secrets: ['card'] }),
  'paymentMethods.list': query('agent', z.object({ customerId: Id }), z.array(PaymentMethod)),
  'paymentMethods.remove': mutation('agent', z.object({ paymentMethodId: Id }), Ok, { offline: 'queued', localIds: { paymentMethodId: 'payment_methods' } }),

  /**
   * Resizes and/or reprices a flight. Fewer seats than are sold or held is CONFLICT, unless
   * `allowOverbooking`: then the flight stays full and is listed in Overbooked (overbookings.list).
   */
  'inventory.flights.update': mutation('supervisor', z.object({
    flightId: Id, seatsTotal: z.number().int().min(0).max(1000).optional(), priceCents: Cents.optional(), allowOverbooking: z.boolean().default(false),
  }), FlightOffer, { offline: 'queued' }),
  /** Stay nights with their rate rules (rates.rules.set), for the inventory calendar. */
  'inventory.hotels.days': query('supervisor', DayRange.extend({ roomTypeId: Id }), z.array(HotelNightDay)),
  /** Fewer rooms than are booked on a night is CONFLICT, unless `allowOverbooking` (as for flights). */
  'inventory.hotels.setDays': mutation('supervisor', DayRange.extend({
    roomTypeId: Id, roomsTotal: z.number().int().min(0).max(10000).optional(), priceCents: Cents.optional(), allowOverbooking: z.boolean().default(false),
  }),
    z.object({ daysChanged: z.number().int() }), { offline: 'queued' }),
  'inventory.cars.days': query('supervisor', DayRange.extend({ carId: Id }),
    z.array(z.object({ date: IsoDate, unitsTotal: z.number().int(), unitsBooked: z.number().int(), priceCents: Cents }))),
  'inventory.cars.setDays': mutation('supervisor', DayRange.extend({
    carId: Id, unitsTotal: z.number().int().min(0).max(1000).optional(), priceCents: Cents.optional(), allowOverbooking: z.boolean().default(false),
  }),
    z.object({ daysChanged: z.number().int() }), { offline: 'queued' }),

  'reviews.create': mutation('agent', z.object({ targetKind: TargetKind, targetId: Id, customerId: Id, rating: z.number().int().min(1).max(5), title: z.string().trim().max(200).optional(), text: Text(5000),
    imageUrls: z.array(ImageUrl).max(4).default([]) }), Review, { offline: 'queued', localIds: { customerId: 'users' }, makesDocument: 'reviews' }),
  'reviews.list': query('agent', z.object({ targetKind: TargetKind, targetId: Id, includeHidden: z.boolean().default(false), cursor: Cursor.optional(), limit: PageLimit.default(25) }),
    Page(Review).extend({ summary: RatingSummary })),
  'reviews.reply': mutation('agent', z.object({ reviewId: z.string().min(1).max(64), text: Text(5000) }), Review, { offline: 'queued' }),
  'reviews.moderate': mutation('supervisor', z.object({ reviewId: z.string().min(1).max(64), hidden: z.boolean(), reason: Text(500) }), Review, { offline: 'queued' }),
  'images.list': query('agent', z.object({ targetKind: TargetKind, targetId: Id }), z.array(Image)),
  'images.add': mutation('supervisor', z.object({ targetKind: TargetKind, targetId: Id, url: ImageUrl, caption: z.string().max(200).optional() }), Image, { offline: 'queued', makesDocument: 'images' }),
  /** Takes a photo out of its gallery. The device keeps no copy of galleries, so it needs the servers. */
  'images.remove': mutation('supervisor', z.object({ imageId: z.string().min(1).max(64) }), Ok, GALLERY_ONLINE),
  /** Puts a gallery in this order: `imageIds` names each of its photos once. Answers the gallery. */
  'images.reorder': mutation('supervisor', z.object({ targetKind: TargetKind, targetId: Id, imageIds: z.array(z.string().min(1).max(64)).min(1).max(100) }),
    z.array(Image), GALLERY_ONLINE),


  'audit.list': query('supervisor', z.object({ entity: z.string().max(64).optional(), entityId: z.string().max(64).optional(), operatorId: Id.optional(), from: UtcInstant.optional(), to: UtcInstant.optional(), limit: PageLimit.default(100) }), z.array(AuditEntry)),

  ...SyncChannels,
  ...DealChannels,
  ...ReportChannels,
  ...TravellerChannels,
  ...DocumentChannels,
  ...TripChannels,
  ...JobChannels,
  ...MessageChannels,
  ...CustomerCareChannels,
  ...RefundChannels,
  ...ImportExportChannels,
  ...CatalogChannels,
  ...RateChannels,
  ...OverbookingChannels,
} satisfies Record<string, ChannelSpec>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelArgs<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export const channelNames = Object.keys(channels) as ChannelName[];
export function isChannel(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}
