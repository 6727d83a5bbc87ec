import type { SqlSession } from '../../engine/sql';
import type { ServiceContext } from '../context';
import type { DayTable } from './inventoryDays';

/**
 * Overbookings: a capacity the supervisor set below what is already booked (migrations/mysql/019).
 * The inventory itself stays full (total = booked, nothing on sale: the CHECKs and every sale rely
 * on booked <= total); the capacity asked for waits here. Whatever comes back afterwards (a
 * booking moved or cancelled, a hold released or expired) shrinks the inventory towards it rather
 * than going back on sale, and the shortfall closes once what is booked fits.
 */
export type ShortfallKind = 'flight' | 'hotel' | 'car';

/** 'flight:12', 'hotel:5:2026-07-01', 'car:3:2026-07-01': the same on every console, offline too. */
export function shortfallKey(kind: ShortfallKind, inventoryId: number, day: string | null): string {
  return day === null ? `${kind}:${inventoryId}` : `${kind}:${inventoryId}:${day}`;
}

/** Records (or reopens, with the new capacity) the shortfall of one flight, night or rental day. */
export async function openShortfall(
  tx: SqlSession, ctx: ServiceContext, s: { kind: ShortfallKind; inventoryId: number; day: string | null; wanted: number }, nowUtc: string,
): Promise<void> {
  const key = shortfallKey(s.kind, s.inventoryId, s.day);
  const operatorId = ctx.operator?.id ?? null;
  const prior = await tx.get<{ inventory_key: string }>(`SELECT inventory_key FROM overbookings WHERE inventory_key = ?${tx.lockForUpdate}`, [key]);
  if (prior) {
    await tx.run(
      'UPDATE overbookings SET capacity_wanted = ?, opened_by_admin_id = ?, opened_at_utc = ?, closed_at_utc = NULL, row_version = row_version + 1 WHERE inventory_key = ?',
      [s.wanted, operatorId, nowUtc, key]);
    return;
  }
  await tx.run(
    `INSERT INTO overbookings (inventory_key, inventory_kind, inventory_id, inventory_day, capacity_wanted, opened_by_admin_id, opened_at_utc, closed_at_utc, row_version)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 1)`,
    [key, s.kind, s.inventoryId, s.day, s.wanted, operatorId, nowUtc]);
}

/** A capacity set again (a flight's, or for the days from..to, both included): the shortfalls it replaces are over. */
export async function closeShortfalls(
  tx: SqlSession, s: { kind: 'flight'; inventoryId: number } | { kind: 'hotel' | 'car'; inventoryId: number; from: string; to: string }, nowUtc: string,
): Promise<void> {
  if (s.kind === 'flight') {
    await tx.run('UPDATE overbookings SET closed_at_utc = ?, row_version = row_version + 1 WHERE inventory_key = ? AND closed_at_utc IS NULL',
      [nowUtc, shortfallKey('flight', s.inventoryId, null)]);
    return;
  }
  await tx.run(
    `UPDATE overbookings SET closed_at_utc = ?, row_version = row_version + 1
      WHERE inventory_kind = ? AND inventory_id = ? AND inventory_day BETWEEN ? AND ? AND closed_at_utc IS NULL`,
    [nowUtc, s.kind, s.inventoryId, s.from, s.to]);
}

/** After seats came back to a flight: an overbooked flight keeps them off sale until it fits its capacity. */
export async function settleFlightShortfall(tx: SqlSession, flightId: number, nowUtc: string): Promise<void> {
  const key = shortfallKey('flight', flightId, null);
  const open = await tx.get<{ capacity_wanted: number }>('SELECT capacity_wanted FROM overbookings WHERE inventory_key = ? AND closed_at_utc IS NULL', [key]);
  if (!open) return;
  const f = await tx.get<{ seats_total: number; seats_available: number }>('SELECT seats_total, seats_available FROM flights WHERE id = ?', [flightId]);
  if (!f) return;
  const taken = Number(f.seats_total) - Number(f.seats_available);
  const wanted = Number(open.capacity_wanted);
  const total = Math.max(wanted, taken);
  await tx.run('UPDATE flights SET seats_total = ?, seats_available = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
    [total, total - taken, nowUtc, flightId]);
  if (taken <= wanted) await tx.run('UPDATE overbookings SET closed_at_utc = ?, row_version = row_version + 1 WHERE inventory_key = ?', [nowUtc, key]);
}

/** After rooms or a car came back for the days [from, to): each overbooked day shrinks towards its capacity. */
export async function settleDayShortfalls(
  tx: SqlSession, t: DayTable, kind: 'hotel' | 'car', inventoryId: number, from: string, to: string, nowUtc: string,
): Promise<void> {
  const open = await tx.all<{ inventory_key: string; inventory_day: string; capacity_wanted: number }>(
    `SELECT inventory_key, inventory_day, capacity_wanted FROM overbookings
      WHERE inventory_kind = ? AND inventory_id = ? AND inventory_day >= ? AND inventory_day < ? AND closed_at_utc IS NULL`,
    [kind, inventoryId, from, to]);
  for (const o of open) {
    const day = String(o.inventory_day).slice(0, 10);
    const row = await tx.get<{ booked: number }>(`SELECT ${t.bookedColumn} AS booked FROM ${t.table} WHERE ${t.keyColumn} = ? AND ${t.dateColumn} = ?`, [inventoryId, day]);
    if (!row) continue;
    const booked = Number(row.booked);
    const wanted = Number(o.capacity_wanted);
    await tx.run(`UPDATE ${t.table} SET ${t.totalColumn} = ?, row_version = row_version + 1 WHERE ${t.keyColumn} = ? AND ${t.dateColumn} = ?`,
      [Math.max(wanted, booked), inventoryId, day]);
    if (booked <= wanted) await tx.run('UPDATE overbookings SET closed_at_utc = ?, row_version = row_version + 1 WHERE inventory_key = ?', [nowUtc, o.inventory_key]);
  }
}
