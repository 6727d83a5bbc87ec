import { ContractError, type Customer } from '../../../../shared/contract';
import { fromDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';

export interface CustomerRow {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  state_code: string | null;
  created_at_utc: string;
  provisional: number;
}

/**
 * The columns a Customer is read from. Only the SQLite mirror has `provisional` (rows written
 * offline); on MySQL every row is final, so it is a constant there.
 */
export function customerColumns(dialect: SqlSession['dialect']): string {
  const provisional = dialect === 'sqlite' ? 'provisional' : '0 AS provisional';
  return `id, email, first_name, last_name, phone, state_code, created_at_utc, ${provisional}`;
}

export function toCustomer(r: CustomerRow): Customer {
  return {
    id: Number(r.id),
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    phone: r.phone,
    stateCode: r.state_code,
    createdAtUtc: fromDbInstant(r.created_at_utc),
    provisional: Number(r.provisional) === 1,
  };
}

export async function loadCustomer(db: SqlSession, id: number): Promise<Customer> {
  const row = await db.get<CustomerRow>(`SELECT ${customerColumns(db.dialect)} FROM users WHERE id = ?`, [id]);
  if (!row) throw new ContractError('NOT_FOUND', `No customer ${id}.`, { customerId: id });
  return toCustomer(row);
}

export function fieldError(field: string, message: string): ContractError {
  return new ContractError('VALIDATION', `${field}: ${message}`, { fields: [{ field, message }] });
}

export function emailTaken(email: string): ContractError {
  return new ContractError('CONFLICT', `A customer with email ${email} already exists.`, { field: 'email' });
}

/** A unique key refused the row: MySQL ER_DUP_ENTRY or SQLite's UNIQUE/PRIMARY KEY constraint. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { errno?: number; code?: string } | null;
  return e?.errno === 1062 || e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A state code outside `us_states` would otherwise surface as a foreign-key failure (INTERNAL). */
export async function requireKnownState(db: SqlSession, code: string | null | undefined): Promise<void> {
  if (code === null || code === undefined) return;
  if (!(await db.get('SELECT code FROM us_states WHERE code = ?', [code]))) throw fieldError('stateCode', `no US state ${code}`);
}
