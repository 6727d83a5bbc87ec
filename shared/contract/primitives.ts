import { z } from 'zod';

/** Server ids are positive; a record made offline has a negative local id until it syncs. */
export const Id = z.number().int().refine((n) => n !== 0, 'an id (not 0)');
/** Money is always integer cents, never floats. */
export const Cents = z.number().int().nonnegative();
/** Instants travel as ISO-8601 in UTC with a trailing Z. */
export const UtcInstant = z.iso.datetime({ offset: false });
/** Calendar days (stay dates, rental days) as YYYY-MM-DD. */
export const IsoDate = z.iso.date();
/** Idempotency key for a mutation; the client makes a UUIDv7 when it has none. */
export const OpId = z.uuid();
export const Iata = z.string().regex(/^[A-Z]{3}$/, 'a three-letter IATA code such as JFK');
export const StateCode = z.string().regex(/^[A-Z]{2}$/, 'a two-letter state code such as NY');
export const Email = z.email().max(190);
export const Cursor = z.string().max(200);
export const PageLimit = z.number().int().min(1).max(500);

export const Page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/**
 * On a search answered offline from a copy whose download stopped before the tables it reads:
 * the results may be missing some. Absent when the answer is whole.
 */
export const CopyIncomplete = { incomplete: z.literal(true).optional() };

export const Ok = z.object({ ok: z.literal(true) });
/** Image links: https only, so a thumbnail never loads over plain HTTP or from a local file. */
export const ImageUrl = z.url({ protocol: /^https$/ }).max(500);
