import { channels, isChannel, type ChannelSpec } from '../../../shared/contract';
import type { SqlSession } from '../engine/sql';
import type { SqliteDb } from '../engine/sqlite/sqliteDb';
import { fetchRows, MirrorWriter } from './mirror';
import type { OutboxRow } from './outbox';

/** Children before parents, so deleting an op's rows never trips a foreign key. */
const DELETE_ORDER = ['booking_travellers', 'booking_remarks', 'customer_remarks', 'money_movements', 'billing', 'booking_items', 'customer_travellers', 'flight_seat_holds', 'payment_methods', 'bookings', 'users'];

/** The document an op makes offline (its id is the opId), from the op's contract row. */
export function documentOf(kind: string): 'reviews' | 'watches' | 'images' | null {
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
  await dropRows(tx, await tx.all<{ entity: string; local_id: number }>('SELECT entity, local_id FROM id_map WHERE op_id = ? AND server_id IS NULL', [opId]));
  await tx.run('DELETE FROM id_map WHERE op_id = ? AND server_id IS NULL', [opId]);
  const doc = documentOf(kind);
  if (doc && MARKS_PROVISIONAL.has(doc)) await tx.run(`UPDATE ${doc} SET provisional = 0 WHERE id = ?`, [opId]);
}

/** Drops everything a discarded op made offline, including the document it made. */
export async function discardProvisionalRows(tx: SqlSession, opId: string, kind: string): Promise<void> {
  await dropRows(tx, await tx.all<{ entity: string; local_id: number }>('SELECT entity, local_id FROM id_map WHERE op_id = ?', [opId]));
  await tx.run('DELETE FROM id_map WHERE op_id = ?', [opId]);
  const doc = documentOf(kind);
  if (doc) await tx.run(`DELETE FROM ${doc} WHERE id = ?${MARKS_PROVISIONAL.has(doc) ? ' AND provisional = 1' : ''}`, [opId]);
}

/** A column of `child` that points at a table's `id`, from the local schema's foreign keys. */
interface Reference { child: string; column: string; nullable: boolean }

async function referencesTo(tx: SqlSession, table: string): Promise<Reference[]> {
  return (await tx.all<{ child: string; column: string; notnull: number }>(
    `SELECT m.name AS child, f."from" AS "column", c."notnull" AS "notnull"
       FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f JOIN pragma_table_info(m.name) c ON c.name = f."from"
      WHERE m.type = 'table' AND f."table" = ?`, [table])).map((r) => ({ child: r.child, column: r.column, nullable: r.notnull === 0 }));
}

/**
 * What a row goes back to when the row its column pointed at is dropped, beyond the column
 * becoming NULL: a hold that a discarded booking converted is an active hold again.
 */
const ON_DETACH: Record<string, string> = {
  'flight_seat_holds.booking_id': "status = CASE WHEN status = 'converted' THEN 'active' ELSE status END",
};

/**
 * Deletes provisional rows an op made, never leaving a row pointing at one of them: an optional
 * reference is detached (and the row reverted, `ON_DETACH`), e.g. a hold converted by a discarded
 * booking, or a later refund naming a card the server never saved; a provisional row that cannot
 * stand without it (a later offline refund of a discarded booking) goes too, while the op that
 * made that row keeps its payload in the outbox.
 */
async function dropRows(tx: SqlSession, rows: Array<{ entity: string; local_id: number }>): Promise<void> {
  const doomed = new Map<string, Set<number>>();
  const queue: Array<{ table: string; id: number }> = [];
  const doom = (table: string, id: number) => {
    const ids = doomed.get(table) ?? new Set<number>();
    doomed.set(table, ids);
    if (ids.has(id)) return;
    ids.add(id);
    queue.push({ table, id });
  };
  for (const r of rows) {
    if (await tx.get(`SELECT id FROM ${r.entity} WHERE id = ? AND provisional = 1`, [r.local_id])) doom(r.entity, r.local_id);
  }
  const refs = new Map<string, Reference[]>();
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { table, id } = next;
    if (!refs.has(table)) refs.set(table, await referencesTo(tx, table));
    for (const ref of refs.get(table) ?? []) {
      if (ref.nullable) {
        const revert = ON_DETACH[`${ref.child}.${ref.column}`];
        await tx.run(`UPDATE ${ref.child} SET ${ref.column} = NULL${revert ? `, ${revert}` : ''} WHERE ${ref.column} = ?`, [id]);
        continue;
      }
      for (const d of await tx.all<{ id: number }>(`SELECT id FROM ${ref.child} WHERE ${ref.column} = ? AND provisional = 1`, [id])) doom(ref.child, d.id);
    }
  }
  const order = [...[...doomed.keys()].filter((t) => !DELETE_ORDER.includes(t)), ...DELETE_ORDER];
  for (const table of order) {
    for (const id of doomed.get(table) ?? []) await tx.run(`DELETE FROM ${table} WHERE id = ?`, [id]);
  }
}

/**
 * An op the server refused may have taken seats or rooms in the local copy, or changed the record
 * it was based on: put back the server's numbers for the flights, stays and cars it touched, and
 * the server's version of that record. What the agent entered stays in the outbox, in Needs
 * attention, to retry, edit or discard.
 */
export async function refreshTouchedInventory(central: SqlSession, local: SqliteDb, row: Pick<OutboxRow, 'payload' | 'op_id' | 'base'>): Promise<void> {
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
  // A change (bookings.change) took its replacement and gave back the item it replaced.
  const replacement = typeof payload.replacement === 'object' && payload.replacement !== null ? [payload.replacement as Record<string, unknown>] : [];
  if (typeof payload.itemId === 'number') {
    const old = await local.get<{ item_type: string; item_id: number }>('SELECT item_type, item_id FROM booking_items WHERE id = ?', [payload.itemId]);
    if (old?.item_type === 'flight') flights.add(Number(old.item_id));
    if (old?.item_type === 'hotel') roomTypes.add(Number(old.item_id));
    if (old?.item_type === 'car') cars.add(Number(old.item_id));
  }
  for (const item of [...replacement, ...(Array.isArray(payload.items) ? (payload.items as Array<Record<string, unknown>>) : [])]) {
    if (typeof item.flightId === 'number') flights.add(item.flightId);
    if (typeof item.holdId === 'string') {
      const h = await local.get<{ flight_id: number }>('SELECT flight_id FROM flight_seat_holds WHERE hold_token = ?', [item.holdId]);
      if (h) flights.add(h.flight_id);
    }
    if (typeof item.roomTypeId === 'number') roomTypes.add(item.roomTypeId);
    if (typeof item.carId === 'number') cars.add(item.carId);
  }
  const flightRows = await fetchRows(central, 'flights', [...flights].map((id) => [id]));
  const base = row.base ? (JSON.parse(row.base) as { table: string; id: number }) : null;
  const baseRows = base ? await fetchRows(central, base.table, [[base.id]]) : [];
  // The booking the op was about (a change, an addition, a cancellation): its server rows again, so
  // the record shows what the server has beside the refused op's own provisional rows.
  const bookingId = typeof payload.bookingId === 'number' && payload.bookingId > 0 ? payload.bookingId : null;
  const ofBooking = (table: string) => (bookingId === null ? Promise.resolve([]) : central.all<Record<string, string | number>>(`SELECT * FROM ${table} WHERE booking_id = ?`, [bookingId]));
  const bookingRows = bookingId === null ? [] : await fetchRows(central, 'bookings', [[bookingId]]);
  const itemRows = await ofBooking('booking_items');
  const billingRows = await ofBooking('billing');
  const movementRows = await ofBooking('money_movements');
  const nights = roomTypes.size ? await central.all<Record<string, string | number>>(`SELECT * FROM hotel_inventory WHERE room_type_id IN (${[...roomTypes].map(() => '?').join(', ')})`, [...roomTypes]) : [];
  const days = cars.size ? await central.all<Record<string, string | number>>(`SELECT * FROM car_availability WHERE car_id IN (${[...cars].map(() => '?').join(', ')})`, [...cars]) : [];
  await local.withHandle((raw) => {
    const writer = new MirrorWriter(raw);
    raw.transaction(() => {
      for (const r of flightRows) writer.upsert('flights', r);
      for (const r of nights) writer.upsert('hotel_inventory', r);
      for (const r of days) writer.upsert('car_availability', r);
      if (base) for (const r of baseRows) writer.upsert(base.table, r);
      for (const r of bookingRows) writer.upsert('bookings', r);
      for (const r of itemRows) writer.upsert('booking_items', r);
      for (const r of billingRows) writer.upsert('billing', r);
      for (const r of movementRows) writer.upsert('money_movements', r);
    })();
  });
}
