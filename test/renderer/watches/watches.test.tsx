// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Watch } from '../../../shared/contract';
import { setTransport, type Transport } from '../../../renderer/client/contractClient';
import { useRoute } from '../../../renderer/client/router';
import { useTrip } from '../../../renderer/client/tripStore';
import { PriceAlerts, WatchAlertToast } from '../../../renderer/features/watches/PriceAlerts';
import { WatchDialog } from '../../../renderer/features/watches/WatchDialog';
import { WatchesList } from '../../../renderer/features/watches/WatchesList';
import { useWatchAlerts, useWatches } from '../../../renderer/features/watches/watchesStore';
import { fakeTransport } from '../support/fakeTransport';

const ada = { id: 12, email: 'ada@example.test', firstName: 'Ada', lastName: 'Lovelace', phone: null, stateCode: null, createdAtUtc: '2030-01-01T00:00:00.000Z', provisional: false };

const watch = (id: string, over: Partial<Watch> = {}): Watch => ({
  id, customerId: 12, target: { kind: 'route', from: 'JFK', to: 'LAX', dateFrom: '2030-03-01', dateTo: '2030-03-05' },
  condition: { kind: 'price_below', priceCents: 15_000 }, status: 'active', createdAtUtc: '2030-01-01T10:00:00.000Z', createdBy: 2,
  triggeredAtUtc: null, hit: null, notifyCustomer: false, provisional: false, ...over,
});
const fired = (id: string): Watch => watch(id, {
  status: 'triggered', triggeredAtUtc: '2030-01-02T10:00:00.000Z',
  hit: { refKind: 'flight', refId: 77, label: 'Delta DL401 JFK → LAX', day: '2030-03-02', priceCents: 12_900, available: 5 },
});

function fakeCore(opts: { watches?: Watch[]; created?: Watch } = {}) {
  let watches = opts.watches ?? [];
  return fakeTransport((channel, i) => {
    switch (channel) {
      case 'watches.list': return { ok: true, value: watches.filter((w) => (!i.status || w.status === i.status) && (!i.customerId || w.customerId === i.customerId)) };
      case 'watches.create': return { ok: true, value: opts.created ?? watch(String(i.opId), { target: i.target as Watch['target'], condition: i.condition as Watch['condition'] }) };
      case 'watches.delete': watches = watches.filter((w) => w.id !== i.watchId); return { ok: true, value: { ok: true } };
      case 'customers.get': return { ok: true, value: ada };
      case 'customers.search': return { ok: true, value: { items: [ada], nextCursor: null } };
      case 'flights.get': return { ok: true, value: { id: 77, flightNumber: 'DL401', airline: 'Delta', from: 'JFK', to: 'LAX', departUtc: '2030-03-02T14:00:00.000Z', arriveUtc: '2030-03-02T20:00:00.000Z', departureLocal: '2030-03-02T09:00:00-05:00', arrivalLocal: '2030-03-02T12:00:00-08:00', departureTimeZone: 'America/New_York', arrivalTimeZone: 'America/Los_Angeles', priceCents: 12_900, seatsAvailable: 5, seatsTotal: 180 } };
      case 'flights.search': return { ok: true, value: { items: [], nextCursor: null } };
      default: return undefined;
    }
  });
}

const flush = (ms = 0) => act(async () => { await new Promise((r) => setTimeout(r, ms)); });

afterEach(() => {
  cleanup();
  setTransport(null);
  useTrip.setState({ customer: null, items: [] });
  useWatchAlerts.setState({ alerts: null, toast: null, error: null, customers: {} });
  useWatches.setState({ customerId: null, status: '', items: null, loading: false, error: null });
});

describe('watch price', () => {
  it('sets a route watch for the booking\'s customer with "price below"', async () => {
    const core = fakeCore();
    setTransport(core.t);
    useTrip.setState({ customer: ada });
    render(<WatchDialog draft={{ kind: 'route', from: 'JFK', to: 'LAX', dateFrom: '2030-03-01', dateTo: '2030-03-05' }} onClose={() => undefined} />);
    expect(screen.getByText('Ada Lovelace')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Price in dollars/), { target: { value: '150' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set watch' }));
    await flush();
    const create = core.calls.find((c) => c.channel === 'watches.create')!;
    expect(create.input).toMatchObject({
      customerId: 12, target: { kind: 'route', from: 'JFK', to: 'LAX', dateFrom: '2030-03-01', dateTo: '2030-03-05' },
      condition: { kind: 'price_below', priceCents: 15_000 }, notifyCustomer: false,
    });
    expect(typeof create.input.opId).toBe('string');
    expect(screen.getByRole('status').textContent).toMatch(/^Watch set for Ada Lovelace: JFK → LAX/);
  });

  it('a hotel watch asks for the customer, and "available" sends no price', async () => {
    const core = fakeCore();
    setTransport(core.t);
    render(<WatchDialog draft={{ kind: 'hotel', hotelId: 7, name: 'Harbor Inn', dateFrom: '2030-03-01', dateTo: '2030-03-02', priceHint: 8_000 }} onClose={() => undefined} />);
    expect((screen.getByRole('button', { name: 'Set watch' }) as HTMLButtonElement).disabled).toBe(true);
    await flush(300);
    fireEvent.click(screen.getByRole('button', { name: /^Select Ada Lovelace/ }));
    expect((screen.getByLabelText(/^Price in dollars/) as HTMLInputElement).value).toBe('80.00');
    fireEvent.click(screen.getByLabelText('Rooms are available'));
    fireEvent.click(screen.getByLabelText('Also email the customer (ada@example.test) when it happens'));
    fireEvent.click(screen.getByRole('button', { name: 'Set watch' }));
    await flush();
    expect(core.calls.find((c) => c.channel === 'watches.create')!.input).toMatchObject({
      customerId: 12, target: { kind: 'hotel', hotelId: 7 }, condition: { kind: 'available' }, notifyCustomer: true,
    });
  });

  it('refuses a price that is not dollars, without calling the core', async () => {
    const core = fakeCore();
    setTransport(core.t);
    useTrip.setState({ customer: ada });
    render(<WatchDialog draft={{ kind: 'route', from: 'JFK', to: 'LAX', dateFrom: '2030-03-01', dateTo: '2030-03-05' }} onClose={() => undefined} />);
    fireEvent.change(screen.getByLabelText(/^Price in dollars/), { target: { value: 'cheap' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set watch' }));
    await flush();
    expect(screen.getByRole('alert').textContent).toMatch(/^Price: an amount in dollars/);
    expect(core.calls.some((c) => c.channel === 'watches.create')).toBe(false);
  });

  it('a watch whose condition already holds comes back fired and lands in the alerts', async () => {
    const core = fakeCore({ created: fired('w9') });
    setTransport(core.t);
    useTrip.setState({ customer: ada });
    render(<WatchDialog draft={{ kind: 'route', from: 'JFK', to: 'LAX', dateFrom: '2030-03-01', dateTo: '2030-03-05' }} onClose={() => undefined} />);
    fireEvent.change(screen.getByLabelText(/^Price in dollars/), { target: { value: '150' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set watch' }));
    await flush();
    expect(screen.getByRole('status').textContent).toContain('Already there: Delta DL401 JFK → LAX');
    expect(useWatchAlerts.getState().alerts?.map((w) => w.id)).toEqual(['w9']);
  });
});

describe('price alerts in Needs attention', () => {
  it('lists fired watches, adds one live on the push with a notice, and dismiss deletes the watch', async () => {
    const core = fakeCore({ watches: [fired('w1'), watch('w2')] });
    setTransport(core.t);
    const stop = useWatchAlerts.getState().start();
    render(<><PriceAlerts /><WatchAlertToast /></>);
    await flush();
    const list = screen.getByRole('list', { name: 'Price alerts' });
    expect(within(list).getAllByTestId('alert-title').map((e) => e.textContent)).toEqual([
      'Price alert: Delta DL401 JFK → LAX on Sat, Mar 2, 2030 now $129.00 — Ada Lovelace (customer #12)',
    ]);

    core.emit('watches.triggered', { watch: { ...fired('w3'), triggeredAtUtc: '2030-01-03T10:00:00.000Z', hit: { ...fired('w3').hit!, priceCents: 9_900 } } });
    await flush();
    expect(within(list).getAllByTestId('alert-title')).toHaveLength(2);
    expect(within(list).getAllByTestId('alert-title')[0]!.textContent).toContain('now $99.00');
    expect(screen.getByText(/^Price alert: .* now \$99\.00/, { selector: '.toast span' })).toBeTruthy();

    fireEvent.click(within(list).getByRole('button', { name: /^Dismiss Price alert: .*\$129\.00/ }));
    await flush();
    expect(core.calls.find((c) => c.channel === 'watches.delete')!.input).toMatchObject({ watchId: 'w1' });
    expect(within(list).getAllByTestId('alert-title')).toHaveLength(1);
    stop();
  });

  it('"Book this" opens the flight the watch found in the flight search', async () => {
    const core = fakeCore({ watches: [fired('w1')] });
    setTransport(core.t);
    render(<PriceAlerts />);
    await flush();
    fireEvent.click(screen.getByRole('button', { name: /^Book this/ }));
    await flush();
    expect(core.calls.find((c) => c.channel === 'flights.get')!.input).toMatchObject({ flightId: 77 });
    expect(core.calls.find((c) => c.channel === 'flights.search')!.input).toMatchObject({ from: 'JFK', to: 'LAX', date: '2030-03-02' });
    expect(useRoute.getState().path).toBe('/search/flights');
  });
});

describe('a customer\'s watches', () => {
  it('lists them and deletes one', async () => {
    const core = fakeCore({ watches: [watch('w1'), fired('w2'), watch('w3', { customerId: 99 })] });
    setTransport(core.t);
    render(<WatchesList customerId={12} />);
    await flush();
    expect(core.calls.find((c) => c.channel === 'watches.list')!.input).toMatchObject({ customerId: 12 });
    const list = screen.getByRole('list', { name: 'Price watches' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    fireEvent.click(within(list).getAllByRole('button', { name: /^Delete watch on JFK → LAX/ })[0]!);
    await flush();
    expect(core.calls.find((c) => c.channel === 'watches.delete')).toBeTruthy();
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
  });
});

describe('alerts that arrive while the list is being read', () => {
  it('keeps an alert pushed after the list was asked for, even when the older list answers later', async () => {
    const core = fakeCore({ watches: [] });
    let answerList: (() => void) | null = null;
    const slow: Transport = {
      ...core.t,
      async invoke(channel, input) {
        if (channel === 'watches.list') await new Promise<void>((r) => { answerList = r; });
        return core.t.invoke(channel, input);
      },
    };
    setTransport(slow);
    const stop = useWatchAlerts.getState().start();
    try {
      await flush();
      // The alert fires while the first read is still on its way; that read has no alerts.
      core.emit('watches.triggered', { watch: fired('w-late') });
      expect(useWatchAlerts.getState().alerts?.map((w) => w.id)).toEqual(['w-late']);
      (answerList as (() => void) | null)?.();
      await flush();
      expect(useWatchAlerts.getState().alerts?.map((w) => w.id)).toEqual(['w-late']);
    } finally {
      stop();
    }
  });
});
