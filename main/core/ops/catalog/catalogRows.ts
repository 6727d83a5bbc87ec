import { ContractError, type CatalogCar, type CatalogHotel, type CatalogRoomType } from '../../../../shared/contract';
import { addDays, utcDay } from '../../../../shared/time';
import type { RefundPolicy } from '../../config';
import { placeholders, type SqlSession } from '../../engine/sql';
import { ownPolicy } from '../rates/propertyPolicy';

export interface HotelRow {
  id: number; name: string; address: string; city: string; state_code: string; star_rating: number;
  amenities: string; check_in_time: string; check_out_time: string; active: number;
  free_cancel_hours: number | null; late_fee_pct: number | null;
}
export interface RoomTypeRow { id: number; hotel_id: number; name: string; beds: string; max_guests: number; base_price_cents: number; active: number }
export interface CarRow {
  id: number; company: string; model: string; car_class: string; seats: number; transmission: string; airport: string | null;
  city: string; state_code: string; base_price_cents: number; active: number;
}

export const HOTEL_COLUMNS = 'id, name, address, city, state_code, star_rating, amenities, check_in_time, check_out_time, active, free_cancel_hours, late_fee_pct';
export const ROOM_TYPE_COLUMNS = 'id, hotel_id, name, beds, max_guests, base_price_cents, active';
export const CAR_COLUMNS = 'id, company, model, car_class, seats, transmission, airport, city, state_code, base_price_cents, active';

/** How many days of inventory a new room type or car starts with, from today. */
export const NEW_INVENTORY_DAYS = 365;

function amenitiesOf(text: string): string[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    // A row written by another system with plain text: show it rather than fail the screen.
    return text ? [text] : [];
  }
}

export const toRoomType = (r: RoomTypeRow): CatalogRoomType => ({
  id: Number(r.id), hotelId: Number(r.hotel_id), name: r.name, beds: r.beds, maxGuests: Number(r.max_guests),
  basePriceCents: Number(r.base_price_cents), active: Number(r.active) === 1,
});

/** `fallback`: the console's refund policy, which a hotel without its own follows. */
export const toHotel = (r: HotelRow, roomTypes: CatalogRoomType[], fallback: RefundPolicy): CatalogHotel => {
  const own = ownPolicy(r, fallback);
  return {
    id: Number(r.id), name: r.name, address: r.address, city: r.city, stateCode: r.state_code, starRating: Number(r.star_rating),
    amenities: amenitiesOf(r.amenities), checkInTime: r.check_in_time, checkOutTime: r.check_out_time, active: Number(r.active) === 1,
    cancellationPolicy: own, appliedCancellationPolicy: own ?? { freeCancelHours: fallback.freeCancelHours, lateFeePct: fallback.lateFeePct }, roomTypes,
  };
};

export const toCar = (r: CarRow): CatalogCar => ({
  id: Number(r.id), company: r.company, model: r.model, carClass: r.car_class, seats: Number(r.seats),
  transmission: r.transmission === 'manual' ? 'manual' : 'automatic', airport: r.airport, city: r.city, stateCode: r.state_code,
  basePriceCents: Number(r.base_price_cents), active: Number(r.active) === 1,
});

/** Hotels with their room types (in id order), in the order given. */
export async function withRoomTypes(db: SqlSession, hotels: HotelRow[], fallback: RefundPolicy): Promise<CatalogHotel[]> {
  if (hotels.length === 0) return [];
  const rooms = await db.all<RoomTypeRow>(
    `SELECT ${ROOM_TYPE_COLUMNS} FROM hotel_room_types WHERE hotel_id IN (${placeholders(hotels.length)}) ORDER BY id`, hotels.map((h) => h.id));
  return hotels.map((h) => toHotel(h, rooms.filter((r) => Number(r.hotel_id) === Number(h.id)).map(toRoomType), fallback));
}

export async function loadHotel(db: SqlSession, hotelId: number, fallback: RefundPolicy): Promise<CatalogHotel> {
  const row = await db.get<HotelRow>(`SELECT ${HOTEL_COLUMNS} FROM hotels WHERE id = ?`, [hotelId]);
  if (!row) throw new ContractError('NOT_FOUND', `No hotel ${hotelId}.`, { hotelId });
  const [hotel] = await withRoomTypes(db, [row], fallback);
  if (!hotel) throw new Error(`hotel ${hotelId} vanished`);
  return hotel;
}

export async function loadCar(db: SqlSession, carId: number): Promise<CatalogCar> {
  const row = await db.get<CarRow>(`SELECT ${CAR_COLUMNS} FROM cars WHERE id = ?`, [carId]);
  if (!row) throw new ContractError('NOT_FOUND', `No car ${carId}.`, { carId });
  return toCar(row);
}

export async function requireState(db: SqlSession, stateCode: string, field = 'stateCode'): Promise<void> {
  if (!(await db.get('SELECT code FROM us_states WHERE code = ?', [stateCode]))) {
    throw new ContractError('VALIDATION', `${field}: no state ${stateCode}.`, { field, stateCode });
  }
}

/**
 * A year of inventory days for a new room type or car, from today (UTC) on, at its base price:
 * one INSERT, so the thing and its days commit together.
 */
export async function addYearOfDays(tx: SqlSession, t: { table: string; keyColumn: string; dateColumn: string; totalColumn: string; bookedColumn: string },
  key: number, total: number, priceCents: number, now: number): Promise<void> {
  const today = utcDay(now);
  const days = Array.from({ length: NEW_INVENTORY_DAYS }, (_, i) => addDays(today, i));
  await tx.run(
    `INSERT INTO ${t.table} (${t.keyColumn}, ${t.dateColumn}, ${t.totalColumn}, ${t.bookedColumn}, price_cents, row_version)
     VALUES ${days.map(() => '(?, ?, ?, 0, ?, 1)').join(', ')}`,
    days.flatMap((d) => [key, d, total, priceCents]));
}

/** "q" as a case-insensitive LIKE pattern on the given columns. */
export function likeAny(columns: string[], q: string): { where: string; params: string[] } {
  const pattern = `%${q.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
  return { where: `(${columns.map((c) => `LOWER(${c}) LIKE ? ESCAPE '!'`).join(' OR ')})`, params: columns.map(() => pattern) };
}
