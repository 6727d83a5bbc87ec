import { ContractError, type Operator, type Role } from '../../../../shared/contract';
import type { SqlSession } from '../../engine/sql';

export interface OperatorRow { id: number; email: string; name: string; role: Role; active: number }

export const OPERATOR_COLUMNS = 'id, email, name, role, active';

export const toOperator = (r: OperatorRow): Operator => ({ id: r.id, email: r.email, name: r.name, role: r.role, active: r.active === 1 });

export async function loadOperator(db: SqlSession, id: number): Promise<Operator> {
  const row = await db.get<OperatorRow>(`SELECT ${OPERATOR_COLUMNS} FROM admins WHERE id = ?`, [id]);
  if (!row) throw new ContractError('NOT_FOUND', `No operator ${id}.`);
  return toOperator(row);
}

/**
 * Refuses (CONFLICT) a change that would leave no active admin: `stillAdmin` says whether
 * `operatorId` is an active admin once the change is made. It runs in the change's transaction and
 * locks the active admins' rows first (MySQL; SQLite's write transaction holds the whole file), so
 * two admins demoting or deactivating each other at once cannot both succeed: the second waits,
 * then counts what the first left.
 */
export async function keepAnActiveAdmin(tx: SqlSession, operatorId: number, stillAdmin: boolean, change: string): Promise<void> {
  if (stillAdmin) return;
  const admins = await tx.all<{ id: number }>(`SELECT id FROM admins WHERE role = 'admin' AND active = 1 ORDER BY id${tx.lockForUpdate}`);
  const others = admins.filter((a) => Number(a.id) !== operatorId);
  if (others.length === 0 && admins.length > 0) {
    throw new ContractError('CONFLICT', `Cannot ${change}: they are the last active admin, and TripDesk needs one. Make another operator an admin first.`, {
      operatorId, activeAdmins: admins.length,
    });
  }
}
