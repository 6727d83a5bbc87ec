import { ContractError } from '../../../../shared/contract';
import { runMutation } from '../runMutation';
import { operation } from '../operation';
import { CAR_DAYS } from '../inventory/dayTables';
import { addYearOfDays, loadCar, NEW_INVENTORY_DAYS, requireState } from './catalogRows';

/**
 * A rental car, new or edited. Picked up at an airport, its city and state are the airport's, so a
 * search by city finds it; a new car is for rent at once, `unitsPerDay` a day for the next 365 days.
 */
export const saveCar = operation('catalog.cars.save', async (ctx, input) => {
  return runMutation(ctx, async (tx) => {
    let place: { airport: string | null; city: string; stateCode: string };
    if (input.pickUp.kind === 'airport') {
      const a = await tx.get<{ city: string; state_code: string }>('SELECT city, state_code FROM airports WHERE iata = ?', [input.pickUp.airport]);
      if (!a) throw new ContractError('VALIDATION', `pickUp.airport: no airport ${input.pickUp.airport}.`, { field: 'pickUp.airport' });
      place = { airport: input.pickUp.airport, city: a.city, stateCode: a.state_code };
    } else {
      await requireState(tx, input.pickUp.stateCode, 'pickUp.stateCode');
      place = { airport: null, city: input.pickUp.city, stateCode: input.pickUp.stateCode };
    }
    const fields = [input.company, input.model, input.carClass, input.seats, input.transmission, place.airport, place.city, place.stateCode, input.basePriceCents, input.active ? 1 : 0];
    if (input.carId === undefined) {
      const res = await tx.run(
        `INSERT INTO cars (company, model, car_class, seats, transmission, airport, city, state_code, base_price_cents, active)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, fields);
      await addYearOfDays(tx, CAR_DAYS, res.insertId, input.unitsPerDay, input.basePriceCents, ctx.now());
      return loadCar(tx, res.insertId);
    }
    const prior = await tx.get<{ id: number }>(`SELECT id FROM cars WHERE id = ?${tx.lockForUpdate}`, [input.carId]);
    if (!prior) throw new ContractError('NOT_FOUND', `No car ${input.carId}.`, { carId: input.carId });
    await tx.run(
      `UPDATE cars SET company = ?, model = ?, car_class = ?, seats = ?, transmission = ?, airport = ?, city = ?, state_code = ?, base_price_cents = ?, active = ?,
              row_version = row_version + 1 WHERE id = ?`, [...fields, input.carId]);
    return loadCar(tx, input.carId);
  }, (car) => ({
    entity: 'car', entityId: String(car.id),
    summary: `${input.carId === undefined ? `car added (${input.unitsPerDay} a day for ${NEW_INVENTORY_DAYS} days)` : 'car edited'}: ${car.company} ${car.model}, ${car.carClass}, ${car.seats} seats, ${car.transmission}, at ${car.airport ?? `${car.city} ${car.stateCode}`}, base ${car.basePriceCents} cents${car.active ? '' : ', off sale'}`,
  }));
});
