import { anyZoneDayUtcWindow, localDayUtcWindow } from '../../../../shared/localTime';
import { toDbInstant } from '../../../../shared/time';
import type { SqlSession, SqlValue } from '../../engine/sql';

/**
 * `date` is the local departure date at the origin, as on the ticket: a 23:30 departure from LAX on
 * 3 December is a 3 December flight though it leaves on the 4th in UTC. With `from`, that is one
 * exact UTC window (23 or 25 hours on the nights the clocks change). Without it, the query scans the
 * window that holds the date in every zone and keeps, per origin zone, that zone's exact window: still
 * one index range, and the filter is in SQL, so LIMIT and the cursor see exactly the rows returned.
 */
export async function localDateFilter(db: SqlSession, date: string, from: string | undefined): Promise<{ where: string[]; params: SqlValue[] }> {
  if (from) {
    const origin = await db.get<{ time_zone: string }>('SELECT time_zone FROM airports WHERE iata = ?', [from]);
    // No such airport: no flights from it either; the window of any zone finds none.
    const w = origin ? localDayUtcWindow(date, origin.time_zone) : anyZoneDayUtcWindow(date);
    return { where: ['f.departure_ts_utc >= ?', 'f.departure_ts_utc < ?'], params: [toDbInstant(w.startMs), toDbInstant(w.endMs)] };
  }
  const wide = anyZoneDayUtcWindow(date);
  const zones = await db.all<{ time_zone: string }>('SELECT DISTINCT time_zone FROM airports ORDER BY time_zone');
  const params: SqlValue[] = [toDbInstant(wide.startMs), toDbInstant(wide.endMs)];
  const perZone = zones.map((z) => {
    const w = localDayUtcWindow(date, z.time_zone);
    params.push(z.time_zone, toDbInstant(w.startMs), toDbInstant(w.endMs));
    return '(dep.time_zone = ? AND f.departure_ts_utc >= ? AND f.departure_ts_utc < ?)';
  });
  return {
    where: ['f.departure_ts_utc >= ?', 'f.departure_ts_utc < ?', perZone.length > 0 ? `(${perZone.join(' OR ')})` : '1 = 0'],
    params,
  };
}

/**
 * Adds the route and day a flight list asks for to its WHERE: origin and destination when given;
 * the local departure date (localDateFilter) when given, else flights still to depart.
 */
export async function addRouteAndDay(
  db: SqlSession, q: { from?: string; to?: string; date?: string }, nowMs: number, where: string[], params: SqlValue[],
): Promise<void> {
  if (q.from) { where.push('f.departure_airport = ?'); params.push(q.from); }
  if (q.to) { where.push('f.arrival_airport = ?'); params.push(q.to); }
  if (q.date) {
    const byDate = await localDateFilter(db, q.date, q.from);
    where.push(...byDate.where);
    params.push(...byDate.params);
  } else {
    where.push('f.departure_ts_utc >= ?');
    params.push(toDbInstant(nowMs));
  }
}
