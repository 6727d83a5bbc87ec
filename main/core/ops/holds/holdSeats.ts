import { ContractError, type ChannelArgs, type ChannelOutput } from '../../../../shared/contract';
import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';
import type { ServiceContext } from '../context';
import { insertRow } from '../insertRow';
import { runMutation } from '../runMutation';
import { forUpdate, type FlightRow } from '../rows';

/** The flight a sale is for, as it is now; NOT_FOUND, or CONFLICT once it has departed. */
export async function flightForSale(tx: SqlSession, flightId: number, nowUtc: string): Promise<FlightRow> {
  const flight = await tx.get<FlightRow>(
    `SELECT id, price_cents, seats_available, seats_total, departure_ts_utc, arrival_ts_utc, flight_number, airline, departure_airport, arrival_airport, row_version FROM flights WHERE id = ?`,
    [flightId]);
  if (!flight) throw new ContractError('NOT_FOUND', `No flight ${flightId}.`);
  if (flight.departure_ts_utc <= nowUtc) throw new ContractError('CONFLICT', `Flight ${flight.flight_number} has already departed.`, { flightId });
  return flight;
}

/**
 * Takes seats off sale. The decrement is conditional, so two agents racing for the last seat
 * cannot both win: the loser's UPDATE matches no row and answers SOLD_OUT. On MySQL this locks
 * the flight's row until COMMIT.
 */
export async function decrementSeats(tx: SqlSession, flight: Pick<FlightRow, 'id' | 'flight_number'>, seats: number, nowUtc: string): Promise<void> {
  const res = await tx.run(
    'UPDATE flights SET seats_available = seats_available - ?, row_version = row_version + 1, updated_at_utc = ? WHERE id = ? AND seats_available >= ?',
    [seats, nowUtc, flight.id, seats]);
  if (res.affectedRows === 0) {
    const now = await tx.get<{ seats_available: number }>('SELECT seats_available FROM flights WHERE id = ?', [flight.id]);
    throw new ContractError('SOLD_OUT', `Only ${now?.seats_available ?? 0} seat(s) left on ${flight.flight_number}.`, {
      flightId: flight.id, seatsAvailable: now?.seats_available ?? 0, requested: seats,
    });
  }
}

export async function takeSeats(tx: SqlSession, flightId: number, seats: number, nowUtc: string): Promise<FlightRow> {
  const flight = await flightForSale(tx, flightId, nowUtc);
  await decrementSeats(tx, flight, seats, nowUtc);
  return flight;
}

export async function returnSeats(tx: SqlSession, flightId: number, seats: number, nowUtc: string): Promise<void> {
  await tx.run(
    'UPDATE flights SET seats_available = seats_available + ?, row_version = row_version + 1, updated_at_utc = ? WHERE id = ? AND seats_available + ? <= seats_total',
    [seats, nowUtc, flightId, seats]);
}

export async function holdSeats(ctx: ServiceContext, input: ChannelArgs<'holds.create'>): Promise<ChannelOutput<'holds.create'>> {
  const holdId = ctx.opId ?? '';
  return runMutation(ctx, async (tx, settle) => {
    const now = toDbInstant(ctx.now());
    if (input.customerId !== undefined && !(await tx.get('SELECT id FROM users WHERE id = ?', [input.customerId]))) {
      throw new ContractError('NOT_FOUND', `No customer ${input.customerId}.`, { field: 'customerId' });
    }
    const flight = await flightForSale(tx, input.flightId, now);
    const expires = toDbInstant(ctx.now() + ctx.config.holdMinutes * 60_000);
    const out = { holdId, expiresAtUtc: fromDbInstant(expires), priceCents: Number(flight.price_cents) * input.seats, provisional: ctx.engine.provisional };
    // Many agents race for one flight's seats: with the answer stored first, only the seat
    // UPDATE and the hold row stand between taking the flight's row lock and COMMIT.
    await settle(out);
    await decrementSeats(tx, flight, input.seats, now);
    await insertRow(tx, ctx, 'flight_seat_holds', {
      hold_token: holdId, flight_id: input.flightId, user_id: input.customerId ?? null, created_by_admin_id: ctx.operator?.id ?? null,
      seats: input.seats, price_cents: flight.price_cents, status: 'active', expires_at_utc: expires, created_at_utc: now,
    });
    return out;
  }, (out) => ({ entity: 'hold', entityId: out.holdId, summary: `held ${input.seats} seat(s) on flight ${input.flightId}` }));
}

export async function lockHold<T>(tx: SqlSession, holdId: string, columns: string): Promise<T> {
  const row = await tx.get<T>(`SELECT ${columns} FROM flight_seat_holds WHERE hold_token = ?${forUpdate(tx)}`, [holdId]);
  if (!row) throw new ContractError('NOT_FOUND', `No hold ${holdId}.`, { holdId });
  return row;
}
