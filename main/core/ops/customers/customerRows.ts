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
  merged_into_id?: number | null;
  erased_at_utc?: string | null;
}

/** The columns a Customer is read from (only a device's copy holds provisional customers). */
export function customerColumns(db: SqlSession): string {
  return `id, email, first_name, last_name, phone, state_code, created_at_utc, merged_into_id, erased_at_utc, ${db.provisionalColumn()} AS provisional`;
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
    mergedIntoId: r.merged_into_id == null ? null : Number(r.merged_into_id),
    erasedAtUtc: r.erased_at_utc == null ? null : fromDbInstant(r.erased_at_utc),
  };
}

export async function loadCustomer(db: SqlSession, id: number): Promise<Customer> {
  const row = await db.get<CustomerRow>(`SELECT ${customerColumns(db)} FROM users WHERE id = ?`, [id]);
  if (!row) throw new ContractError('NOT_FOUND', `No customer ${id}.`, { customerId: id });
  return toCustomer(row);
}

export function fieldError(field: string, message: string): ContractError {
  return new ContractError('VALIDATION', `${field}: ${message}`, { fields: [{ field, message }] });
}

export function emailTaken(email: string): ContractError {
  return new ContractError('CONFLICT', `A customer with email ${email} already exists.`, { field: 'email' });
}

/** A state code outside `us_states` would otherwise surface as a foreign-key failure (INTERNAL). */
export async function requireKnownState(db: SqlSession, code: string | null | undefined): Promise<void> {
  if (code === null || code === undefined) return;
  if (!(await db.get('SELECT code FROM us_states WHERE code = ?', [code]))) throw fieldError('stateCode', `no US state ${code}`);
}
