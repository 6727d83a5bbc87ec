import { placeholders, type SqlSession, type SqlValue } from '../../engine/sql';
import { DAY_MS, utcDay } from '../../../../shared/time';
import type { InventoryChange } from '../inventory/inventoryChange';
import type { DayTable } from '../inventory/inventoryDays';
import { CAR_DAYS, HOTEL_NIGHTS } from '../inventory/dayTables';
import type { CsvLine, HeaderRule, ProblemLog, Progress } from './csvLines';
import { readCount, readDate, readId, readPrice } from './lineFields';
import { inBatches, yieldToEventLoop, type Plan, type Sheet } from './sheet';

/** One line of a rate sheet: a price (and perhaps a capacity) for a thing over some days. */
export interface RateLine {
  line: number;
  /** The column the line names its thing by (hotel_id expands to every room type of the hotel). */
  keyField: string;
  keyId: number;
  from: string;
  to: string;
  priceCents: number;
  total: number | null;
}

interface DayRow { key: number; day: string; total: number; priceCents: number; line: number }

/** A line covers at most a year of days: a longer range is a typo more often than a plan. */
const MAX_LINE_DAYS = 366;
/** Rows one file may write in all, so a file of long ranges cannot grow without bound. */
const MAX_ROWS = 1_000_000;
/** Rows per multi-row upsert: 500 × 4 values stays far below both engines' parameter limits. */
const UPSERT_ROWS = 500;
const LOOKUP_IDS = 500;

interface RateSheetSpec {
  table: DayTable;
  /** Columns that may name the thing; the first is the thing itself. */
  keyColumns: readonly string[];
  /** `hotel_id` → the table of its children and their parent column. */
  parentOf?: { column: string; table: string; parentColumn: string; entity: string };
  totalColumn: string;
  maxTotal: number;
  /** "room type 211", "car 301". */
  entity: string;
  /** What a capacity is counted in: "rooms", "cars". */
  units: string;
  change(key: number, from: string, to: string): InventoryChange;
}

function rateSheet(spec: RateSheetSpec): Sheet<RateLine> {
  const header: HeaderRule = {
    required: [],
    oneOf: [spec.keyColumns, ['date', 'from'], ['price_usd', 'price_cents']],
    optional: ['to', spec.totalColumn],
  };
  const t = spec.table;

  function line(l: CsvLine, log: ProblemLog): RateLine | undefined {
    const keyField = spec.keyColumns.find((c) => l.columns.has(c)) ?? spec.keyColumns[0] ?? '';
    const keyId = readId(l, keyField, log);
    const ranged = l.columns.has('from');
    const from = readDate(l, ranged ? 'from' : 'date', log);
    // A range's `to` may be left blank for a single day.
    const to = ranged && l.cell('to') !== '' ? readDate(l, 'to', log) : from;
    const priceCents = readPrice(l, 'price', l.columns.has('price_usd'), log);
    const total = readCount(l, spec.totalColumn, spec.maxTotal, log, true);
    if (keyId === undefined || from === undefined || to === undefined || priceCents === undefined || total === undefined) return undefined;
    const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
    if (span < 1) { log.add(l.line, 'to', `${to} is before ${from}`); return undefined; }
    if (span > MAX_LINE_DAYS) { log.add(l.line, 'to', `a line covers at most ${MAX_LINE_DAYS} days; this one covers ${span}`); return undefined; }
    return { line: l.line, keyField, keyId, from, to, priceCents, total };
  }

  /** The things each line names: itself, or (hotel_id) every room type of the hotel; unknown ids are problems. */
  async function keysOf(db: SqlSession, lines: RateLine[], log: ProblemLog): Promise<Map<RateLine, number[]>> {
    const own = new Set<number>();
    const parents = new Set<number>();
    for (const l of lines) (spec.parentOf && l.keyField === spec.parentOf.column ? parents : own).add(l.keyId);
    const known = new Set<number>();
    for (const ids of inBatches([...own], LOOKUP_IDS)) {
      for (const r of await db.all<{ id: number }>(`SELECT id FROM ${t.parentTable} WHERE id IN (${placeholders(ids.length)})`, ids)) known.add(Number(r.id));
    }
    const children = new Map<number, number[]>();
    const p = spec.parentOf;
    if (p) {
      for (const ids of inBatches([...parents], LOOKUP_IDS)) {
        const rows = await db.all<{ id: number; parent: number }>(
          `SELECT id, ${p.parentColumn} AS parent FROM ${p.table} WHERE ${p.parentColumn} IN (${placeholders(ids.length)}) ORDER BY id`, ids);
        for (const r of rows) {
          const list = children.get(Number(r.parent)) ?? [];
          list.push(Number(r.id));
          children.set(Number(r.parent), list);
        }
      }
    }
    const out = new Map<RateLine, number[]>();
    for (const l of lines) {
      if (p && l.keyField === p.column) {
        const kids = children.get(l.keyId);
        if (kids) out.set(l, kids);
        else log.add(l.line, l.keyField, `no ${p.entity} ${l.keyId}, or it has no room types`);
      } else if (known.has(l.keyId)) out.set(l, [l.keyId]);
      else log.add(l.line, l.keyField, `no ${spec.entity} ${l.keyId}`);
    }
    return out;
  }

  async function check(db: SqlSession, lines: RateLine[], log: ProblemLog, lock: string): Promise<Plan> {
    const keys = await keysOf(db, lines, log);
    const wanted = new Map<string, DayRow>();
    let from = '9999-12-31';
    let to = '0000-01-01';
    let rows = 0;
    // Most lines of a file cover the same few hundred days, for many room types or cars.
    const labels = new Map<number, string>();
    const label = (at: number) => {
      let day = labels.get(at);
      if (day === undefined) labels.set(at, (day = utcDay(at)));
      return day;
    };
    for (const l of lines) {
      for (const key of keys.get(l) ?? []) {
        for (let at = Date.parse(`${l.from}T00:00:00Z`), end = Date.parse(`${l.to}T00:00:00Z`); at <= end; at += DAY_MS) {
          const day = label(at);
          const id = `${key}|${day}`;
          const prior = wanted.get(id);
          if (prior) {
            log.add(l.line, 'date', `${spec.entity} ${key} on ${day} is also on line ${prior.line}`);
            continue;
          }
          if (++rows > MAX_ROWS) {
            log.add(l.line, '(file)', `the file sets more than ${MAX_ROWS.toLocaleString('en-US')} days in all; split it`);
            return { rows: [], created: 0, updated: 0, changes: [] };
          }
          wanted.set(id, { key, day, total: l.total ?? -1, priceCents: l.priceCents, line: l.line });
        }
      }
      if (l.from < from) from = l.from;
      if (l.to > to) to = l.to;
    }

    // The days already on sale, locked for the real run so no booking slips in before the write.
    const existing = new Map<string, { total: number; booked: number; price: number }>();
    const distinctKeys = [...new Set([...wanted.values()].map((r) => r.key))];
    for (const ids of inBatches(distinctKeys, LOOKUP_IDS)) {
      const found = await db.all<{ k: number; day: string; total: number; booked: number; price: number }>(
        `SELECT ${t.keyColumn} AS k, ${t.dateColumn} AS day, ${t.totalColumn} AS total, ${t.bookedColumn} AS booked, price_cents AS price
         FROM ${t.table} WHERE ${t.keyColumn} IN (${placeholders(ids.length)}) AND ${t.dateColumn} BETWEEN ? AND ?${lock}`, [...ids, from, to]);
      for (const r of found) existing.set(`${Number(r.k)}|${String(r.day).slice(0, 10)}`, { total: Number(r.total), booked: Number(r.booked), price: Number(r.price) });
    }

    const write: DayRow[] = [];
    let created = 0;
    let updated = 0;
    const ranges = new Map<number, { from: string; to: string }>();
    for (const [id, row] of wanted) {
      const have = existing.get(id);
      if (have) {
        const total = row.total < 0 ? have.total : row.total;
        if (total < have.booked) {
          log.add(row.line, spec.totalColumn, `${have.booked} ${spec.units} are booked on ${row.day} for ${spec.entity} ${row.key}; ${total} is fewer`);
          continue;
        }
        if (total === have.total && row.priceCents === have.price) continue;
        write.push({ ...row, total });
        updated += 1;
      } else {
        if (row.total < 0) {
          log.add(row.line, spec.totalColumn, `${spec.entity} ${row.key} has nothing on sale on ${row.day} yet: give ${spec.totalColumn} to open it`);
          continue;
        }
        write.push(row);
        created += 1;
      }
      const r = ranges.get(row.key);
      if (!r) ranges.set(row.key, { from: row.day, to: row.day });
      else { if (row.day < r.from) r.from = row.day; if (row.day > r.to) r.to = row.day; }
    }
    return { rows: write, created, updated, changes: [...ranges].map(([key, r]) => spec.change(key, r.from, r.to)) };
  }

  const conflict = (db: SqlSession) => db.onKeyConflict([t.keyColumn, t.dateColumn], [t.totalColumn, 'price_cents'], 'row_version = row_version + 1');

  /** A new night or rental day is in its range's change already (the plan knows its key): nothing to add. */
  async function apply(db: SqlSession, plan: Plan, progress: Progress): Promise<InventoryChange[]> {
    const rows = plan.rows as DayRow[];
    let done = 0;
    for (const batch of inBatches(rows, UPSERT_ROWS)) {
      const values: SqlValue[] = [];
      for (const r of batch) values.push(r.key, r.day, r.total, r.priceCents);
      await db.run(
        `INSERT INTO ${t.table} (${t.keyColumn}, ${t.dateColumn}, ${t.totalColumn}, ${t.bookedColumn}, price_cents, row_version)
         VALUES ${batch.map(() => '(?, ?, ?, 0, ?, 1)').join(', ')}${conflict(db)}`, values);
      done += batch.length;
      progress('applying', done, rows.length);
      await yieldToEventLoop();
    }
    return [];
  }

  return { header, line, check, apply };
}

export const hotelRates = rateSheet({
  table: HOTEL_NIGHTS, keyColumns: ['room_type_id', 'hotel_id'],
  parentOf: { column: 'hotel_id', table: 'hotel_room_types', parentColumn: 'hotel_id', entity: 'hotel' },
  totalColumn: 'rooms_total', maxTotal: 10_000, entity: 'room type', units: 'rooms',
  change: (roomTypeId, from, to) => ({ kind: 'hotel', roomTypeId, from, to }),
});

export const carRates = rateSheet({
  table: CAR_DAYS, keyColumns: ['car_id'], totalColumn: 'units_total', maxTotal: 1_000, entity: 'car', units: 'cars',
  change: (carId, from, to) => ({ kind: 'car', carId, from, to }),
});
