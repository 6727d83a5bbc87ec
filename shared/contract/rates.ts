import { z } from 'zod';
import { Cents, Id, IsoDate } from './primitives';
import { mutation } from './spec';

/** The longest minimum stay a night may ask for: a stay is at most 30 nights (search/stayDays). */
export const MAX_MIN_STAY_NIGHTS = 30;

/**
 * A property's cancellation policy: a full refund until `freeCancelHours` before check-in, then
 * `lateFeePct` of the price is kept. A hotel without one follows the console's (config.ts).
 */
export const CancellationPolicy = z.object({
  freeCancelHours: z.number().int().min(0).max(8760),
  lateFeePct: z.number().int().min(0).max(100),
});
export type CancellationPolicy = z.infer<typeof CancellationPolicy>;

/**
 * A stay night of a room type as the inventory calendar shows it: capacity, price and the rate
 * rules on that day. `minStayNights` binds stays arriving that day (1: no rule); `closedToArrival`
 * refuses check-ins on it, `closedToDeparture` check-outs.
 */
export const HotelNightDay = z.object({
  date: IsoDate,
  roomsTotal: z.number().int(),
  roomsBooked: z.number().int(),
  priceCents: Cents,
  minStayNights: z.number().int().min(1),
  closedToArrival: z.boolean(),
  closedToDeparture: z.boolean(),
});
export type HotelNightDay = z.infer<typeof HotelNightDay>;

export const RateChannels = {
  /**
   * Sets rate rules on every night of [from, to] (both included) of a room type, in one
   * transaction: the fields given change, the others stay. The nights must be on sale already
   * (NOT_FOUND names those that are not). Queued offline like inventory.hotels.setDays.
   */
  'rates.rules.set': mutation('supervisor', z.object({
    roomTypeId: Id, from: IsoDate, to: IsoDate,
    minStayNights: z.number().int().min(1).max(MAX_MIN_STAY_NIGHTS).optional(),
    closedToArrival: z.boolean().optional(),
    closedToDeparture: z.boolean().optional(),
  }), z.object({ daysChanged: z.number().int() }), { offline: 'queued' }),
};
