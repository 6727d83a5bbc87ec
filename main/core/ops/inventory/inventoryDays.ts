import { ContractError } from '../../../../shared/contract';
import type { SqlSession, SqlValue } from '../../engine/sql';
import type { ServiceContext } from '../context';
import { runMutation } from '../runMutation';
import { fieldError, inclusiveDays } from './dayRange';
import { closeShortfalls, openShortfall } from './shortfalls';
import { toDbInstant } from '../../../../shared/time';

/**
 * Hotel rooms per stay night and rental cars per day are the same shape: a capacity, how much of
 * it is booked, and a price, keyed by (thing, day). One implementation serves both.
 */
export interface DayTable {
  /** What the audit trail and messages call the keyed thing. */
  entity: string;
  /** What its overbookings are recorded as (shortfalls.ts). */
  shortfallKind: 'hotel' | 'car';
  parentTable: string;
  table: string;
  keyColumn: string;
  dateColumn: string;
  totalColumn: string;
  bookedColumn: string;
  /** The input field names, so errors name what the supervisor typed. */
  keyField: string;
  totalField: string;
}

export interface DayRow { date: string; total: number; booked: number; priceCents: number }

export interface DayEdit {
  key: number; from: string; to: string; total?: number; priceCents?: number;
  /** A capacity below what is booked is kept as an overbooking (Needs attention → Overbooked) instead of refused. */
  allowOverbooking?: boolean;
}

interface RawDay { day: string; total: number; booked: number; price_cents: number }

/** `lock`: the session's row-lock clause, or '' for a plain read. */
function selectDays(t: DayTable, lock: string): string {
  return `SELECT ${t.dateColumn} AS day, ${t.totalColumn} AS total, ${t.bookedColumn} AS booked, price_cents
    FROM ${t.table} WHERE ${t.keyColumn} = ? AND ${t.dateColumn} BETWEEN ? AND ? ORDER BY ${t.dateColumn}${lock}`;
}

const toDay = (r: RawDay): DayRow => ({ date: String(r.day).slice(0, 10), total: Number(r.total), booked: Number(r.booked), priceCents: Number(r.price_cents) });

async function requireParent(db: SqlSession, t: DayTable, key: number): Promise<void> {
  if (!(await db.get(`SELECT id FROM ${t.parentTable} WHERE id = ?`, [key]))) {
    throw new ContractError('NOT_FOUND', `No ${t.entity} ${key}.`, { [t.keyField]: key });
  }
}

export async function listDays(ctx: ServiceContext, t: DayTable, key: number, from: string, to: string): Promise<DayRow[]> {
  inclusiveDays(from, to);
  const db = ctx.engine.sql;
  await requireParent(db, t, key);
  const rows = await db.all<RawDay>(selectDays(t, ''), [key, from, to]);
  return rows.map(toDay);
}

/**
 * Sets capacity and/or price on every day of [from, to] (inclusive) in one transaction, or on
 * none: a day whose bookings exceed the new capacity is a CONFLICT listing every such day; days
 * without a row are created only when both capacity and price are given (otherwise NOT_FOUND,
 * since there is nothing to keep for the field left out).
 */
export async function setDays(ctx: ServiceContext, t: DayTable, edit: DayEdit): Promise<{ daysChanged: number }> {
  const days = inclusiveDays(edit.from, edit.to);
  if (edit.total === undefined && edit.priceCents === undefined) {
    throw fieldError(t.totalField, `give ${t.totalField} or priceCents (or both)`);
  }
  const what = [
    edit.total !== undefined ? `${t.totalField} ${edit.total}` : null,
    edit.priceCents !== undefined ? `priceCents ${edit.priceCents}` : null,
  ].filter(Boolean).join(', ');
  return runMutation(ctx, async (tx) => {
    await requireParent(tx, t, edit.key);
    // The range's rows are locked so a booking cannot slip in between the check and the update.
    const existing = (await tx.all<RawDay>(selectDays(t, tx.lockForUpdate), [edit.key, edit.from, edit.to])).map(toDay);

    const nowUtc = toDbInstant(ctx.now());
    if (edit.total !== undefined) {
      const requested = edit.total;
      const over = existing.filter((d) => d.booked > requested).map((d) => ({ date: d.date, booked: d.booked, requested }));
      // The new capacity replaces any shortfall in the range; the days still over it open (or reopen) theirs.
      await closeShortfalls(tx, { kind: t.shortfallKind, inventoryId: edit.key, from: edit.from, to: edit.to }, nowUtc);
      if (over.length > 0 && edit.allowOverbooking) {
        for (const d of over) await openShortfall(tx, ctx, { kind: t.shortfallKind, inventoryId: edit.key, day: d.date, wanted: requested }, nowUtc);
      } else if (over.length > 0) {
        throw new ContractError('CONFLICT',
          `${over.length} day(s) already have more booked than ${requested}: ${over.slice(0, 5).map((d) => `${d.date} (${d.booked} booked)`).join(', ')}${over.length > 5 ? ', …' : ''}.`,
          { days: over });
      }
    }

    const have = new Set(existing.map((d) => d.date));
    const missing = days.filter((d) => !have.has(d));
    if (missing.length > 0 && (edit.total === undefined || edit.priceCents === undefined)) {
      throw new ContractError('NOT_FOUND',
        `No ${t.entity} inventory for ${missing.length} day(s): ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}; give both ${t.totalField} and priceCents to create them.`,
        { [t.keyField]: edit.key, days: missing });
    }

    if (existing.length > 0) {
      const sets: string[] = [];
      const params: SqlValue[] = [];
      // An overbooked day stays full (booked = total): the capacity asked for is its shortfall's.
      if (edit.total !== undefined) { sets.push(`${t.totalColumn} = CASE WHEN ${t.bookedColumn} > ? THEN ${t.bookedColumn} ELSE ? END`); params.push(edit.total, edit.total); }
      if (edit.priceCents !== undefined) { sets.push('price_cents = ?'); params.push(edit.priceCents); }
      await tx.run(
        `UPDATE ${t.table} SET ${sets.join(', ')}, row_version = row_version + 1 WHERE ${t.keyColumn} = ? AND ${t.dateColumn} BETWEEN ? AND ?`,
        [...params, edit.key, edit.from, edit.to]);
    }
    if (missing.length > 0) {
      const values: SqlValue[] = missing.flatMap((d) => [edit.key, d, edit.total ?? 0, edit.priceCents ?? 0]);
      try {
        await tx.run(
          `INSERT INTO ${t.table} (${t.keyColumn}, ${t.dateColumn}, ${t.totalColumn}, ${t.bookedColumn}, price_cents, row_version)
           VALUES ${missing.map(() => '(?, ?, ?, 0, ?, 1)').join(', ')}`,
          values);
      } catch (err) {
        // MySQL (read committed) does not lock the gaps: another console created one of these days first.
        if (tx.isDuplicate(err)) throw new ContractError('CONFLICT', `Another change to ${t.entity} ${edit.key} created some of these days first; try again.`, { days: missing });
        throw err;
      }
    }
    return { daysChanged: existing.length + missing.length };
  }, (result) => ({ entity: t.entity, entityId: String(edit.key), summary: `${edit.from}..${edit.to} (inclusive): ${what}; ${result.daysChanged} day(s) changed` }));
}
