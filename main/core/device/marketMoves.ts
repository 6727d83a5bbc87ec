import type { InventoryChange } from '../ops/inventory/inventoryChange';
import type { RawSqlite } from '../engine/sqlite/sqliteDb';
import type { Row } from './mirror';

interface Watched { price: string; free: string; key: string; date?: string }

/** The pulled tables whose price or capacity customers watch, and how to read "free". */
const WATCHED: Record<string, Watched> = {
  flights: { price: 'price_cents', free: 'seats_available', key: 'id' },
  hotel_inventory: { price: 'price_cents', free: 'rooms_total - rooms_booked', key: 'room_type_id', date: 'stay_date' },
  car_availability: { price: 'price_cents', free: 'units_total - units_booked', key: 'car_id', date: 'rental_date' },
};

const num = (v: unknown) => Number(v ?? 0);

/**
 * Notices, while pulled rows replace the device's copies, which of them got cheaper or freed up:
 * those (and only those) are worth a deal check and a look at the watches. Reads the old copy
 * before it is overwritten, inside the pull's transaction.
 */
export class MarketMoves {
  readonly changes: InventoryChange[] = [];
  /** One prepared read per table: a pull passes thousands of rows through here. */
  private readonly reads = new Map<string, (...key: unknown[]) => unknown>();

  constructor(private readonly local: RawSqlite) {}

  private oldCopy(table: string, w: Watched): (...key: unknown[]) => unknown {
    let read = this.reads.get(table);
    if (!read) {
      const where = w.date ? `${w.key} = ? AND ${w.date} = ?` : `${w.key} = ?`;
      const stmt = this.local.prepare(`SELECT ${w.price} AS price, ${w.free} AS free FROM ${table} WHERE ${where}`);
      read = (...key) => stmt.get(...key);
      this.reads.set(table, read);
    }
    return read;
  }

  before(table: string, row: Row): void {
    const w = WATCHED[table];
    if (!w) return;
    const params = w.date ? [row[w.key], row[w.date]] : [row[w.key]];
    const old = this.oldCopy(table, w)(...params) as { price: number; free: number } | undefined;
    const price = num(row[w.price]);
    const free = table === 'flights' ? num(row.seats_available)
      : table === 'hotel_inventory' ? num(row.rooms_total) - num(row.rooms_booked) : num(row.units_total) - num(row.units_booked);
    const moved = !old ? free > 0 : price < num(old.price) || free > num(old.free);
    if (!moved) return;
    const id = num(row[w.key]);
    if (table === 'flights') this.changes.push({ kind: 'flight', flightId: id });
    else {
      const day = String(row[w.date ?? '']).slice(0, 10);
      this.changes.push(table === 'hotel_inventory' ? { kind: 'hotel', roomTypeId: id, from: day, to: day } : { kind: 'car', carId: id, from: day, to: day });
    }
  }
}
