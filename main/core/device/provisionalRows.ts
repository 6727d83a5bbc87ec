import { channels, isChannel, type ChannelSpec } from '../../../shared/contract';
import type { SqlSession } from '../engine/sql';
import type { SqliteDb } from '../engine/sqlite/sqliteDb';
import { fetchRows, MirrorWriter } from './mirror';
import type { OutboxRow } from './outbox';

/** Children before parents, so deleting an op's rows never trips a foreign key. */
const DELETE_ORDER = ['billing', 'booking_items', 'flight_seat_holds', 'payment_methods', 'bookings', 'users'];

/** The document an op makes offline (its id is the opId), from the op's contract row. */
function documentOf(kind: string): 'reviews' | 'watches' | 'images' | null {
  return (isChannel(kind) ? (channels[kind] as ChannelSpec).policy?.makesDocument : undefined) ?? null;
}

/** Documents whose local copy marks itself provisional until the server confirms it. */
const MARKS_PROVISIONAL = new Set(['reviews', 'watches']);

/**
 * Removes the local rows an op made offline that did not take a server id: the server's own rows
 * arrive with the next pull. A document the op made keeps its id (the opId) and just stops being
 * provisional.
 */
export async function removeProvisionalRows(tx: SqlSession, opId: string, kind: string): Promise<void> {
  const rows = await tx.all<{ entity: string; local_id: number }>('SELECT entity, local_id FROM id_map WHERE op_id = ? AND server_id IS NULL', [opId]);
  for (const table of DELETE_ORDER) {
    for (const r of rows.filter((x) => x.entity === table)) await tx.run(`DELETE FROM ${table} WHERE id = ? AND provisional = 1`, [r.local_id]);
  }
  await tx.run('DELETE FROM id_map WHERE op_id = ? AND server_id IS NULL', [opId]);
  const doc = documentOf(kind);
  if (doc && MARKS_PROVISIONAL.has(doc)) await tx.run(`UPDATE ${doc} SET provisional = 0 WHERE id = ?`, [opId]);
}

/** Drops everything a discarded op made offline, including the document it made. */
export async function discardProvisionalRows(tx: SqlSession, opId: string, kind: string): Promise<void> {
  const rows = await tx.all<{ entity: string; local_id: number }>('SELECT entity, local_id FROM id_map WHERE op_id = ?', [opId]);
  for (const table of DELETE_ORDER) {
    for (const r of rows.filter((x) => x.entity === table)) await tx.run(`DELETE FROM ${table} WHERE id = ? AND provisional = 1`, [r.local_id]);
  }
  await tx.run('DELETE FROM id_map WHERE op_id = ?', [opId]);
  const doc = documentOf(kind);
  if (doc) await tx.run(`DELETE FROM ${doc} WHERE id = ?${MARKS_PROVISIONAL.has(doc) ? ' AND provisional = 1' : ''}`, [opId]);
}

/**
 * An op the server refused may have taken seats or rooms in the local copy: put back the server's
 * numbers for the flights, stays and cars it touched.
 */
export async function refreshTouchedInventory(central: SqlSession, local: SqliteDb, row: Pick<OutboxRow, 'payload' | 'op_id'>): Promise<void> {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(row.payload) as Record<string, unknown>;
  } catch {
    return;
  }
  const flights = new Set<number>();
  const roomTypes = new Set<number>();
  const cars = new Set<number>();
  if (typeof payload.flightId === 'number') flights.add(payload.flightId);
  const holds = await local.all<{ flight_id: number }>('SELECT flight_id FROM flight_seat_holds WHERE hold_token = ?', [row.op_id]);
  for (const h of holds) flights.add(h.flight_id);
  for (const item of Array.isArray(payload.items) ? (payload.items as Array<Record<string, unknown>>) : []) {
    if (typeof item.flightId === 'number') flights.add(item.flightId);
    if (typeof item.holdId === 'string') {
      const h = await local.get<{ flight_id: number }>('SELECT flight_id FROM flight_seat_holds WHERE hold_token = ?', [item.holdId]);
      if (h) flights.add(h.flight_id);
    }
    if (typeof item.roomTypeId === 'number') roomTypes.add(item.roomTypeId);
    if (typeof item.carId === 'number') cars.add(item.carId);
  }
  const flightRows = await fetchRows(central, 'flights', [...flights].map((id) => [id]));
  const nights = roomTypes.size ? await central.all<Record<string, string | number>>(`SELECT * FROM hotel_inventory WHERE room_type_id IN (${[...roomTypes].map(() => '?').join(', ')})`, [...roomTypes]) : [];
  const days = cars.size ? await central.all<Record<string, string | number>>(`SELECT * FROM car_availability WHERE car_id IN (${[...cars].map(() => '?').join(', ')})`, [...cars]) : [];
  await local.withHandle((raw) => {
    const writer = new MirrorWriter(raw);
    raw.transaction(() => {
      for (const r of flightRows) writer.upsert('flights', r);
      for (const r of nights) writer.upsert('hotel_inventory', r);
      for (const r of days) writer.upsert('car_availability', r);
    })();
  });
}
