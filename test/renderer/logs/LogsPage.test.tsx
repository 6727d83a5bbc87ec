// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/contract';
import { setTransport } from '../../../renderer/client/contractClient';
import { LogsPage } from '../../../renderer/features/logs/LogsPage';
import { emptyFilters, logsQuery, useLogs } from '../../../renderer/features/logs/logsStore';
import { fakeTransport, notFound } from '../support/fakeTransport';

const entry = (n: number, over: Partial<LogEntry> = {}): LogEntry => ({
  id: `log-${n}`, atUtc: `2030-01-01T0${n}:15:00.000Z`, level: 'info', source: 'deals', message: `deal scan ${n}`,
  operatorId: null, opId: null, entity: null, entityId: null, ...over,
});

function fakeCore(pages: Record<string, { items: LogEntry[]; nextCursor: string | null }>) {
  const core = fakeTransport((channel, i) => channel === 'logs.list'
    ? { ok: true, value: pages[String(i.cursor ?? '')] ?? { items: [], nextCursor: null } }
    : notFound(channel));
  /** The inputs of the logs.list calls, in order. */
  const logsCalls = () => core.calls.filter((c) => c.channel === 'logs.list').map((c) => c.input);
  return { t: core.t, get calls() { return logsCalls(); } };
}

const flush = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

afterEach(() => {
  cleanup();
  setTransport(null);
  useLogs.setState({ filters: emptyFilters, searched: null, items: [], nextCursor: null, loading: false, error: null, problem: null });
});

describe('log viewer', () => {
  it('shows the newest entries with level, source and message, local time with UTC on hover, and pages on', async () => {
    const audit = entry(3, { level: 'audit', source: 'inventory.flights.update', message: 'inventory: seats 180→180, price 25000→9900', operatorId: 2, entity: 'flight', entityId: '77' });
    const core = fakeCore({ '': { items: [audit, entry(2)], nextCursor: 'c1' }, c1: { items: [entry(1, { level: 'warn' })], nextCursor: null } });
    setTransport(core.t);
    render(<LogsPage />);
    await flush();
    expect(core.calls[0]).toEqual({ limit: 100 });
    const table = screen.getByRole('table', { name: 'Log entries' });
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getByText('audit').className).toContain('badge-info');
    expect(within(first).getByText('inventory.flights.update')).toBeTruthy();
    expect(within(first).getByText(/price 25000→9900/)).toBeTruthy();
    expect(within(first).getByText(/flight #77 · operator #2/)).toBeTruthy();
    const time = first.querySelector('time')!;
    expect(time.getAttribute('dateTime')).toBe('2030-01-01T03:15:00.000Z');
    expect(time.getAttribute('title')).toBe('2030-01-01 03:15:00 UTC');

    fireEvent.click(screen.getByRole('button', { name: 'Load older entries' }));
    await flush();
    expect(core.calls[1]).toEqual({ limit: 100, cursor: 'c1' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(screen.queryByRole('button', { name: 'Load older entries' })).toBeNull();
  });

  it('sends the filters: level, words, operator and a local time range as UTC', async () => {
    const core = fakeCore({});
    setTransport(core.t);
    render(<LogsPage />);
    await flush();
    fireEvent.change(screen.getByLabelText('Level'), { target: { value: 'audit' } });
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: ' price ' } });
    fireEvent.change(screen.getByLabelText('Operator number'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('From (local time)'), { target: { value: '2030-01-01T08:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show logs' }));
    await flush();
    expect(core.calls.at(-1)).toEqual({ limit: 100, level: 'audit', q: 'price', operatorId: 2, from: new Date('2030-01-01T08:00').toISOString() });
    expect(screen.getByText('No log entries match.')).toBeTruthy();
  });

  it('says what is wrong with a time range that ends before it starts', () => {
    expect(logsQuery({ ...emptyFilters, from: '2030-01-02T00:00', to: '2030-01-01T00:00' })).toEqual({ problem: 'To must not be before From.' });
    expect(logsQuery({ ...emptyFilters, operatorId: '0' })).toEqual({ problem: 'Operator: an operator number, such as 2.' });
  });
});
