import type { SqlSession } from '../engine/sql';

/** Input fields that name a row, and the table the id belongs to. */
const ID_FIELDS: Record<string, string> = {
  customerId: 'users',
  bookingId: 'bookings',
  paymentMethodId: 'payment_methods',
};

export class UnresolvedLocalId extends Error {
  constructor(readonly entity: string, readonly localId: number, readonly parentOpId: string | null) {
    super(`${entity} ${localId} was made offline and has no server id`);
  }
}

async function serverIdOf(db: SqlSession, entity: string, localId: number): Promise<number> {
  const row = await db.get<{ server_id: number | null; op_id: string }>('SELECT server_id, op_id FROM id_map WHERE entity = ? AND local_id = ?', [entity, localId]);
  if (!row || row.server_id === null) throw new UnresolvedLocalId(entity, localId, row?.op_id ?? null);
  return row.server_id;
}

/**
 * An op made offline may name rows made offline before it (a booking for a new customer): their
 * negative local ids are swapped for the ids the server gave them when their own ops replayed.
 */
export async function toServerIds(db: SqlSession, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...payload };
  for (const [field, entity] of Object.entries(ID_FIELDS)) {
    const v = out[field];
    if (typeof v === 'number' && v < 0) out[field] = await serverIdOf(db, entity, v);
  }
  if (Array.isArray(out.itemIds)) {
    out.itemIds = await Promise.all(out.itemIds.map((id: unknown) => (typeof id === 'number' && id < 0 ? serverIdOf(db, 'booking_items', id) : id)));
  }
  const payment = out.payment as Record<string, unknown> | undefined;
  if (payment && typeof payment.paymentMethodId === 'number' && payment.paymentMethodId < 0) {
    out.payment = { ...payment, paymentMethodId: await serverIdOf(db, 'payment_methods', payment.paymentMethodId) };
  }
  return out;
}

/** Rows that point at each table, so a re-keyed row keeps its children. */
const CHILDREN: Record<string, Array<[string, string]>> = {
  users: [['bookings', 'user_id'], ['payment_methods', 'user_id'], ['billing', 'user_id'], ['flight_seat_holds', 'user_id']],
  bookings: [['booking_items', 'booking_id'], ['billing', 'booking_id'], ['flight_seat_holds', 'booking_id']],
  payment_methods: [['billing', 'payment_method_id']],
  booking_items: [],
  billing: [],
  flight_seat_holds: [],
};

/**
 * After the server applied an op, its provisional rows take the server's ids (children follow),
 * so later offline ops and the screen keep pointing at the same records. Foreign keys are checked
 * at commit, when parent and children agree again.
 */
export async function adoptServerIds(db: SqlSession, pairs: Array<{ entity: string; localId: number; serverId: number }>): Promise<void> {
  await db.run('PRAGMA defer_foreign_keys = ON');
  for (const { entity, localId, serverId } of pairs) {
    if (!(entity in CHILDREN)) continue;
    await db.run('UPDATE id_map SET server_id = ? WHERE entity = ? AND local_id = ?', [serverId, entity, localId]);
    const taken = await db.get(`SELECT id FROM ${entity} WHERE id = ?`, [serverId]);
    if (taken) await db.run(`DELETE FROM ${entity} WHERE id = ?`, [localId]);
    else await db.run(`UPDATE ${entity} SET id = ? WHERE id = ?`, [serverId, localId]);
    for (const [child, column] of CHILDREN[entity] ?? []) {
      await db.run(`UPDATE ${child} SET ${column} = ? WHERE ${column} = ?`, [serverId, localId]);
    }
  }
}
