import { ContractError, type Operator } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import { hashPassword } from '../auth/passwords';
import { runMutation } from '../runMutation';
import { operation } from '../operation';

/** A new operator who may sign in at once; emails are unique regardless of case. */
export const createOperator = operation('operators.create', async (ctx, input) => {
  const email = input.email.toLowerCase();
  // Hashed before the transaction opens: scrypt's time on the threadpool holds no lock or connection.
  const passwordHash = await hashPassword(input.password, ctx.config.passwordCost);
  return runMutation(ctx, async (tx) => {
    if (await tx.get('SELECT id FROM admins WHERE email = ?', [email])) {
      throw new ContractError('CONFLICT', `An operator with email ${email} already exists.`, { field: 'email' });
    }
    const at = toDbInstant(ctx.now());
    const res = await tx.run(
      'INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, 1, ?, ?)',
      [email, input.name, input.role, passwordHash, at, at]);
    return { id: res.insertId, email, name: input.name, role: input.role, active: true } satisfies Operator;
  }, (op) => ({ entity: 'operator', entityId: String(op.id), summary: `created operator ${email} as ${input.role}` }));
});
