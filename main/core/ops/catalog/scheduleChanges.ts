import { ContractError, type ScheduleChange } from '../../../../shared/contract';
import { toLocalIso, zoneAbbreviation } from '../../../../shared/localTime';
import { fromDbInstant } from '../../../../shared/time';
import type { SqlSession, SqlValue } from '../../engine/sql';

interface ScheduleChangeRow {
  id: number; flight_id: number; booking_id: number; booking_item_id: number;
  old_departure_ts_utc: string; old_arrival_ts_utc: string; new_departure_ts_utc: string; new_arrival_ts_utc: string;
  changed_at_utc: string; acknowledged_at_utc: string | null;
  flight_number: string; departure_airport: string; arrival_airport: string; dep_zone: string; arr_zone: string;
  locator: string; first_name: string; last_name: string; changed_by_name: string | null; acknowledged_by_name: string | null;
}

const SELECT_CHANGES = `SELECT sc.id, sc.flight_id, sc.booking_id, sc.booking_item_id, sc.old_departure_ts_utc, sc.old_arrival_ts_utc,
       sc.new_departure_ts_utc, sc.new_arrival_ts_utc, sc.changed_at_utc, sc.acknowledged_at_utc,
       f.flight_number, f.departure_airport, f.arrival_airport, dep.time_zone AS dep_zone, arr.time_zone AS arr_zone,
       b.locator, u.first_name, u.last_name, cb.name AS changed_by_name, ab.name AS acknowledged_by_name
  FROM schedule_changes sc
  JOIN flights f ON f.id = sc.flight_id
  JOIN airports dep ON dep.iata = f.departure_airport
  JOIN airports arr ON arr.iata = f.arrival_airport
  JOIN bookings b ON b.id = sc.booking_id
  JOIN users u ON u.id = b.user_id
  LEFT JOIN admins cb ON cb.id = sc.changed_by_admin_id
  LEFT JOIN admins ab ON ab.id = sc.acknowledged_by_admin_id`;

const toChange = (r: ScheduleChangeRow): ScheduleChange => ({
  id: Number(r.id), flightId: Number(r.flight_id), flightNumber: r.flight_number, from: r.departure_airport, to: r.arrival_airport,
  bookingId: Number(r.booking_id), itemId: Number(r.booking_item_id), locator: r.locator, customerName: `${r.first_name} ${r.last_name}`,
  oldDepartureLocal: toLocalIso(fromDbInstant(r.old_departure_ts_utc), r.dep_zone), oldArrivalLocal: toLocalIso(fromDbInstant(r.old_arrival_ts_utc), r.arr_zone),
  newDepartureLocal: toLocalIso(fromDbInstant(r.new_departure_ts_utc), r.dep_zone), newArrivalLocal: toLocalIso(fromDbInstant(r.new_arrival_ts_utc), r.arr_zone),
  changedAtUtc: fromDbInstant(r.changed_at_utc), changedByName: r.changed_by_name,
  acknowledgedAtUtc: r.acknowledged_at_utc ? fromDbInstant(r.acknowledged_at_utc) : null, acknowledgedByName: r.acknowledged_by_name,
});

/** Open schedule changes, oldest first; or one booking's, acknowledged ones too. */
export async function listScheduleChangeRows(db: SqlSession, bookingId?: number): Promise<ScheduleChange[]> {
  const [where, params]: [string, SqlValue[]] = bookingId === undefined ? ['sc.acknowledged_at_utc IS NULL', []] : ['sc.booking_id = ?', [bookingId]];
  // Bounded: a schedule change of a full wide-body is some hundreds of bookings.
  const rows = await db.all<ScheduleChangeRow>(`${SELECT_CHANGES} WHERE ${where} ORDER BY sc.id LIMIT 1000`, params);
  return rows.map(toChange);
}

export async function loadScheduleChange(db: SqlSession, id: number): Promise<ScheduleChange> {
  const row = await db.get<ScheduleChangeRow>(`${SELECT_CHANGES} WHERE sc.id = ?`, [id]);
  if (!row) throw new ContractError('NOT_FOUND', `No schedule change ${id}.`, { scheduleChangeId: id });
  return toChange(row);
}

/** "2026-07-01 10:00 EDT": the clock at the airport, as a remark reads it to the customer. */
export function localClock(utc: string, zone: string): string {
  return `${toLocalIso(utc, zone).slice(0, 16).replace('T', ' ')} ${zoneAbbreviation(utc, zone)}`;
}
