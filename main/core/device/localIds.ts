import { channels, isChannel, mapAt, valuesAt, type ChannelSpec, type LocalTable } from '../../../shared/contract';
import { placeholders, type SqlSession } from '../engine/sql';

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

const policyOf = (channel: string) => (isChannel(channel) ? (channels[channel] as ChannelSpec).policy : undefined);

/**
 * An op made offline may name rows made offline before it (a booking for a new customer): their
 * negative local ids are swapped for the ids the server gave them when their own ops replayed.
 * Which fields may hold such ids is the op's contract row's `localIds`.
 */
export async function toServerIds(db: SqlSession, channel: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
  let out: unknown = payload;
  for (const [path, table] of Object.entries(policyOf(channel)?.localIds ?? {})) {
    out = await mapAt(out, path, (v) => (typeof v === 'number' && v < 0 ? serverIdOf(db, table, v) : v));
  }
  return out as Record<string, unknown>;
}

export interface IdPair {
  entity: LocalTable;
  localId: number;
  serverId: number;
}

/**
 * The ids the server gave to what an op made offline, matched to the device's local ids, at the
 * answer paths the op's contract row names in `serverIds`. Several at one path (a booking's items)
 * pair by creation order: local ids count down as rows are made, server ids count up.
 */
export function serverIdPairs(channel: string, local: unknown, server: unknown): IdPair[] {
  const pairs: IdPair[] = [];
  for (const [path, entity] of Object.entries(policyOf(channel)?.serverIds ?? {})) {
    const localIds = valuesAt(local, path).filter((v): v is number => typeof v === 'number').sort((a, b) => b - a);
    const serverIds = valuesAt(server, path).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
    localIds.forEach((localId, i) => {
      const serverId = serverIds[i];
      if (localId < 0 && serverId !== undefined) pairs.push({ entity, localId, serverId });
    });
  }
  return pairs;
}

/** Rows (and the device's copies of documents) that point at each table, so a re-keyed row keeps its children. */
const CHILDREN: Record<LocalTable, Array<[string, string]>> = {
  users: [['bookings', 'user_id'], ['payment_methods', 'user_id'], ['billing', 'user_id'], ['flight_seat_holds', 'user_id'], ['reviews', 'user_id'], ['watches', 'user_id'],
    ['customer_remarks', 'user_id'], ['customer_travellers', 'user_id'], ['messages', 'user_id']],
  bookings: [['booking_items', 'booking_id'], ['billing', 'booking_id'], ['flight_seat_holds', 'booking_id'], ['booking_remarks', 'booking_id'],
    ['booking_travellers', 'booking_id'], ['invoices', 'booking_id'], ['money_movements', 'booking_id'], ['messages', 'booking_id'], ['refund_requests', 'booking_id']],
  payment_methods: [['billing', 'payment_method_id'], ['money_movements', 'payment_method_id']],
  booking_items: [['booking_travellers', 'booking_item_id'], ['booking_items', 'exchanged_for_item_id'], ['money_movements', 'booking_item_id']],
  booking_remarks: [],
  customer_remarks: [],
  customer_travellers: [['booking_travellers', 'customer_traveller_id']],
  booking_travellers: [],
  messages: [],
  refund_requests: [['booking_items', 'refund_request_id']],
};

/**
 * After the server applied ops, their provisional rows take the server's ids (children follow),
 * so later offline ops and the screen keep pointing at the same records. Foreign keys are checked
 * at commit, when parent and children agree again. Replay passes a whole group's pairs at once:
 * the rows pointing at them follow in one UPDATE per child table, not one per adopted row (most
 * rows made offline have no children, and a look per row and child table was most of the cost).
 */
export async function adoptServerIds(db: SqlSession, pairs: IdPair[]): Promise<void> {
  if (pairs.length === 0) return;
  await db.run('PRAGMA defer_foreign_keys = ON');
  const byEntity = new Map<LocalTable, IdPair[]>();
  for (const pair of pairs) {
    const { entity, localId, serverId } = pair;
    await db.run('UPDATE id_map SET server_id = ? WHERE entity = ? AND local_id = ?', [serverId, entity, localId]);
    const taken = await db.get(`SELECT id FROM ${entity} WHERE id = ?`, [serverId]);
    if (taken) await db.run(`DELETE FROM ${entity} WHERE id = ?`, [localId]);
    else await db.run(`UPDATE ${entity} SET id = ? WHERE id = ?`, [serverId, localId]);
    if (CHILDREN[entity].length === 0) continue;
    const adopted = byEntity.get(entity);
    if (adopted) adopted.push(pair);
    else byEntity.set(entity, [pair]);
  }
  for (const [entity, adopted] of byEntity) {
    for (const [child, column] of CHILDREN[entity]) {
      for (let at = 0; at < adopted.length; at += REPOINT_CHUNK) {
        const chunk = adopted.slice(at, at + REPOINT_CHUNK);
        await db.run(`UPDATE ${child} SET ${column} = CASE ${column}${' WHEN ? THEN ?'.repeat(chunk.length)} END WHERE ${column} IN (${placeholders(chunk.length)})`,
          [...chunk.flatMap((p) => [p.localId, p.serverId]), ...chunk.map((p) => p.localId)]);
      }
    }
  }
}

/** Adopted ids re-pointed per statement: three parameters each, well under SQLite's limit. */
const REPOINT_CHUNK = 500;
