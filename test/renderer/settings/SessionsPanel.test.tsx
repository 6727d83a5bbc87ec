// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelOutput, Role } from '../../../shared/contract';
import { call, setTransport } from '../../../renderer/client/contractClient';
import { useSession } from '../../../renderer/client/sessionStore';
import { SessionsPanel } from '../../../renderer/features/settings/SessionsPanel';
import { fakeTransport } from '../support/fakeTransport';

type SessionRow = ChannelOutput<'auth.sessions.list'>[number];

const flush = async () => { for (let i = 0; i < 4; i++) await act(async () => { await new Promise((r) => setTimeout(r, 0)); }); };

const admin = { id: 3, email: 'admin@tripdesk.test', name: 'Demo admin', role: 'admin' as const };
const agent = { id: 1, email: 'agent@tripdesk.test', name: 'Demo agent', role: 'agent' as const };
const row = (sessionId: string, operator: SessionRow['operator'], over: Partial<SessionRow> = {}): SessionRow => ({
  sessionId, operator, consoleName: 'front-desk-2', signedInVia: 'browser', startedAtUtc: '2030-01-01T08:00:00.000Z',
  lastActiveUtc: '2030-01-01T09:30:00.000Z', expiresAtUtc: '2030-01-01T17:30:00.000Z', current: false, ...over,
});

/** A core with these sessions; revoking one removes it from the next list. */
function core(sessions: SessionRow[]) {
  let live = [...sessions];
  return fakeTransport((channel, input) => {
    if (channel === 'auth.sessions.list') return { ok: true, value: live };
    if (channel === 'auth.sessions.revoke') {
      live = live.filter((s) => s.sessionId !== input.sessionId);
      return { ok: true, value: { ok: true } };
    }
    if (channel === 'auth.me') {
      return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'This session was signed out at 09:41 UTC by admin@tripdesk.test. Sign in again to continue.', details: { revokedBy: 'admin@tripdesk.test' } } };
    }
    return undefined;
  });
}
const signIn = (user: { id: number; email: string; name: string; role: Role }) => useSession.setState({ status: 'signedIn', user, notice: null });

afterEach(() => {
  cleanup();
  setTransport(null);
  useSession.setState({ status: 'restoring', user: null, notice: null });
});

describe('settings: sessions on this console', () => {
  it('an operator sees their own sessions, where each was signed in and when, with the current one marked and no way to end it here', async () => {
    signIn(agent);
    setTransport(core([row('a1', agent, { signedInVia: 'window', current: true }), row('a2', agent)]).t);
    render(<SessionsPanel />);
    await flush();
    const rows = within(screen.getByRole('table', { name: 'Sessions on this console' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('TripDesk window on front-desk-2'),
      expect.stringContaining('Browser (web bridge) on front-desk-2'),
    ]);
    // Agents see only their own, so no operator column.
    expect(screen.queryByRole('columnheader', { name: 'Operator' })).toBeNull();
    expect(within(rows[0]!).getByText('this session')).toBeTruthy();
    expect(within(rows[0]!).queryByRole('button')).toBeNull();
    expect(within(rows[1]!).getByRole('button', { name: /^Sign out Demo agent's session from / })).toBeTruthy();
  });

  it('an admin signs out another operator\u2019s session: the core is told which, and the list no longer has it', async () => {
    signIn(admin);
    const c = core([row('s-admin', admin, { current: true }), row('s-agent', agent)]);
    setTransport(c.t);
    render(<SessionsPanel />);
    await flush();
    expect(screen.getByRole('columnheader', { name: 'Operator' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^Sign out Demo agent's session/ }));
    await flush();
    expect(c.calls.find((x) => x.channel === 'auth.sessions.revoke')?.input).toEqual({ sessionId: 's-agent' });
    expect(screen.getByRole('status').textContent).toMatch(/^Signed out Demo agent's session from /);
    const table = screen.getByRole('table', { name: 'Sessions on this console' });
    expect(within(table).queryByText(/agent@tripdesk\.test/)).toBeNull();
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });

  it('a window whose session was signed out goes to sign-in, saying who ended it', async () => {
    signIn(agent);
    setTransport(core([]).t);
    await expect(call('auth.me', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(useSession.getState()).toMatchObject({
      status: 'signedOut', user: null, notice: 'This session was signed out at 09:41 UTC by admin@tripdesk.test. Sign in again to continue.',
    });
  });
});
