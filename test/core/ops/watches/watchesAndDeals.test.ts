import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, LogEntry, Watch } from '../../../../shared/contract';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { fails, ok, startDeviceCore, startTestCore, type CoreMode, type TestCore } from '../../../support/testCore';
import { leadGuest } from '../../../support/travellers';

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

interface Market { t: TestCore; fx: Fixture; agent: string; supervisor: string; fired: Watch[] }

/** A core with the small fixture, an agent and a supervisor signed in, and the watches it reports as fired. */
async function startMarket(kind: CoreMode, rooms: number): Promise<Market> {
  const t = await startTestCore(kind, { env: { TRIPDESK_SESSION_HOURS: '10000' } });
  const fx = await loadFixture(t.engine, { seats: 10, rooms });
  const { agent, supervisor } = t.tokens;
  const fired: Watch[] = [];
  t.core.subscribe((event, payload) => {
    if (event === 'watches.triggered') fired.push((payload as { watch: Watch }).watch);
  });
  return { t, fx, agent, supervisor, fired };
}

/**
 * Watches and the deal detector, on both engines: a watch fires once when a change satisfies it
 * (a price drop, rooms or seats coming back), and a price well under the trailing median is a deal.
 */
describe.each<CoreMode>(['standalone', 'central'])('watches and deals on the %s engine', (kind) => {
  let t: TestCore;
  let agent: string;
  let supervisor: string;
  let fx: Fixture;
  let fired: Watch[] = [];

  beforeAll(async () => {
    ({ t, fx, agent, supervisor, fired } = await startMarket(kind, 1));
  });
  afterAll(async () => t?.close());

  const firedFor = (id: string) => fired.filter((w) => w.id === id);
  /**
   * Centrally, the console's own pull may notice the change too and race the use case to fire the
   * watch: whichever wins pushes the event, a moment later if it is the pull. Wait for it, then
   * give a second push time to show up if there were one.
   */
  const expectOneAlert = async (id: string) => {
    await vi.waitFor(() => expect(firedFor(id)).toHaveLength(1), { timeout: 3_000 });
    await new Promise((r) => setTimeout(r, 200));
    expect(firedFor(id)).toHaveLength(1);
  };

  it('fires a price watch once, when a fare on the route drops under the line', async () => {
    const watch = await ok(t, agent, 'watches.create', {
      customerId: fx.customerId, target: { kind: 'route', from: 'JFK', to: 'LAX', dateFrom: fx.departDay, dateTo: addDays(fx.departDay, 2) },
      condition: { kind: 'price_below', priceCents: 15000 },
    });
    expect(watch.status).toBe('active');
    await ok(t, supervisor, 'inventory.flights.update', { flightId: fx.flightId, priceCents: 14500 });
    const hits = await ok(t, agent, 'watches.list', { status: 'triggered' });
    const hit = hits.find((w) => w.id === watch.id);
    expect(hit?.hit).toMatchObject({ refKind: 'flight', refId: fx.flightId, priceCents: 14500, day: fx.departDay });
    await expectOneAlert(watch.id);

    // Another drop is not a second alert: the watch already fired.
    await ok(t, supervisor, 'inventory.flights.update', { flightId: fx.flightId, priceCents: 14000 });
    await expectOneAlert(watch.id);
    expect((await ok(t, agent, 'watches.list', { customerId: fx.customerId })).find((w) => w.id === watch.id)?.hit?.priceCents).toBe(14500);
  });

  it('fires at once when the condition already holds, and a repeated create is the same watch', async () => {
    const input = {
      customerId: fx.customerId, target: { kind: 'car', carId: fx.carId, dateFrom: fx.checkIn, dateTo: fx.checkOut },
      condition: { kind: 'price_below', priceCents: 5000 }, opId: '01936f4e-5c1a-7000-8000-00000000c4a1',
    } satisfies ChannelInput<'watches.create'>;
    const first = await ok(t, agent, 'watches.create', input);
    expect(first.status).toBe('triggered');
    expect(first.hit).toMatchObject({ refKind: 'car', refId: fx.carId, priceCents: 4500 });
    const again = await ok(t, agent, 'watches.create', input);
    expect(again.id).toBe(first.id);
    expect((await ok(t, agent, 'watches.list', { customerId: fx.customerId })).filter((w) => w.id === first.id)).toHaveLength(1);
    await expectOneAlert(first.id);
  });

  it('fires an availability watch when a cancellation gives the last room back', async () => {
    const stay = await ok(t, agent, 'hotels.search', { stateCode: 'CA', checkIn: fx.checkIn, checkOut: addDays(fx.checkIn, 1) });
    const booking = await ok(t, agent, 'bookings.create', {
      customerId: fx.customerId, expectedTotalCents: stay.items[0]?.totalCents ?? 0,
      items: [{ kind: 'hotel', roomTypeId: fx.roomTypeId, checkIn: fx.checkIn, checkOut: addDays(fx.checkIn, 1), rooms: 1, guests: 1, travellers: [leadGuest()] }],
      payment: { kind: 'card', card: GOOD_CARD, save: false },
    });
    const hotel = await t.engine.sql.get<{ hotel_id: number }>('SELECT hotel_id FROM hotel_room_types WHERE id = ?', [fx.roomTypeId]);
    const watch = await ok(t, agent, 'watches.create', {
      customerId: fx.customerId, target: { kind: 'hotel', hotelId: Number(hotel?.hotel_id), dateFrom: fx.checkIn, dateTo: fx.checkIn },
      condition: { kind: 'available' },
    });
    expect(watch.status).toBe('active');
    await ok(t, agent, 'bookings.cancel', { bookingId: booking.id, reason: 'customer changed plans' });
    const after = (await ok(t, agent, 'watches.list', { status: 'triggered' })).find((w) => w.id === watch.id);
    expect(after?.hit).toMatchObject({ refKind: 'hotel', refId: fx.roomTypeId, day: fx.checkIn, available: 1 });
    await expectOneAlert(watch.id);
  });

  it('refuses a watch with dates the wrong way round or a target that does not exist, naming the field', async () => {
    const backwards = await fails(t, agent, 'watches.create', {
      customerId: fx.customerId, target: { kind: 'route', from: 'JFK', to: 'LAX', dateFrom: fx.checkOut, dateTo: fx.checkIn }, condition: { kind: 'available' },
    }, 'VALIDATION');
    expect(backwards.message).toContain('target.dateTo');
    await fails(t, agent, 'watches.create', {
      customerId: fx.customerId, target: { kind: 'hotel', hotelId: 999_999, dateFrom: fx.checkIn, dateTo: fx.checkIn }, condition: { kind: 'available' },
    }, 'NOT_FOUND');
    await fails(t, agent, 'watches.delete', { watchId: 'no-such-watch' }, 'NOT_FOUND');
  });

  it('removes a watch (a dismissed alert) and says so in the audit trail', async () => {
    const [hit] = await ok(t, agent, 'watches.list', { status: 'triggered', limit: 1 });
    expect(hit).toBeDefined();
    await ok(t, agent, 'watches.delete', { watchId: hit!.id });
    expect((await ok(t, agent, 'watches.list', {})).some((w) => w.id === hit?.id)).toBe(false);
    const logs = await ok(t, supervisor, 'logs.list', { level: 'audit', q: 'watch removed' });
    expect(logs.items.map((l) => l.entityId)).toContain(hit?.id);
  });

  it('keeps application log lines beside the audit trail for the log viewer, filtered by level and text', async () => {
    // A fired watch is logged at info level by the core (batched, so poll briefly).
    let lines: LogEntry[] = [];
    for (let i = 0; i < 40 && lines.length === 0; i++) {
      lines = (await ok(t, supervisor, 'logs.list', { level: 'info', q: 'fired for customer' })).items;
      if (lines.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatchObject({ level: 'info', source: 'watches' });
    const audit = await ok(t, supervisor, 'logs.list', { level: 'audit', limit: 2 });
    expect(audit.items.every((l) => l.level === 'audit')).toBe(true);
    expect(audit.nextCursor).not.toBeNull();
    const next = await ok(t, supervisor, 'logs.list', { level: 'audit', limit: 2, cursor: audit.nextCursor! });
    expect((next.items[0]?.atUtc ?? '') <= (audit.items[1]?.atUtc ?? '')).toBe(true);
    await fails(t, agent, 'logs.list', {}, 'FORBIDDEN');
  });
});

describe('watches and deals with a central server (MariaDB + FerretDB), online and offline', () => {
  let t: TestCore;
  let agent: string;
  let supervisor: string;
  let fx: Fixture;
  let fired: Watch[] = [];

  beforeAll(async () => {
    ({ t, fx, agent, supervisor, fired } = await startMarket('central', 2));
    await ok(t, agent, 'sync.now', {});
  });
  afterAll(async () => t?.close());

  it('fires a watch on a pull, when a change made elsewhere on the server makes a room cheaper', async () => {
    const hotel = await t.engine.sql.get<{ hotel_id: number }>('SELECT hotel_id FROM hotel_room_types WHERE id = ?', [fx.roomTypeId]);
    const watch = await ok(t, agent, 'watches.create', {
      customerId: fx.customerId, target: { kind: 'hotel', hotelId: Number(hotel?.hotel_id), dateFrom: fx.checkIn, dateTo: fx.checkIn },
      condition: { kind: 'price_below', priceCents: 12000 },
    });
    expect(watch.status).toBe('active');
    await ok(t, agent, 'sync.now', {});
    // Another system (a revenue-management job, say) reprices the night straight in MySQL.
    await t.engine.sql.run('UPDATE hotel_inventory SET price_cents = 11000, row_version = row_version + 1 WHERE room_type_id = ? AND stay_date = ?', [fx.roomTypeId, fx.checkIn]);
    await ok(t, agent, 'sync.now', {});
    await vi.waitFor(async () => {
      const hits = await ok(t, agent, 'watches.list', { status: 'triggered' });
      expect(hits.find((w) => w.id === watch.id)?.hit).toMatchObject({ refKind: 'hotel', refId: fx.roomTypeId, priceCents: 11000, day: fx.checkIn });
    }, { timeout: 5_000 });
    await vi.waitFor(() => expect(fired.filter((w) => w.id === watch.id)).toHaveLength(1));
  });

  it('stores a deal event once in MongoDB however often it arrives', async () => {
    const deal = {
      id: 'pipeline-evt-42', eventType: 'deal' as const, kind: 'flight' as const, key: 'route:JFK-LAX', targetId: fx.cheapFlightId, title: 'JetBlue B6 23 JFK → LAX',
      day: fx.departDay, priceCents: 15900, referenceCents: 24900, discountPct: 36.1, source: 'kafka' as const, ts: new Date(),
    };
    expect(await t.engine.docs.deals.insertDeal(deal)).toBe(true);
    expect(await t.engine.docs.deals.insertDeal({ ...deal, title: 'a redelivery' })).toBe(false);
    const listed = await ok(t, agent, 'deals.list', { kind: 'flight' });
    expect(listed.items.filter((d) => d.id === 'pipeline-evt-42').map((d) => d.title)).toEqual(['JetBlue B6 23 JFK → LAX']);
  });

  it('fires a watch made offline on the cached fares, and announces it once after the ops replay', async () => {
    t.core.sync?.markOffline('test: the line is down');
    expect(t.core.mode()).toBe('offline');
    const watch = await ok(t, agent, 'watches.create', {
      customerId: fx.customerId, target: { kind: 'route', from: 'JFK', to: 'LAX', dateFrom: fx.departDay, dateTo: fx.departDay },
      condition: { kind: 'price_below', priceCents: 16000 },
    });
    expect(watch).toMatchObject({ status: 'active', provisional: true });
    await ok(t, supervisor, 'inventory.flights.update', { flightId: fx.cheapFlightId, priceCents: 15500 });
    const local = await t.core.local.docs.watches.getWatch(watch.id);
    expect(local?.status).toBe('triggered');
    expect(local?.hit).toMatchObject({ refId: fx.cheapFlightId, priceCents: 15500 });
    expect(fired.filter((w) => w.id === watch.id)).toHaveLength(1);

    // Back online: the watch and the fare change replay; the server fires the watch too, but the
    // console has already told the agent.
    await ok(t, agent, 'sync.now', {});
    expect(t.core.mode()).toBe('online');
    const central = await t.engine.docs.watches.getWatch(watch.id);
    expect(central).toMatchObject({ status: 'triggered', hit: { refId: fx.cheapFlightId, priceCents: 15500 } });
    await new Promise((r) => setTimeout(r, 200));
    expect(fired.filter((w) => w.id === watch.id)).toHaveLength(1);
  });

  it('a new device downloads the watches and the recent deals with everything else', async () => {
    const watches = await ok(t, agent, 'watches.list', {});
    const deals = await ok(t, agent, 'deals.list', {});
    expect(watches.length).toBeGreaterThan(0);
    expect(deals.items.length).toBeGreaterThan(0);
    const second = await startDeviceCore({ mysqlUrl: t.mysqlUrl ?? '', mongoUrl: t.mongoUrl ?? '' }, { prefix: 'td-second-device-' });
    try {
      const copied = await second.core.local.docs.watches.listWatches({ limit: 100 });
      expect(copied.map((w) => [w.id, w.status]).sort()).toEqual(watches.map((w) => [w.id, w.status]).sort());
      const copiedDeals = await second.core.local.docs.deals.listDeals({ limit: 100 });
      expect(copiedDeals.map((d) => d.id).sort()).toEqual(deals.items.map((d) => d.id).sort());
    } finally {
      await second.close();
    }
  });
});
