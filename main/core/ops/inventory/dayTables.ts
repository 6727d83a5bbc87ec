import type { DayTable } from './inventoryDays';

/** A room type's stay nights: rooms to sell per night. */
export const HOTEL_NIGHTS: DayTable = {
  entity: 'room type', shortfallKind: 'hotel', parentTable: 'hotel_room_types', table: 'hotel_inventory', keyColumn: 'room_type_id',
  dateColumn: 'stay_date', totalColumn: 'rooms_total', bookedColumn: 'rooms_booked', keyField: 'roomTypeId', totalField: 'roomsTotal',
};

/** A car's rental days: units to rent per day. */
export const CAR_DAYS: DayTable = {
  entity: 'car', shortfallKind: 'car', parentTable: 'cars', table: 'car_availability', keyColumn: 'car_id',
  dateColumn: 'rental_date', totalColumn: 'units_total', bookedColumn: 'units_booked', keyField: 'carId', totalField: 'unitsTotal',
};
