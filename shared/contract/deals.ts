import { z } from 'zod';
import { Cents, Cursor, Iata, Id, IsoDate, Page, PageLimit, UtcInstant } from './primitives';
import { mutation, query } from './spec';

export const DealKind = z.enum(['flight', 'hotel', 'car']);
export type DealKind = z.infer<typeof DealKind>;

/**
 * A price worth telling a customer about: from the deals pipeline (Kafka) or from TripDesk's own
 * detector (a price well under the listing's trailing 30-day median).
 */
export const Deal = z.object({
  id: z.string(),
  kind: DealKind,
  /** The listing or route the deal is about, e.g. `route:JFK-LAX`, `hotel:12`, `car:7`. */
  key: z.string(),
  /** What "book this" opens: a flight id, a hotel room type id or a car id. */
  targetId: Id,
  title: z.string(),
  /** The day it is for: departure, check-in or pick-up. */
  day: IsoDate.nullable(),
  priceCents: Cents,
  referenceCents: Cents,
  discountPct: z.number().min(0).max(100),
  source: z.enum(['kafka', 'detector']),
  detectedAtUtc: UtcInstant,
});
export type Deal = z.infer<typeof Deal>;

export const WatchTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('route'), from: Iata, to: Iata, dateFrom: IsoDate, dateTo: IsoDate }),
  z.object({ kind: z.literal('hotel'), hotelId: Id, dateFrom: IsoDate, dateTo: IsoDate }),
  z.object({ kind: z.literal('car'), carId: Id, dateFrom: IsoDate, dateTo: IsoDate }),
]);
export type WatchTarget = z.infer<typeof WatchTarget>;

export const WatchCondition = z.discriminatedUnion('kind', [
  /** Fires when a price within the target falls to or under this. */
  z.object({ kind: z.literal('price_below'), priceCents: Cents }),
  /** Fires when seats, rooms or cars can be had again within the target. */
  z.object({ kind: z.literal('available') }),
]);
export type WatchCondition = z.infer<typeof WatchCondition>;

/** What a watch found when it fired: the listing and day to book. */
export const WatchHit = z.object({
  refKind: DealKind,
  refId: Id,
  label: z.string(),
  day: IsoDate,
  priceCents: Cents,
  available: z.number().int().nonnegative(),
});
export type WatchHit = z.infer<typeof WatchHit>;

export const WatchStatus = z.enum(['active', 'triggered']);
export const Watch = z.object({
  id: z.string(),
  customerId: Id,
  target: WatchTarget,
  condition: WatchCondition,
  status: WatchStatus,
  createdAtUtc: UtcInstant,
  createdBy: Id.nullable(),
  triggeredAtUtc: UtcInstant.nullable(),
  hit: WatchHit.nullable(),
  /** The customer is emailed when the watch fires (the agent asked for it on the watch). */
  notifyCustomer: z.boolean(),
  provisional: z.boolean(),
});
export type Watch = z.infer<typeof Watch>;

const dateOrdered = (t: { dateFrom: string; dateTo: string }) => t.dateFrom <= t.dateTo;

export const DealChannels = {
  'deals.list': query('agent', z.object({
    kind: DealKind.optional(),
    /** Deals detected at or after this instant. */
    from: UtcInstant.optional(),
    cursor: Cursor.optional(),
    limit: PageLimit.default(50),
  }), Page(Deal)),

  'watches.create': mutation('agent', z.object({
    customerId: Id,
    target: WatchTarget.refine(dateOrdered, { message: 'dateTo must not be before dateFrom', path: ['dateTo'] }),
    condition: WatchCondition,
    /** Email the customer when it fires (sent by the console that sees it fire, online). */
    notifyCustomer: z.boolean().default(false),
  }), Watch, { offline: 'queued', localIds: { customerId: 'users' }, makesDocument: 'watches' }),
  'watches.list': query('agent', z.object({ customerId: Id.optional(), status: WatchStatus.optional(), limit: PageLimit.default(100) }), z.array(Watch)),
  'watches.delete': mutation('agent', z.object({ watchId: z.string().min(1).max(64) }), z.object({ ok: z.literal(true) }), { offline: 'queued' }),
};

/** Pushed when a watch fires (on a price or inventory change, or on a pull). */
export const WatchTriggered = z.object({ watch: Watch });
