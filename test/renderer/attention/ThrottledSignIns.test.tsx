// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setTransport } from '../../../renderer/client/contractClient';
import { useSession } from '../../../renderer/client/sessionStore';
import { AttentionPage } from '../../../renderer/features/attention/AttentionPage';
import { fakeTransport } from '../support/fakeTransport';

const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

const throttled = (id: string, atUtc: string, attempts: number) => ({
  id, atUtc, operatorId: null, channel: 'auth.login', opId: null, entity: 'operator', entityId: '2',
  summary: `sign-in throttled on console desk-7 (ipc): ${attempts} failed attempts in a row for agent@tripdesk.test (${attempts} wrong passwords, 0 refused while waiting); next attempt allowed in 8 s`,
});
const AUDIT = [
  throttled('a1', '2030-01-01T09:00:00.000Z', 8),
  throttled('a2', '2030-01-01T09:20:00.000Z', 16),
  // Other operator entries (a role change) are not throttling.
  { id: 'a3', atUtc: '2030-01-01T09:30:00.000Z', operatorId: 3, channel: 'operators.setRole', opId: null, entity: 'operator', entityId: '4', summary: 'role set to supervisor' },
];

function core() {
  return fakeTransport((channel) => {
    switch (channel) {
      case 'sync.inbox.list': return { ok: true, value: [] };
      case 'holds.list': return { ok: true, value: [] };
      case 'bookings.search': return { ok: true, value: { items: [], nextCursor: null } };
      case 'audit.list': return { ok: true, value: AUDIT };
      default: return undefined;
    }
  });
}

function signInAs(role: 'agent' | 'supervisor') {
  useSession.setState({ status: 'signedIn', user: { id: 1, email: `${role}@tripdesk.test`, name: `Test ${role}`, role } });
}

afterEach(() => {
  cleanup();
  setTransport(null);
  useSession.setState({ status: 'restoring', user: null });
});

describe('needs attention: repeated sign-in throttling of one account', () => {
  it('a supervisor sees the throttled account once, with its newest audit entry and how often it happened', async () => {
    const { t, calls } = core();
    setTransport(t);
    signInAs('supervisor');
    render(<AttentionPage />);
    await flush();
    await flush();
    expect(screen.getByRole('heading', { name: /Sign-ins throttled \(1\)/ })).toBeTruthy();
    const rows = screen.getAllByTestId('throttled-account');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('throttled 2 times in 24 hours');
    expect(rows[0]!.textContent).toContain('16 failed attempts in a row for agent@tripdesk.test');
    expect(rows[0]!.textContent).not.toContain('role set to supervisor');
    const asked = calls.find((c) => c.channel === 'audit.list')?.input;
    expect(asked?.entity).toBe('operator');
    expect(Date.now() - Date.parse(String(asked?.from))).toBeGreaterThan(23 * 3_600_000);
  });

  it('an agent, who may not read the audit trail, is not shown the section and does not ask for it', async () => {
    const { t, calls } = core();
    setTransport(t);
    signInAs('agent');
    render(<AttentionPage />);
    await flush();
    await flush();
    expect(screen.queryByRole('heading', { name: /Sign-ins throttled/ })).toBeNull();
    expect(calls.some((c) => c.channel === 'audit.list')).toBe(false);
  });
});
