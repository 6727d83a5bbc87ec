import { ContractError } from '../../../../shared/contract';
import { operation } from '../operation';

/** The signed-in operator and the mode the console is in (the window shows both). */
export const whoAmI = operation('auth.me', async (ctx) => {
  if (!ctx.operator) throw new ContractError('UNAUTHENTICATED', 'Sign in first.');
  return { user: ctx.operator, mode: ctx.mode };
});
