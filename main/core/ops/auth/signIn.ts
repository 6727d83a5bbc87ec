import { ContractError, type Operator, type Role, type SessionUser } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import type { ServiceContext } from '../context';
import { runMutation } from '../runMutation';
import { hashPassword, verifyPassword } from './passwords';

interface AdminRow {
  id: number; email: string; name: string; role: Role; password_hash: string; active: number;
}

const MAX_FAILURES = 5;
const LOCKOUT_MS = 15 * 60_000;

/**
 * Failed attempts are counted per email in memory; after five the account is locked for
 * 15 minutes, whichever engine (central or the offline copy of the hashes) answers.
 */
const failures = new Map<string, { count: number; lockedUntil: number }>();

export async function signIn(ctx: ServiceContext, input: { email: string; password: string }) {
  const email = input.email.toLowerCase();
  const now = ctx.now();
  const f = failures.get(email);
  if (f && f.lockedUntil > now) {
    throw new ContractError('FORBIDDEN', 'Too many failed sign-ins; try again later.', { lockedUntilUtc: new Date(f.lockedUntil).toISOString() });
  }
  const row = await ctx.engine.sql.get<AdminRow>('SELECT id, email, name, role, password_hash, active FROM admins WHERE email = ?', [email]);
  if (!row || row.active !== 1 || !verifyPassword(input.password, row.password_hash)) {
    const count = (f?.count ?? 0) + 1;
    failures.set(email, { count, lockedUntil: count >= MAX_FAILURES ? now + LOCKOUT_MS : 0 });
    throw new ContractError('UNAUTHENTICATED', 'Email or password is wrong.');
  }
  failures.delete(email);
  const user: SessionUser = { id: row.id, email: row.email, name: row.name, role: row.role };
  const { token, expiresAt } = ctx.sessions.open(user);
  return { sessionToken: token, user, expiresAtUtc: new Date(expiresAt).toISOString() };
}

export async function signOut(ctx: ServiceContext, _input: object, token: string | null) {
  if (token) ctx.sessions.close(token);
  return { ok: true as const };
}

export async function whoAmI(ctx: ServiceContext) {
  if (!ctx.operator) throw new ContractError('UNAUTHENTICATED', 'Sign in first.');
  return { user: ctx.operator, mode: ctx.mode };
}

interface OperatorRow { id: number; email: string; name: string; role: Role; active: number }
const toOperator = (r: OperatorRow): Operator => ({ id: r.id, email: r.email, name: r.name, role: r.role, active: r.active === 1 });

export async function listOperators(ctx: ServiceContext): Promise<Operator[]> {
  const rows = await ctx.engine.sql.all<OperatorRow>('SELECT id, email, name, role, active FROM admins ORDER BY email');
  return rows.map(toOperator);
}

export async function createOperator(ctx: ServiceContext, input: { email: string; name: string; role: Role; password: string }) {
  const email = input.email.toLowerCase();
  return runMutation(ctx, async (tx) => {
    if (await tx.get('SELECT id FROM admins WHERE email = ?', [email])) {
      throw new ContractError('CONFLICT', `An operator with email ${email} already exists.`, { field: 'email' });
    }
    const at = toDbInstant(ctx.now());
    const res = await tx.run(
      'INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, 1, ?, ?)',
      [email, input.name, input.role, hashPassword(input.password), at, at]);
    return { id: res.insertId, email, name: input.name, role: input.role, active: true } satisfies Operator;
  }, (op) => ({ entity: 'operator', entityId: String(op.id), summary: `created operator ${email} as ${input.role}` }));
}

export async function setOperatorRole(ctx: ServiceContext, input: { operatorId: number; role: Role }) {
  const op = await runMutation(ctx, async (tx) => {
    const res = await tx.run('UPDATE admins SET role = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
      [input.role, toDbInstant(ctx.now()), input.operatorId]);
    if (res.affectedRows === 0) throw new ContractError('NOT_FOUND', `No operator ${input.operatorId}.`);
    return getOperatorIn(tx, input.operatorId);
  }, (op) => ({ entity: 'operator', entityId: String(op.id), summary: `role set to ${input.role}` }));
  ctx.sessions.closeFor(input.operatorId);
  return op;
}

export async function deactivateOperator(ctx: ServiceContext, input: { operatorId: number }) {
  if (ctx.operator?.id === input.operatorId) throw new ContractError('VALIDATION', 'operatorId: you cannot deactivate yourself.');
  const op = await runMutation(ctx, async (tx) => {
    const res = await tx.run('UPDATE admins SET active = 0, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?',
      [toDbInstant(ctx.now()), input.operatorId]);
    if (res.affectedRows === 0) throw new ContractError('NOT_FOUND', `No operator ${input.operatorId}.`);
    return getOperatorIn(tx, input.operatorId);
  }, (op) => ({ entity: 'operator', entityId: String(op.id), summary: 'deactivated' }));
  ctx.sessions.closeFor(input.operatorId);
  return op;
}

async function getOperatorIn(tx: { get: ServiceContext['engine']['sql']['get'] }, id: number): Promise<Operator> {
  const row = await tx.get<OperatorRow>('SELECT id, email, name, role, active FROM admins WHERE id = ?', [id]);
  if (!row) throw new ContractError('NOT_FOUND', `No operator ${id}.`);
  return toOperator(row);
}

