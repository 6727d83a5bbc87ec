import { operation } from '../operation';

/** Ends this session only; the operator's other consoles stay signed in. */
export const signOut = operation('auth.logout', async (ctx, _input, token) => {
  if (token) ctx.sessions.close(token);
  return { ok: true as const };
});
