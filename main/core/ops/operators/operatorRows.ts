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
