import { ContractError } from '../../../../shared/contract';
import { writeAudit } from '../audit/audit';
import { requireOperator } from '../context';
import { operation } from '../operation';

const iso = (ms: number) => new Date(ms).toISOString();

/** The operator's own sessions on this console (sessions are this console's, in memory); an admin sees everyone's. */
export const listSessions = operation('auth.sessions.list', async (ctx, _input, token) => {
  const me = requireOperator(ctx);
  return ctx.sessions.list(me.role === 'admin' ? null : me.id).map((s) => ({
    sessionId: s.id, operator: s.user, consoleName: ctx.config.consoleName, signedInVia: s.via, startedAtUtc: iso(s.startedAt), lastActiveUtc: iso(s.lastActiveAt), expiresAtUtc: iso(s.expiresAt),
    current: s.token === token,
  }));
});

/** Ends one session on this console: one's own (a desk left signed in), or, for an admin, anyone's. Audited. */
export const revokeSession = operation('auth.sessions.revoke', async (ctx, input) => {
  const me = requireOperator(ctx);
  const session = ctx.sessions.list(me.role === 'admin' ? null : me.id).find((s) => s.id === input.sessionId);
  if (!session) throw new ContractError('NOT_FOUND', 'No such session on this console (it may have ended already).');
  ctx.sessions.revoke(session.token, session.user.id === me.id ? 'you, from another session' : me.email);
  await writeAudit(ctx, 'operator', String(session.user.id),
    session.user.id === me.id ? 'ended one of their sessions' : `session of ${session.user.email} ended by ${me.email}`);
  return { ok: true as const };
});
