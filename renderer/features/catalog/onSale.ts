import type { CatalogCar, CatalogFlight, CatalogHotel, CatalogRoomType, ChannelInput } from '../../../shared/contract';

/*
 * A catalogue save replaces the whole record, so taking something off sale or putting it back is
 * a save of what the list shows with `active` flipped: nothing else of it changes.
 */

export const hotelOnSale = (h: CatalogHotel, active: boolean): ChannelInput<'catalog.hotels.save'> => ({
  hotelId: h.id, name: h.name, address: h.address, city: h.city, stateCode: h.stateCode, starRating: h.starRating,
  amenities: h.amenities, checkInTime: h.checkInTime, checkOutTime: h.checkOutTime, active,
});

export const roomTypeOnSale = (r: CatalogRoomType, active: boolean): ChannelInput<'catalog.roomTypes.save'> => ({
  roomTypeId: r.id, hotelId: r.hotelId, name: r.name, beds: r.beds, maxGuests: r.maxGuests, basePriceCents: r.basePriceCents, active,
});

export const carOnSale = (c: CatalogCar, active: boolean): ChannelInput<'catalog.cars.save'> => ({
  carId: c.id, company: c.company, model: c.model, carClass: c.carClass, seats: c.seats, transmission: c.transmission,
  pickUp: c.airport ? { kind: 'airport', airport: c.airport } : { kind: 'city', city: c.city, stateCode: c.stateCode },
  basePriceCents: c.basePriceCents, active,
});

/** The same local times to the minute, so a flight put back on sale is no schedule change. */
export const flightOnSale = (f: CatalogFlight, active: boolean): ChannelInput<'catalog.flights.save'> => ({
  flightId: f.id, flightNumber: f.flightNumber, airline: f.airline, from: f.from, to: f.to,
  departureLocal: f.departureLocal.slice(0, 16), arrivalLocal: f.arrivalLocal.slice(0, 16), seatsTotal: f.seatsTotal, priceCents: f.priceCents, active,
});
