/**
 * The rollup job: brings `analytics_aggregates` up to date with the bookings, incrementally.
 *
 * It finds the days touched since its last run, recomputes each of those whole days from the
 * bookings tables (dailyFigures) and replaces their documents, so running it twice, or over a day
 * it already did, changes nothing. Central mode rolls MySQL up into MongoDB; standalone and offline
 * roll the device's SQLite (in offline mode that is the device's own copy of the bookings) up into
 * its SQLite tables.
 *
 * The watermark is the newest bookings.updated_at_utc seen and the highest booking id: a booking is
 * written with updated_at = created_at, and a cancellation moves updated_at, so "updated since the
 * watermark, or a newer id" finds every booking whose days need recomputing (its created day, and
 * the days its items were cancelled). The times come from the writers' clocks, so the search looks
 * back LOOKBACK_MS further than the watermark for writers whose clock runs behind or whose
 * transaction committed late; rows that arrive with old times (a device pulling others' bookings
 * after a long time offline) carry server ids above the watermark's.
 */
import { DAY_MS, toDbInstant, utcDay } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';
import type { RollupStore } from '../../engine/rollups';
import type { Engine } from '../context';
import { dailyFigures, dayStarts } from './dailyFigures';

const LOOKBACK_MS = 10 * 60_000;
/** Past this many separate runs of days, one span from the first to the last is cheaper to redo. */
const MAX_SPANS = 8;

interface Watermark { updatedAt: string; maxId: number }

export interface RollupReport {
  /** Days recomputed (each replaced whole). */
  days: number;
  docs: number;
  /** No watermark yet: every day with bookings was rolled up. */
  full: boolean;
  rolledUpAt: Date;
}

function parseWatermark(text: string | null): Watermark | null {
  if (!text) return null;
  try {
    const w = JSON.parse(text) as Partial<Watermark>;
    return typeof w.updatedAt === 'string' && typeof w.maxId === 'number' ? { updatedAt: w.updatedAt, maxId: w.maxId } : null;
  } catch {
    return null;
  }
}

/** Every day holding a booking's sale or a cancellation; [] when there are no bookings. */
async function allDays(db: SqlSession): Promise<string[]> {
  const r = await db.get<{ a: string | null; b: string | null }>('SELECT MIN(DATE(created_at_utc)) AS a, MAX(DATE(created_at_utc)) AS b FROM bookings');
  const c = await db.get<{ a: string | null; b: string | null }>('SELECT MIN(DATE(cancelled_at_utc)) AS a, MAX(DATE(cancelled_at_utc)) AS b FROM booking_items');
  const ends = [r?.a, r?.b, c?.a, c?.b].filter((d): d is string => typeof d === 'string').sort();
  return ends.length === 0 ? [] : [ends[0] ?? '', ends[ends.length - 1] ?? ''];
}

async function touchedDays(db: SqlSession, since: Watermark): Promise<string[]> {
  const after = toDbInstant(Date.parse(`${since.updatedAt.replace(' ', 'T')}Z`) - LOOKBACK_MS);
  const sold = await db.all<{ day: string }>('SELECT DISTINCT DATE(created_at_utc) AS day FROM bookings WHERE updated_at_utc >= ? OR id > ?', [after, since.maxId]);
  const cancelled = await db.all<{ day: string }>(
    `SELECT DISTINCT DATE(i.cancelled_at_utc) AS day FROM booking_items i JOIN bookings b ON b.id = i.booking_id
     WHERE i.cancelled_at_utc IS NOT NULL AND (b.updated_at_utc >= ? OR b.id > ?)`, [after, since.maxId]);
  return [...new Set([...sold, ...cancelled].map((r) => String(r.day)))].sort();
}

/** Sorted days → [from, to) spans of consecutive days, merged into one when there are too many. */
export function spansOf(days: string[]): Array<[string, string]> {
  const spans: Array<[string, string]> = [];
  for (const day of days) {
    const last = spans[spans.length - 1];
    const next = utcDay(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
    if (last && last[1] === day) last[1] = next;
    else spans.push([day, next]);
  }
  const first = spans[0];
  const final = spans[spans.length - 1];
  return spans.length > MAX_SPANS && first && final ? [[first[0], final[1]]] : spans;
}

async function runOnce(engine: Engine, now: number): Promise<RollupReport> {
  const store = engine.docs.rollups;
  const db = engine.sql;
  const state = await store.readState();
  const previous = parseWatermark(state.watermark);
  // Read before computing: whatever is written meanwhile is newer than this and is seen next run.
  const top = await db.get<{ u: string | null; m: number | null }>('SELECT MAX(updated_at_utc) AS u, MAX(id) AS m FROM bookings');
  const next: Watermark = { updatedAt: top?.u ?? previous?.updatedAt ?? toDbInstant(now), maxId: Math.max(Number(top?.m ?? 0), previous?.maxId ?? 0) };

  let spans: Array<[string, string]>;
  if (previous) {
    spans = spansOf(await touchedDays(db, previous));
  } else {
    const [first, last] = await allDays(db);
    spans = first && last ? [[first, utcDay(Date.parse(`${last}T00:00:00Z`) + DAY_MS)]] : [];
  }
  let days = 0;
  let docs = 0;
  for (const [from, to] of spans) {
    const figures = await dailyFigures(db, from, to);
    const starts = dayStarts(from, to);
    await store.replaceDays(starts, figures);
    days += starts.length;
    docs += figures.length;
  }
  const rolledUpAt = new Date(now);
  await store.writeState({ watermark: JSON.stringify(next), rolledUpAt });
  return { days, docs, full: previous === null, rolledUpAt };
}

/** One run at a time per store: a second caller waits for the run in progress and shares it. */
const running = new WeakMap<RollupStore, Promise<RollupReport>>();

export function rollUpBookings(engine: Engine, now: number): Promise<RollupReport> {
  const store = engine.docs.rollups;
  const current = running.get(store);
  if (current) return current;
  const run = runOnce(engine, now).finally(() => running.delete(store));
  running.set(store, run);
  return run;
}
