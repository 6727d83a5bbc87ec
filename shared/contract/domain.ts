import { z } from 'zod';
import { Cents, Email, Iata, Id, IsoDate, OpId, StateCode, UtcInstant } from './primitives';
import { Role } from './roles';
import { LOCATOR_PATTERN } from '../locator';
import { BookingTraveller } from './travellers';

export const Operator = z.object({ id: Id, email: Email, name: z.string(), role: Role, active: z.boolean() });
export type Operator = z.infer<typeof Operator>;

export const SessionUser = z.object({ id: Id, email: Email, name: z.string(), role: Role });
export type SessionUser = z.infer<typeof SessionUser>;

export const Customer = z.object({
  id: Id,
  email: Email,
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  stateCode: StateCode.nullable(),
  createdAtUtc: UtcInstant,
  provisional: z.boolean(),
  /** Merged into this other record (customers.merge): open that one instead. */
  mergedIntoId: Id.nullable().optional(),
  /** Personal data erased at the customer's request (customers.erase); bookings and billing stay. */
  erasedAtUtc: UtcInstant.nullable().optional(),
});
export type Customer = z.infer<typeof Customer>;

export const UsState = z.object({ code: StateCode, name: z.string() });
/** `timeZone`: the airport's IANA zone ('America/Phoenix'); local times are worked out from it, never stored. */
export const Airport = z.object({ iata: Iata, name: z.string(), city: z.string(), stateCode: StateCode, timeZone: z.string() });
/** ISO-8601 local date-time with the offset in force then: '2026-12-03T08:15:00-05:00'. */
export const LocalDateTime = z.iso.datetime({ offset: true, local: false });

export const FlightOffer = z.object({
  id: Id,
  flightNumber: z.string(),
  airline: z.string(),
  from: Iata,
  to: Iata,
  departUtc: UtcInstant,
  arriveUtc: UtcInstant,
  /** The same instants on the clock at the origin and at the destination (shared/localTime.ts). */
  departureLocal: LocalDateTime,
  arrivalLocal: LocalDateTime,
  departureTimeZone: z.string(),
  arrivalTimeZone: z.string(),
  priceCents: Cents,
  seatsAvailable: z.number().int().nonnegative(),
  seatsTotal: z.number().int().nonnegative(),
});
export type FlightOffer = z.infer<typeof FlightOffer>;

export const NightPrice = z.object({ date: IsoDate, priceCents: Cents, roomsLeft: z.number().int() });
export const HotelOffer = z.object({
  hotelId: Id,
  hotelName: z.string(),
  city: z.string(),
  stateCode: StateCode,
  starRating: z.number().int(),
  roomTypeId: Id,
  roomTypeName: z.string(),
  nights: z.array(NightPrice),
  totalCents: Cents,
  rating: z.number().nullable(),
  /** The hotel's first photo, for a thumbnail. */
  imageUrl: z.string().nullable(),
  /** Set when the stay breaks a rate rule ("Minimum stay 3 nights from 2026-12-24"): shown, but it cannot be booked. */
  restriction: z.string().optional(),
});
export type HotelOffer = z.infer<typeof HotelOffer>;

export const CarOffer = z.object({
  carId: Id,
  company: z.string(),
  model: z.string(),
  carClass: z.string(),
  city: z.string(),
  stateCode: StateCode,
  days: z.array(z.object({ date: IsoDate, priceCents: Cents })),
  totalCents: Cents,
  imageUrl: z.string().nullable(),
});
export type CarOffer = z.infer<typeof CarOffer>;

export const HoldStatus = z.enum(['active', 'converted', 'released', 'expired']);
export const Hold = z.object({
  holdId: z.string(),
  flightId: Id,
  seats: z.number().int().positive(),
  priceCents: Cents,
  expiresAtUtc: UtcInstant,
  status: HoldStatus,
  customerId: Id.nullable(),
  provisional: z.boolean(),
});
export type Hold = z.infer<typeof Hold>;

export const BillingStatus = z.enum(['pending', 'authorized', 'captured', 'refunded', 'failed', 'voided']);
export const BillingRow = z.object({
  id: Id,
  status: BillingStatus,
  amountCents: Cents,
  atUtc: UtcInstant,
  paymentMethodId: Id.nullable(),
  gatewayRef: z.string().nullable(),
  note: z.string().nullable(),
});

export const ItemKind = z.enum(['flight', 'hotel', 'car']);
export const BookingItem = z.object({
  id: Id,
  kind: ItemKind,
  refId: Id,
  label: z.string(),
  startUtc: UtcInstant,
  endUtc: UtcInstant,
  quantity: z.number().int().positive(),
  totalCents: Cents,
  status: z.enum(['active', 'cancelled']),
  refundCents: Cents,
  /** Passengers (one a seat), the lead guest, or the driver; none on bookings made before travellers were kept. */
  travellers: z.array(BookingTraveller),
  /**
   * A flight's origin and destination zones, to show startUtc/endUtc as local times. Absent for
   * hotels and cars, whose start and end are calendar days (check-in, pick-up) stored as 00:00 UTC.
   */
  startTimeZone: z.string().optional(),
  endTimeZone: z.string().optional(),
  /** Set on an item that was changed (bookings.change): cancelled, and exchanged for this item of the booking. */
  exchangedForItemId: Id.nullable().optional(),
});
/**
 * One movement of money on a booking: a charge (the booking, an addition, a change's fare
 * difference and fee) or a refund (a cancellation, a change to a lower fare). Billing keeps one
 * running total per status (the seed's unique key); the movements are what it is the sum of.
 */
export const MoneyMovement = z.object({
  id: Id,
  kind: z.enum(['charge', 'refund']),
  amountCents: Cents,
  atUtc: UtcInstant,
  operatorId: Id.nullable(),
  operatorName: z.string().nullable(),
  reason: z.string(),
  /** The saved card, when it was one; `paymentLabel` says which card either way ("Visa ending 4242"). */
  paymentMethodId: Id.nullable(),
  paymentLabel: z.string().nullable(),
  gatewayRef: z.string().nullable(),
  /** The item it was for (a change or an addition), when it was for one. */
  itemId: Id.nullable(),
  provisional: z.boolean(),
});
export type MoneyMovement = z.infer<typeof MoneyMovement>;
export const BookingStatus = z.enum(['confirmed', 'partially_cancelled', 'cancelled', 'payment_failed']);
/** What the agent reads out to the customer: six characters, no I, O, 0 or 1 (shared/locator.ts). */
export const Locator = z.string().regex(LOCATOR_PATTERN, 'a record locator: six letters and digits such as K7QM2T');
/** A remark on a booking, in order, with its author; a shareable one is for the customer's itinerary. */
export const BookingRemark = z.object({
  id: Id,
  bookingId: Id,
  text: z.string(),
  shareable: z.boolean(),
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  atUtc: UtcInstant,
  provisional: z.boolean(),
});
export type BookingRemark = z.infer<typeof BookingRemark>;
export const CustomerRemark = z.object({
  id: Id,
  customerId: Id,
  text: z.string(),
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  atUtc: UtcInstant,
  provisional: z.boolean(),
});
export type CustomerRemark = z.infer<typeof CustomerRemark>;
/** One line of a booking's history: who (by name), what (money as money), when (UTC; shown local). */
export const BookingHistoryEntry = z.object({
  atUtc: UtcInstant,
  operatorId: Id.nullable(),
  operatorName: z.string().nullable(),
  kind: z.enum(['booked', 'remark', 'cancelled', 'changed']),
  what: z.string(),
});
export type BookingHistoryEntry = z.infer<typeof BookingHistoryEntry>;
/** A refund that waited, or waits, for a supervisor (above TRIPDESK_REFUND_APPROVAL_CENTS, or an override). */
export const RefundRequest = z.object({
  id: Id,
  bookingId: Id,
  locator: Locator,
  customerName: z.string(),
  amountCents: Cents,
  /** What the refund policy alone would have given (an override differs). */
  policyCents: Cents,
  isOverride: z.boolean(),
  reason: z.string(),
  state: z.enum(['pending', 'approved', 'denied']),
  requestedByName: z.string().nullable(),
  requestedAtUtc: UtcInstant,
  decidedByName: z.string().nullable(),
  decidedAtUtc: UtcInstant.nullable(),
  decisionReason: z.string().nullable(),
  provisional: z.boolean(),
});
export type RefundRequest = z.infer<typeof RefundRequest>;

export const Booking = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  bookingType: z.enum(['flight', 'hotel', 'car', 'package']),
  status: BookingStatus,
  totalCents: Cents,
  refundedCents: Cents,
  createdAtUtc: UtcInstant,
  createdBy: Id.nullable(),
  locator: Locator,
  /** The operator who booked it, by name (null for a seeded or imported booking). */
  createdByName: z.string().nullable(),
  /** The console it was booked on (its TRIPDESK_CONSOLE_NAME), when known. */
  bookedOn: z.string().nullable(),
  /** Booked on a console while the servers were away; with `provisional` false, it has synced. */
  madeOffline: z.boolean(),
  remarks: z.array(BookingRemark),
  items: z.array(BookingItem),
  billing: z.array(BillingRow),
  /**
   * Every charge and refund, oldest first; they add up to totalCents charged and refundedCents
   * refunded. The core always sends them (optional only so that screens' hand-made bookings need not).
   */
  movements: z.array(MoneyMovement).optional(),
  /** Refunds that waited or wait for a supervisor's approval, oldest first (optional as `movements`). */
  refundRequests: z.array(RefundRequest).optional(),
  provisional: z.boolean(),
});
export type Booking = z.infer<typeof Booking>;

export const PaymentMethod = z.object({
  id: Id,
  customerId: Id,
  brand: z.string(),
  last4: z.string().regex(/^\d{4}$/),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int(),
});
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const TargetKind = z.enum(['hotel', 'flight', 'car']);
export const Review = z.object({
  id: z.string(),
  targetKind: TargetKind,
  targetId: Id,
  customerId: Id,
  rating: z.number().int().min(1).max(5),
  title: z.string().nullable(),
  text: z.string(),
  createdAtUtc: UtcInstant,
  reply: z.object({ text: z.string(), byOperatorId: Id, atUtc: UtcInstant }).nullable(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  imageUrls: z.array(z.string()),
  provisional: z.boolean(),
});
export type Review = z.infer<typeof Review>;

export const Image = z.object({ id: z.string(), targetKind: TargetKind, targetId: Id, url: z.url(), caption: z.string().nullable() });

export const AuditEntry = z.object({
  id: z.string(),
  atUtc: UtcInstant,
  operatorId: Id.nullable(),
  channel: z.string(),
  opId: OpId.nullable(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** What a booked item is exchanged for: another flight (the same travellers), other dates or another room type, other dates or another car. */
export const ChangeReplacement = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flight'), flightId: Id }),
  z.object({ kind: z.literal('hotel'), roomTypeId: Id, checkIn: IsoDate, checkOut: IsoDate }),
  z.object({ kind: z.literal('car'), carId: Id, pickUp: IsoDate, dropOff: IsoDate }),
]);
export type ChangeReplacement = z.infer<typeof ChangeReplacement>;
