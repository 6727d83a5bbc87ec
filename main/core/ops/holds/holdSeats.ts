import { ContractError } from '../../../../shared/contract';
import { fromDbInstant, toDbInstant } from '../../../../shared/time';
import { insertRow } from '../insertRow';
import { decrementSeats, flightForSale } from '../inventory/flightSeats';
import { runMutation } from '../runMutation';
import { operation } from '../operation';

/** Takes seats off sale for a while, for a customer who has not decided yet. */
export const holdSeats = operation('holds.create', async (ctx, input) => {
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
});
