// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/contract';
import { setTransport } from '../../../renderer/client/contractClient';
import { useJobs } from '../../../renderer/client/jobsStore';
import { useSession } from '../../../renderer/client/sessionStore';
import { BackgroundJobs } from '../../../renderer/features/settings/BackgroundJobs';
import { fakeTransport } from '../support/fakeTransport';

const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

const STATUS: JobStatus[] = [
  { job: 'holds.sweep', runsHere: true, leader: 'desk-7#0a1b2c3d', lastRunUtc: '2030-01-01T09:00:00.000Z', nextRunUtc: '2030-01-01T09:00:15.000Z' },
  { job: 'analytics.rollup', runsHere: false, leader: 'front-office#99aa00ff', lastRunUtc: '2030-01-01T08:55:00.000Z', nextRunUtc: '2030-01-01T09:00:00.000Z' },
  { job: 'changeLog.prune', runsHere: false, leader: null, lastRunUtc: null, nextRunUtc: null },
];

function signInAs(role: 'agent' | 'supervisor') {
  useSession.setState({ status: 'signedIn', user: { id: 1, email: `${role}@tripdesk.test`, name: `Test ${role}`, role } });
}

afterEach(() => {
  cleanup();
  setTransport(null);
  useJobs.setState({ jobs: null, loading: false, error: null });
  useSession.setState({ status: 'restoring', user: null });
});

describe('settings: the background jobs card', () => {
  it('a supervisor sees which console runs each job (by name), when it last ran, and can refresh', async () => {
    const { t, calls } = fakeTransport((channel) => (channel === 'jobs.status' ? { ok: true, value: STATUS } : undefined));
    setTransport(t);
    signInAs('supervisor');
    render(<BackgroundJobs />);
    await flush();
    const rows = screen.getAllByTestId('background-job').map((r) => r.textContent ?? '');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('Expired holds released');
    expect(rows[0]).toContain('This console');
    expect(rows[1]).toContain('front-office');
    expect(rows[1]).not.toContain('#99aa00ff');
    expect(rows[2]).toContain('No console yet');
    expect(rows[2]).toContain('Not yet');
    expect(calls.filter((c) => c.channel === 'jobs.status')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await flush();
    expect(calls.filter((c) => c.channel === 'jobs.status')).toHaveLength(2);
  });

  it('a failed read is shown with a retry', async () => {
    const { t } = fakeTransport((channel) => (channel === 'jobs.status' ? { ok: false, error: { code: 'OFFLINE', message: 'The central servers cannot be reached.' } } : undefined));
    setTransport(t);
    signInAs('supervisor');
    render(<BackgroundJobs />);
    await flush();
    expect(screen.queryAllByTestId('background-job')).toHaveLength(0);
    expect(document.body.textContent).toContain('The central servers cannot be reached.');
  });

  it('an agent, who may not ask, is not shown the card and does not call jobs.status', async () => {
    const { t, calls } = fakeTransport(() => undefined);
    setTransport(t);
    signInAs('agent');
    render(<BackgroundJobs />);
    await flush();
    expect(screen.queryByRole('heading', { name: 'Background jobs' })).toBeNull();
    expect(calls).toEqual([]);
  });
});
