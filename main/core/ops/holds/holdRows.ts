import { ContractError, roleAllows, type Hold, type SessionUser } from '../../../../shared/contract';
import { fromDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';

export interface HoldRow {
  id: number; hold_token: string; flight_id: number; booking_id: number | null; user_id: number | null;
  created_by_admin_id: number | null; seats: number; price_cents: number; status: Hold['status'];
  expires_at_utc: string; provisional: number;
}

export function holdColumns(db: SqlSession): string {
  return `id, hold_token, flight_id, booking_id, user_id, created_by_admin_id, seats, price_cents, status, expires_at_utc, ${db.provisionalColumn()} AS provisional`;
}

/** A hold's price is per seat in the table and for all its seats on the contract. */
export function toHold(r: HoldRow): Hold {
  return {
    holdId: r.hold_token, flightId: r.flight_id, seats: r.seats, priceCents: Number(r.price_cents) * r.seats,
    expiresAtUtc: fromDbInstant(r.expires_at_utc), status: r.status, customerId: r.user_id, provisional: r.provisional === 1,
  };
}

/** The hold, locked for the rest of the transaction (MySQL); NOT_FOUND when there is none. */
export async function lockHold<T>(tx: SqlSession, holdId: string, columns: string): Promise<T> {
  const row = await tx.get<T>(`SELECT ${columns} FROM flight_seat_holds WHERE hold_token = ?${tx.lockForUpdate}`, [holdId]);
  if (!row) throw new ContractError('NOT_FOUND', `No hold ${holdId}.`, { holdId });
  return row;
}

/**
 * A hold is its maker's: only the agent who made it, or a supervisor or admin, may release,
 * extend or book it (FORBIDDEN otherwise). A replayed change runs as the operator who made it
 * offline, so an agent's own queued changes to their own holds still go through.
 */
export function requireHoldOwner(operator: SessionUser | null, hold: { created_by_admin_id: number | null }, holdId: string, action: 'release' | 'extend' | 'book'): void {
  if (operator && roleAllows(operator.role, 'supervisor')) return;
  const maker = hold.created_by_admin_id === null ? null : Number(hold.created_by_admin_id);
  if (operator && maker !== null && maker === operator.id) return;
  throw new ContractError('FORBIDDEN', `Hold ${holdId} was made by another agent: only they or a supervisor may ${action} it.`, {
    holdId, heldByOperatorId: maker,
  });
}
