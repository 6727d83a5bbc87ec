import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, utcDay } from '../../../../shared/time';
import { GOOD_CARD, loadFixture, type Fixture } from '../../../support/fixture';
import { fails, MODES, ok, startTestCore, type CoreMode, type TestCore } from '../../../support/testCore';
import { driver, leadGuest, passengers } from '../../../support/travellers';

const HARBOR = {
  name: 'Seaside Lodge', address: '12 Ocean Ave', city: 'Los Angeles', stateCode: 'CA', starRating: 4,
  amenities: ['pool', 'free wifi', 'pool'], checkInTime: '16:00', checkOutTime: '10:30',
};

function describeCatalogSuite(mode: CoreMode): void {
  let t: TestCore;
  let fx: Fixture;
  let agent: string;
  let supervisor: string;
  const today = utcDay(Date.now());

  beforeAll(async () => {
    t = await startTestCore(mode, { env: { TRIPDESK_DEMO_DATA: '0' } });
    fx = await loadFixture(t.engine);
    agent = t.tokens.agent;
    supervisor = t.tokens.supervisor;
  });
  afterAll(async () => { await t?.close(); });

  it('a supervisor adds a hotel and a room type; the room is on sale for the next 365 nights and an agent books it', async () => {
    const opId = uuidv7();
    const hotel = await ok(t, supervisor, 'catalog.hotels.save', { ...HARBOR, opId });
    expect(hotel).toMatchObject({ name: 'Seaside Lodge', amenities: ['pool', 'free wifi'], checkInTime: '16:00', checkOutTime: '10:30', active: true, roomTypes: [] });
    // The same opId twice adds one hotel.
    expect((await ok(t, supervisor, 'catalog.hotels.save', { ...HARBOR, opId })).id).toBe(hotel.id);
    const room = await ok(t, supervisor, 'catalog.roomTypes.save', { hotelId: hotel.id, name: 'Ocean King', beds: '1 king', maxGuests: 2, basePriceCents: 21_000, roomsPerNight: 3 });
    expect(room).toMatchObject({ hotelId: hotel.id, name: 'Ocean King', beds: '1 king', maxGuests: 2, basePriceCents: 21_000, active: true });
    const days = await ok(t, supervisor, 'inventory.hotels.days', { roomTypeId: room.id, from: today, to: addDays(today, 399) });
    expect(days.length).toBe(365);
    expect(days[0]).toEqual({ date: today, roomsTotal: 3, roomsBooked: 0, priceCents: 21_000, minStayNights: 1, closedToArrival: false, closedToDeparture: false });
    expect(days.at(-1)?.date).toBe(addDays(today, 364));
    expect((await ok(t, agent, 'catalog.hotels.get', { hotelId: hotel.id })).roomTypes.map((r) => r.name)).toEqual(['Ocean King']);

    const found = await ok(t, agent, 'hotels.search', { city: 'Los Angeles', checkIn: fx.checkIn, checkOut: fx.checkOut });
    expect(found.items.map((h) => h.hotelName)).toContain('Seaside Lodge');
    const booking = await ok(t, agent, 'bookings.create', {
      customerId: fx.customerId, items: [{ kind: 'hotel', roomTypeId: room.id, checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 1, guests: 2, travellers: [leadGuest()] }],
      payment: { kind: 'card', card: GOOD_CARD }, expectedTotalCents: 3 * 21_000,
    });
    expect(booking.status).toBe('confirmed');
  });

  it('editing a hotel keeps its id; taken off sale it leaves searches and sales but stays for its bookings', async () => {
    const hotel = await ok(t, supervisor, 'catalog.hotels.save', { ...HARBOR, name: 'Quiet Court', city: 'Pasadena' });
    const room = await ok(t, supervisor, 'catalog.roomTypes.save', { hotelId: hotel.id, name: 'Twin', beds: '2 twins', maxGuests: 2, basePriceCents: 9_000 });
    const off = await ok(t, supervisor, 'catalog.hotels.save', { ...HARBOR, hotelId: hotel.id, name: 'Quiet Court', city: 'Pasadena', starRating: 3, active: false });
    expect(off).toMatchObject({ id: hotel.id, starRating: 3, active: false });
    expect((await ok(t, agent, 'hotels.search', { city: 'Pasadena', checkIn: fx.checkIn, checkOut: fx.checkOut })).items).toEqual([]);
    expect((await ok(t, agent, 'catalog.hotels.list', { q: 'quiet' }))).toEqual([]);
    expect((await ok(t, supervisor, 'catalog.hotels.list', { q: 'quiet', includeInactive: true })).map((h) => h.name)).toEqual(['Quiet Court']);
    await fails(t, agent, 'bookings.create', {
      customerId: fx.customerId, items: [{ kind: 'hotel', roomTypeId: room.id, checkIn: fx.checkIn, checkOut: fx.checkOut, rooms: 1, guests: 1, travellers: [leadGuest()] }],
      payment: { kind: 'card', card: GOOD_CARD }, expectedTotalCents: 27_000,
    }, 'SOLD_OUT');
    // A room type stays with its hotel: its bookings and nights are that hotel's.
    const other = await ok(t, supervisor, 'catalog.hotels.save', { ...HARBOR, name: 'Other Court' });
    await fails(t, supervisor, 'catalog.roomTypes.save', { roomTypeId: room.id, hotelId: other.id, name: 'Twin', beds: '2 twins', maxGuests: 2, basePriceCents: 9_000 }, 'VALIDATION');
    await fails(t, supervisor, 'catalog.hotels.save', { ...HARBOR, stateCode: 'ZZ' }, 'VALIDATION');
    await fails(t, agent, 'catalog.hotels.save', HARBOR, 'FORBIDDEN');
  });

  it('a car at an airport desk takes the airport city; it is for rent 365 days and an agent finds and books it', async () => {
    const car = await ok(t, supervisor, 'catalog.cars.save', {
      company: 'Sunset Rentals', model: 'Mustang', carClass: 'convertible', seats: 4, transmission: 'manual', pickUp: { kind: 'airport', airport: 'LAX' }, basePriceCents: 8_900, unitsPerDay: 2,
    });
    expect(car).toMatchObject({ airport: 'LAX', city: 'Los Angeles', stateCode: 'CA', transmission: 'manual', basePriceCents: 8_900, active: true });
    const days = await ok(t, supervisor, 'inventory.cars.days', { carId: car.id, from: today, to: addDays(today, 399) });
    expect([days.length, days[0]?.unitsTotal, days[0]?.priceCents]).toEqual([365, 2, 8_900]);
    const found = await ok(t, agent, 'cars.search', { city: 'Los Angeles', pickUp: fx.checkIn, dropOff: fx.checkOut });
    expect(found.items.find((c) => c.carId === car.id)?.totalCents).toBe(3 * 8_900);
    await ok(t, agent, 'bookings.create', {
      customerId: fx.customerId, items: [{ kind: 'car', carId: car.id, pickUp: fx.checkIn, dropOff: fx.checkOut, travellers: [driver()] }],
      payment: { kind: 'card', card: GOOD_CARD }, expectedTotalCents: 3 * 8_900,
    });
    const moved = await ok(t, supervisor, 'catalog.cars.save', {
      carId: car.id, company: 'Sunset Rentals', model: 'Mustang', carClass: 'convertible', seats: 4, transmission: 'automatic', pickUp: { kind: 'city', city: 'Santa Monica', stateCode: 'CA' }, basePriceCents: 9_900, active: false,
    });
    expect(moved).toMatchObject({ id: car.id, airport: null, city: 'Santa Monica', transmission: 'automatic', active: false });
    expect((await ok(t, agent, 'cars.search', { city: 'Santa Monica', pickUp: fx.checkIn, dropOff: fx.checkOut })).items).toEqual([]);
    await fails(t, supervisor, 'catalog.cars.save', { company: 'X', model: 'Y', carClass: 'z', seats: 4, transmission: 'manual', pickUp: { kind: 'airport', airport: 'ZZZ' }, basePriceCents: 1 }, 'VALIDATION');
  });

  it('a new flight is given in local times at each airport and stored in UTC; a time the clocks skip is refused', async () => {
    const departDay = addDays(today, 20);
    const { flight, affectedBookings } = await ok(t, supervisor, 'catalog.flights.save', {
      flightNumber: 'TD 900', airline: 'TripDesk Air', from: 'JFK', to: 'LAX', departureLocal: `${departDay}T08:15`, arrivalLocal: `${departDay}T11:40`, seatsTotal: 120, priceCents: 23_400,
    });
    expect(affectedBookings).toEqual([]);
    expect(flight.departureLocal.slice(0, 16)).toBe(`${departDay}T08:15`);
    expect(flight.arrivalLocal.slice(0, 16)).toBe(`${departDay}T11:40`);
    // Six and a half hours in the air whatever the season: 3 h 25 on the clocks plus the 3 h between the coasts.
    expect(Date.parse(flight.arriveUtc) - Date.parse(flight.departUtc)).toBe(6 * 3_600_000 + 25 * 60_000);
    expect(flight).toMatchObject({ seatsTotal: 120, seatsAvailable: 120, priceCents: 23_400, active: true });
    expect((await ok(t, agent, 'flights.search', { from: 'JFK', to: 'LAX', date: departDay })).items.map((f) => f.flightNumber)).toEqual(['TD 900']);

    await fails(t, supervisor, 'catalog.flights.save', {
      flightNumber: 'TD 901', airline: 'TripDesk Air', from: 'JFK', to: 'LAX', departureLocal: '2027-03-14T02:30', arrivalLocal: '2027-03-14T08:00', seatsTotal: 10, priceCents: 100,
    }, 'VALIDATION');
    await fails(t, supervisor, 'catalog.flights.save', {
      flightNumber: 'TD 902', airline: 'TripDesk Air', from: 'JFK', to: 'LAX', departureLocal: `${departDay}T08:15`, arrivalLocal: `${departDay}T05:00`, seatsTotal: 10, priceCents: 100,
    }, 'VALIDATION');
  });

  it('a schedule change lists the bookings it moves; each gets the new times, a remark and an entry in Needs attention until acknowledged', async () => {
    const before = await ok(t, agent, 'flights.get', { flightId: fx.flightId });
    const booked = await ok(t, agent, 'bookings.create', {
      customerId: fx.customerId, items: [{ kind: 'flight', flightId: fx.flightId, seats: 2, travellers: passengers(2) }],
      payment: { kind: 'card', card: GOOD_CARD }, expectedTotalCents: 2 * before.priceCents,
    });
    expect(await ok(t, agent, 'catalog.scheduleChanges.list', {})).toEqual([]);
    // Two hours later on both ends (the fixture departs 14:00 UTC: 10:00 in New York in summer, 09:00 in winter).
    const newDepart = new Date(Date.parse(before.departUtc) + 2 * 3_600_000);
    const newArrive = new Date(Date.parse(before.arriveUtc) + 2 * 3_600_000);
    const wall = (d: Date, zone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .format(d).replace(' ', 'T');
    const saved = await ok(t, supervisor, 'catalog.flights.save', {
      flightId: fx.flightId, flightNumber: before.flightNumber, airline: before.airline, from: 'JFK', to: 'LAX',
      departureLocal: wall(newDepart, 'America/New_York'), arrivalLocal: wall(newArrive, 'America/Los_Angeles'), seatsTotal: before.seatsTotal, priceCents: before.priceCents,
    });
    expect(saved.flight.departUtc).toBe(newDepart.toISOString());
    expect(saved.affectedBookings).toEqual([{ bookingId: booked.id, locator: booked.locator, customerName: 'Ada Lovelace', itemId: booked.items[0]?.id }]);
    // Seats sold stay sold.
    expect(saved.flight.seatsAvailable).toBe(before.seatsAvailable - 2);

    const record = await ok(t, agent, 'bookings.get', { bookingId: booked.id });
    expect(record.items[0]?.startUtc).toBe(newDepart.toISOString());
    expect(record.remarks.map((r) => r.text)).toEqual([expect.stringMatching(/^Schedule change: Delta Air Lines DL 401 JFK→LAX now departs .* \(was .*\) and arrives/)]);
    const open = await ok(t, agent, 'catalog.scheduleChanges.list', {});
    expect(open.map((c) => [c.locator, c.flightNumber, c.changedByName])).toEqual([[booked.locator, 'DL 401', 'Test supervisor']]);
    expect(open[0]?.newDepartureLocal.slice(0, 16)).toBe(wall(newDepart, 'America/New_York'));

    const done = await ok(t, agent, 'catalog.scheduleChanges.acknowledge', { scheduleChangeId: open[0]?.id ?? 0 });
    expect(done.acknowledgedByName).toBe('Test agent');
    expect(await ok(t, agent, 'catalog.scheduleChanges.list', {})).toEqual([]);
    expect((await ok(t, agent, 'catalog.scheduleChanges.list', { bookingId: booked.id })).length).toBe(1);

    // The route of a flight with seats sold does not change; the total may not drop below them.
    await fails(t, supervisor, 'catalog.flights.save', {
      flightId: fx.flightId, flightNumber: before.flightNumber, airline: before.airline, from: 'LAX', to: 'JFK',
      departureLocal: wall(newDepart, 'America/Los_Angeles'), arrivalLocal: wall(newArrive, 'America/New_York'), seatsTotal: before.seatsTotal, priceCents: before.priceCents,
    }, 'CONFLICT');
    await fails(t, supervisor, 'catalog.flights.save', {
      flightId: fx.flightId, flightNumber: before.flightNumber, airline: before.airline, from: 'JFK', to: 'LAX',
      departureLocal: wall(newDepart, 'America/New_York'), arrivalLocal: wall(newArrive, 'America/Los_Angeles'), seatsTotal: 1, priceCents: before.priceCents,
    }, 'CONFLICT');

    // Off sale: not found by search, not for sale, the booking keeps it.
    await ok(t, supervisor, 'catalog.flights.save', {
      flightId: fx.flightId, flightNumber: before.flightNumber, airline: before.airline, from: 'JFK', to: 'LAX',
      departureLocal: wall(newDepart, 'America/New_York'), arrivalLocal: wall(newArrive, 'America/Los_Angeles'), seatsTotal: before.seatsTotal, priceCents: before.priceCents, active: false,
    });
    expect((await ok(t, agent, 'flights.search', { from: 'JFK', to: 'LAX', date: fx.departDay })).items.map((f) => f.id)).not.toContain(fx.flightId);
    await fails(t, agent, 'holds.create', { flightId: fx.flightId, seats: 1 }, 'SOLD_OUT');
    expect((await ok(t, agent, 'bookings.get', { bookingId: booked.id })).items[0]?.status).toBe('active');
  });

  it('a flight taken off sale is still in the catalogue’s list (with "show off-sale"), and put back on sale agents find and hold it again', async () => {
    const day = addDays(today, 25);
    const draft = {
      flightNumber: 'TD 950', airline: 'TripDesk Air', from: 'JFK', to: 'LAX', departureLocal: `${day}T07:05`, arrivalLocal: `${day}T10:30`, seatsTotal: 40, priceCents: 19_900,
    };
    const { flight } = await ok(t, supervisor, 'catalog.flights.save', draft);
    const listed = (input: { includeInactive?: boolean }) =>
      ok(t, supervisor, 'catalog.flights.list', { from: 'JFK', to: 'LAX', date: day, ...input }).then((fs) => fs.filter((f) => f.flightNumber === 'TD 950'));
    expect(await listed({})).toEqual([expect.objectContaining({ id: flight.id, active: true, seatsTotal: 40, priceCents: 19_900 })]);

    await ok(t, supervisor, 'catalog.flights.save', { ...draft, flightId: flight.id, active: false });
    expect(await listed({})).toEqual([]);
    const offSale = await listed({ includeInactive: true });
    expect(offSale).toEqual([expect.objectContaining({ id: flight.id, active: false })]);
    expect(offSale[0]?.departureLocal.slice(0, 16)).toBe(`${day}T07:05`);
    await fails(t, agent, 'holds.create', { flightId: flight.id, seats: 1 }, 'SOLD_OUT');
    await fails(t, agent, 'catalog.flights.list', {}, 'FORBIDDEN');

    // Back on sale with the times the list gave: no schedule change, on sale again for agents.
    const reopened = await ok(t, supervisor, 'catalog.flights.save', {
      ...draft, flightId: flight.id, departureLocal: offSale[0]!.departureLocal.slice(0, 16), arrivalLocal: offSale[0]!.arrivalLocal.slice(0, 16), active: true,
    });
    expect(reopened.affectedBookings).toEqual([]);
    expect(reopened.flight).toMatchObject({ id: flight.id, active: true, departUtc: flight.departUtc });
    expect((await ok(t, agent, 'flights.search', { from: 'JFK', to: 'LAX', date: day })).items.map((f) => f.id)).toContain(flight.id);
    expect((await ok(t, agent, 'holds.create', { flightId: flight.id, seats: 1 })).priceCents).toBe(19_900);
    expect(await listed({})).toEqual([expect.objectContaining({ id: flight.id, active: true, seatsAvailable: 39 })]);
  });

  it('a gallery: a supervisor adds photos, reorders and removes them; agents see the order; a stale order is CONFLICT', async () => {
    const target = { targetKind: 'hotel' as const, targetId: (await ok(t, supervisor, 'catalog.hotels.save', { ...HARBOR, name: 'Gallery House' })).id };
    const a = await ok(t, supervisor, 'images.add', { ...target, url: 'https://img.example.com/a.jpg', caption: 'Lobby' });
    const b = await ok(t, supervisor, 'images.add', { ...target, url: 'https://img.example.com/b.jpg', caption: 'Pool' });
    const c = await ok(t, supervisor, 'images.add', { ...target, url: 'https://img.example.com/c.jpg' });
    expect((await ok(t, agent, 'images.list', target)).map((i) => i.caption)).toEqual(['Lobby', 'Pool', null]);
    const reordered = await ok(t, supervisor, 'images.reorder', { ...target, imageIds: [c.id, a.id, b.id] });
    expect(reordered.map((i) => i.id)).toEqual([c.id, a.id, b.id]);
    expect((await ok(t, agent, 'images.list', target)).map((i) => i.id)).toEqual([c.id, a.id, b.id]);
    await ok(t, supervisor, 'images.remove', { imageId: a.id });
    expect((await ok(t, agent, 'images.list', target)).map((i) => i.id)).toEqual([c.id, b.id]);
    // A photo added after the screen read the gallery: that order would drop it.
    const d = await ok(t, supervisor, 'images.add', { ...target, url: 'https://img.example.com/d.jpg' });
    await fails(t, supervisor, 'images.reorder', { ...target, imageIds: [b.id, c.id] }, 'CONFLICT');
    expect((await ok(t, agent, 'images.list', target)).map((i) => i.id)).toEqual([c.id, b.id, d.id]);
    await fails(t, supervisor, 'images.remove', { imageId: a.id }, 'NOT_FOUND');
    await fails(t, agent, 'images.remove', { imageId: b.id }, 'FORBIDDEN');
    // The thumbnail in search results is the gallery's first photo.
    const room = await ok(t, supervisor, 'catalog.roomTypes.save', { hotelId: target.targetId, name: 'Studio', beds: '1 queen', maxGuests: 2, basePriceCents: 5_000 });
    const offers = await ok(t, agent, 'hotels.search', { city: 'Los Angeles', checkIn: fx.checkIn, checkOut: fx.checkOut });
    expect(offers.items.find((h) => h.roomTypeId === room.id)?.imageUrl).toBe('https://img.example.com/c.jpg');
  });

  it('every catalogue change is in the audit trail', async () => {
    const trail = await ok(t, supervisor, 'audit.list', { limit: 200 });
    const channelsSeen = new Set(trail.map((e) => e.channel));
    for (const c of ['catalog.hotels.save', 'catalog.roomTypes.save', 'catalog.cars.save', 'catalog.flights.save', 'catalog.scheduleChanges.acknowledge', 'images.reorder', 'images.remove']) {
      expect(channelsSeen, c).toContain(c);
    }
    expect(trail.find((e) => e.channel === 'catalog.flights.save' && /schedule moved/.test(e.summary))?.summary).toMatch(/1 booking\(s\)/);
  });
}

for (const [name, mode] of MODES) {
  describe(`the catalogue on ${name}`, () => describeCatalogSuite(mode));
}
