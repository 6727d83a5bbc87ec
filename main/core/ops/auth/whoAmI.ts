import { ContractError } from '../../../../shared/contract';
import { operation } from '../operation';

/** The signed-in operator, the mode the console is in (the window shows both), and what the session must do first, if anything. */
export const whoAmI = operation('auth.me', async (ctx, _input, token) => {
  if (!ctx.operator) throw new ContractError('UNAUTHENTICATED', 'Sign in first.');
  const restriction = token ? ctx.sessions.restrictionOf(token) : null;
  return {
    user: ctx.operator, mode: ctx.mode,
    mustChangePassword: restriction === 'changePassword', mustEnrollTwoFactor: restriction === 'enrollTwoFactor',
  };
});
