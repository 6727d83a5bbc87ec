import { ContractError } from '../../../../shared/contract';
import { runMutation } from '../runMutation';
import { operation } from '../operation';
import { HOTEL_NIGHTS } from '../inventory/dayTables';
import { addYearOfDays, NEW_INVENTORY_DAYS, ROOM_TYPE_COLUMNS, toRoomType, type RoomTypeRow } from './catalogRows';

/**
 * A room type of a hotel. A new one goes on sale at once: `roomsPerNight` rooms at its base price for
 * each of the next 365 nights, written with it. An edit changes what it is (name, beds, guests, base
 * price for days made later); the nights already on sale keep their own prices and rooms.
 */
export const saveRoomType = operation('catalog.roomTypes.save', async (ctx, input) => {
  return runMutation(ctx, async (tx) => {
    const hotel = await tx.get<{ id: number }>('SELECT id FROM hotels WHERE id = ?', [input.hotelId]);
    if (!hotel) throw new ContractError('NOT_FOUND', `No hotel ${input.hotelId}.`, { hotelId: input.hotelId });
    const fields = [input.name, input.beds, input.maxGuests, input.basePriceCents, input.active ? 1 : 0];
    let id: number;
    if (input.roomTypeId === undefined) {
      const res = await tx.run('INSERT INTO hotel_room_types (hotel_id, name, beds, max_guests, base_price_cents, active) VALUES (?, ?, ?, ?, ?, ?)',
        [input.hotelId, ...fields]);
      id = res.insertId;
      await addYearOfDays(tx, HOTEL_NIGHTS, id, input.roomsPerNight, input.basePriceCents, ctx.now());
    } else {
      const prior = await tx.get<{ hotel_id: number }>(`SELECT hotel_id FROM hotel_room_types WHERE id = ?${tx.lockForUpdate}`, [input.roomTypeId]);
      if (!prior) throw new ContractError('NOT_FOUND', `No room type ${input.roomTypeId}.`, { roomTypeId: input.roomTypeId });
      // Its bookings and inventory belong to that hotel: a room type never moves to another.
      if (Number(prior.hotel_id) !== input.hotelId) {
        throw new ContractError('VALIDATION', `hotelId: room type ${input.roomTypeId} belongs to hotel ${prior.hotel_id}.`, { field: 'hotelId', hotelId: Number(prior.hotel_id) });
      }
      id = input.roomTypeId;
      await tx.run('UPDATE hotel_room_types SET name = ?, beds = ?, max_guests = ?, base_price_cents = ?, active = ?, row_version = row_version + 1 WHERE id = ?',
        [...fields, id]);
    }
    const row = await tx.get<RoomTypeRow>(`SELECT ${ROOM_TYPE_COLUMNS} FROM hotel_room_types WHERE id = ?`, [id]);
    if (!row) throw new Error(`room type ${id} vanished inside its own transaction`);
    return toRoomType(row);
  }, (rt) => ({
    entity: 'room type', entityId: String(rt.id),
    summary: input.roomTypeId === undefined
      ? `room type added to hotel ${rt.hotelId}: ${rt.name} (${rt.beds}, up to ${rt.maxGuests}), ${input.roomsPerNight} room(s) a night for ${NEW_INVENTORY_DAYS} nights at ${rt.basePriceCents} cents`
      : `room type edited: ${rt.name} (${rt.beds}, up to ${rt.maxGuests}), base ${rt.basePriceCents} cents${rt.active ? '' : ', off sale'}`,
  }));
});
