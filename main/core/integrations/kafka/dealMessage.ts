import { z } from 'zod';
import { DealKind } from '../../../../shared/contract';
import { Cents, IsoDate } from '../../../../shared/contract/primitives';
import { discountPct } from '../../ops/deals/median';
import type { DealDoc } from '../../engine/deals';

/**
 * A deals-pipeline record: one JSON object per Kafka record value (the record key is not used):
 *
 *   {
 *     "eventId": "9b2f…",                  // unique per event; a redelivered event is stored once
 *     "kind": "flight" | "hotel" | "car",
 *     "key": "route:JFK-LAX",              // the listing or route (`hotel:12`, `car:7`)
 *     "targetId": 4711,                    // what "book this" opens: flight, room type or car id
 *     "title": "UA 512 JFK → LAX",
 *     "day": "2026-03-14",                 // optional (or null): departure, check-in or pick-up day
 *     "priceCents": 18900,
 *     "referenceCents": 26900,             // the usual price it is measured against; ≥ priceCents
 *     "discountPct": 29.7,                 // optional: computed from the two prices when absent
 *     "ts": "2026-03-01T09:30:00Z"         // optional: when the pipeline saw it (default: the record's timestamp)
 *   }
 *
 * Unknown fields are ignored, so the pipeline may add some. A record that does not match is
 * logged and skipped with its offset committed: it would be just as wrong on every redelivery.
 */
export const DealMessage = z
  .object({
    eventId: z.string().min(1).max(128),
    kind: DealKind,
    key: z.string().min(1).max(200),
    targetId: z.number().int().positive(),
    title: z.string().min(1).max(300),
    day: IsoDate.nullish(),
    priceCents: Cents,
    referenceCents: Cents.positive(),
    discountPct: z.number().min(0).max(100).optional(),
    ts: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((m) => m.priceCents <= m.referenceCents, { message: 'priceCents must not exceed referenceCents', path: ['priceCents'] });
export type DealMessage = z.infer<typeof DealMessage>;

export type ParsedDeal = { ok: true; deal: DealDoc } | { ok: false; reason: string };

/** A record's value → the document to store, or why it cannot be one. */
export function parseDealMessage(value: Buffer | string | null, recordTimestampMs: number): ParsedDeal {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty value' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch {
    return { ok: false, reason: 'value is not JSON' };
  }
  const parsed = DealMessage.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`);
    return { ok: false, reason: issues.join('; ') };
  }
  const m = parsed.data;
  // Old producers send records without a timestamp (-1): then the time it reached us will do.
  const ts = new Date(m.ts ?? (recordTimestampMs > 0 ? recordTimestampMs : Date.now()));
  return {
    ok: true,
    deal: {
      id: `kafka:${m.eventId}`, eventType: 'deal', kind: m.kind, key: m.key, targetId: m.targetId, title: m.title,
      day: m.day ?? null, priceCents: m.priceCents, referenceCents: m.referenceCents,
      discountPct: m.discountPct ?? discountPct(m.priceCents, m.referenceCents), source: 'kafka', ts,
    },
  };
}
