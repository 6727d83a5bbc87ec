import { z } from 'zod';
import { Booking, ChangeReplacement, ItemKind, Locator } from './domain';
import { ErrorCode } from './errors';
import { Cents, Id, IsoDate, UtcInstant } from './primitives';
import { mutation, query } from './spec';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** A booked item on overbooked inventory, with what a supervisor needs to call the customer. */
export const OverbookedItem = z.object({
  itemId: Id,
  bookingId: Id,
  locator: Locator,
  customerName: z.string(),
  customerEmail: z.string(),
  kind: ItemKind,
  label: z.string(),
  startUtc: UtcInstant,
  endUtc: UtcInstant,
  /** Seats, rooms (a car is 1). */
  quantity: z.number().int(),
  totalCents: Cents,
  /** Passengers, the lead guest or the driver, by name. */
  travellers: z.array(z.string()),
});
export type OverbookedItem = z.infer<typeof OverbookedItem>;

/**
 * One flight, room type or car with more booked than it can carry: set below what is booked
 * (`capacity`), or a flight taken off sale (`offSale`, capacity 0). Hotel and car shortfalls are
 * per night or day: `days` names each one still over, `over` is the largest of them.
 */
export const Shortfall = z.object({
  key: z.string(),
  kind: ItemKind,
  inventoryId: Id,
  reason: z.enum(['capacity', 'offSale']),
  label: z.string(),
  /** Flights: the departure; stays and rentals: the first day over. */
  startUtc: UtcInstant,
  booked: z.number().int(),
  capacity: z.number().int(),
  over: z.number().int(),
  days: z.array(z.object({ date: IsoDate, booked: z.number().int(), capacity: z.number().int() })),
  openedAtUtc: UtcInstant.nullable(),
  openedByName: z.string().nullable(),
  items: z.array(OverbookedItem),
});
export type Shortfall = z.infer<typeof Shortfall>;

/** Something an overbooked item can be moved to, priced as the move would be (no change fee). */
export const MoveOption = z.object({
  to: ChangeReplacement,
  label: z.string(),
  startUtc: UtcInstant,
  newTotalCents: Cents,
  /** New minus old: charged above zero, refunded in full below. */
  differenceCents: z.number().int(),
});
export type MoveOption = z.infer<typeof MoveOption>;

export const OverbookingResolution = z.discriminatedUnion('action', [
  z.object({
    itemId: Id, action: z.literal('move'), to: ChangeReplacement,
    /** The difference the supervisor was shown (MoveOption.differenceCents): another is PRICE_CHANGED for this item. */
    expectedDifferenceCents: z.number().int().min(-10_000_000).max(10_000_000).optional(),
  }),
  z.object({ itemId: Id, action: z.literal('cancel') }),
]);

/** Each item's own outcome: one refused item does not undo the others. */
export const ResolutionOutcome = z.discriminatedUnion('ok', [
  z.object({ itemId: Id, ok: z.literal(true), action: z.enum(['move', 'cancel']), booking: Booking, chargedCents: Cents, refundedCents: Cents, what: z.string() }),
  z.object({ itemId: Id, ok: z.literal(false), action: z.enum(['move', 'cancel']), error: z.object({ code: ErrorCode, message: z.string(), details: z.unknown().optional() }) }),
]);
export type ResolutionOutcome = z.infer<typeof ResolutionOutcome>;

/**
 * Overbooking resolution is a supervisor's desk work against the store of record: every console
 * must see the same shortfall shrink as bookings are moved, so it needs the servers (offline it
 * is OFFLINE). Each item's move or cancel is its own transaction, audited on its booking.
 */
export const OverbookingChannels = {
  /** Every flight, room type and car with more booked than it carries (departed and past days left out), with the bookings on it. */
  'overbookings.list': query('supervisor', z.object({}), z.array(Shortfall)),
  /** Where one overbooked item can go: other flights on the route that day, other room types of the hotel, other cars in the city. */
  'overbookings.moveOptions': query('supervisor', z.object({ itemId: Id }), z.array(MoveOption)),
  /**
   * Moves (a change: the fare difference charged to the booking's card or refunded in full, no
   * change fee) or cancels (a full refund, at once) each item, one by one in its own transaction.
   */
  'overbookings.resolve': mutation('supervisor', z.object({
    items: z.array(OverbookingResolution).min(1).max(200),
    reason: Text(500),
  }), z.object({ outcomes: z.array(ResolutionOutcome) }), { offline: 'online-only' }),
};
