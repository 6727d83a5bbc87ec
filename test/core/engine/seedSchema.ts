/**
 * What the seed's schema diagram (design folder, seed/schema-diagram.md) asks for, transcribed:
 * its tables, relationships, search indexes, unique key, collections and compound indexes.
 */
export const SEED_TABLES = [
  'users', 'bookings', 'booking_items', 'billing', 'payment_methods', 'hotels', 'hotel_room_types', 'hotel_inventory',
  'flights', 'flight_seat_holds', 'cars', 'car_availability', 'us_states', 'admins', 'airports',
] as const;

/** child table → column → parent table, from "Entity Relationship Overview". */
export const SEED_FOREIGN_KEYS: Array<[string, string, string]> = [
  ['bookings', 'user_id', 'users'],
  ['payment_methods', 'user_id', 'users'],
  ['billing', 'user_id', 'users'],
  ['booking_items', 'booking_id', 'bookings'],
  ['billing', 'booking_id', 'bookings'],
  ['flight_seat_holds', 'booking_id', 'bookings'],
  ['hotel_room_types', 'hotel_id', 'hotels'],
  ['hotel_inventory', 'room_type_id', 'hotel_room_types'],
  ['flight_seat_holds', 'flight_id', 'flights'],
  ['car_availability', 'car_id', 'cars'],
  ['users', 'state_code', 'us_states'],
  ['admins', 'state_code', 'us_states'],
  ['hotels', 'state_code', 'us_states'],
  ['airports', 'state_code', 'us_states'],
  ['flights', 'departure_airport', 'airports'],
  ['flights', 'arrival_airport', 'airports'],
];

/** "Search Indexes" and the unique key on billing, as leading column lists. */
export const SEED_INDEXES: Array<{ table: string; columns: string[]; unique?: boolean }> = [
  { table: 'flights', columns: ['departure_airport', 'arrival_airport', 'departure_ts_utc'] },
  { table: 'hotels', columns: ['city', 'state_code'] },
  { table: 'hotels', columns: ['star_rating', 'city'] },
  { table: 'bookings', columns: ['user_id', 'created_at_utc'] },
  { table: 'bookings', columns: ['booking_type', 'created_at_utc'] },
  { table: 'billing', columns: ['user_id', 'transaction_ts_utc'] },
  { table: 'billing', columns: ['transaction_ts_utc'] },
  { table: 'billing', columns: ['booking_id', 'transaction_status'], unique: true },
];

export const SEED_COLLECTIONS = ['reviews', 'images', 'logs', 'analytics_aggregates', 'deal_events', 'watches'] as const;

export const SEED_MONGO_INDEXES: Array<{ collection: string; keys: string[] }> = [
  { collection: 'reviews', keys: ['entity_type', 'entity_id', 'created_at'] },
  { collection: 'logs', keys: ['user_id', 'ts'] },
  { collection: 'logs', keys: ['ts'] },
  { collection: 'deal_events', keys: ['key', 'ts'] },
  { collection: 'deal_events', keys: ['event_type', 'ts'] },
  { collection: 'analytics_aggregates', keys: ['kind', 'window_start', 'window_end'] },
];

/** The device's local sync tables (SQLite only) and the central sync tables (MySQL). */
export const LOCAL_SYNC_TABLES = ['outbox', 'sync_state', 'id_map', 'applied_ops'] as const;
export const CENTRAL_SYNC_TABLES = ['change_log', 'applied_ops'] as const;
/** The documents a device keeps locally, mirrored from MongoDB. */
export const LOCAL_DOCUMENT_TABLES = ['reviews', 'images', 'logs', 'watches'] as const;
