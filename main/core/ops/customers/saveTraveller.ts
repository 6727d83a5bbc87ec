import { ContractError, dateOfBirthProblem } from '../../../../shared/contract';
import { toDbInstant, utcDay } from '../../../../shared/time';
import { insertRow } from '../insertRow';
import { operation } from '../operation';
import { runMutation } from '../runMutation';
import { loadCustomer } from './customerRows';
import { loadSavedTraveller, passportOf, toSavedTraveller, travellerColumns } from './travellerRows';

/** Saves a traveller the customer books for (themselves, family), or replaces one's details. */
export const saveTraveller = operation('customers.travellers.save', async (ctx, input) =>
  runMutation(ctx, async (tx) => {
    const problem = dateOfBirthProblem(input.dateOfBirth, utcDay(ctx.now()));
    if (problem) throw new ContractError('VALIDATION', `dateOfBirth: ${problem}`, { field: 'dateOfBirth' });
    await loadCustomer(tx, input.customerId);
    const nowUtc = toDbInstant(ctx.now());
    if (input.travellerId === undefined) {
      const id = await insertRow(tx, ctx, 'customer_travellers', {
        user_id: input.customerId, ...travellerColumns(input, input.passport ?? null), created_at_utc: nowUtc, updated_at_utc: nowUtc,
      });
      return toSavedTraveller(await loadSavedTraveller(tx, id));
    }
    const saved = await loadSavedTraveller(tx, input.travellerId);
    if (Number(saved.user_id) !== input.customerId) {
      throw new ContractError('VALIDATION', `travellerId: traveller ${input.travellerId} is not saved for customer ${input.customerId}.`, { field: 'travellerId' });
    }
    const columns = travellerColumns(input, input.passport === undefined ? passportOf(saved) : input.passport);
    await tx.run(
      `UPDATE customer_travellers SET given_names = ?, family_name = ?, date_of_birth = ?, gender = ?, known_traveller_number = ?,
              passport_number = ?, passport_country = ?, passport_expiry = ?, updated_at_utc = ?, row_version = row_version + 1 WHERE id = ?`,
      [columns.given_names, columns.family_name, columns.date_of_birth, columns.gender, columns.known_traveller_number,
        columns.passport_number, columns.passport_country, columns.passport_expiry, nowUtc, input.travellerId]);
    return toSavedTraveller(await loadSavedTraveller(tx, input.travellerId));
  }, (t) => ({ entity: 'customer', entityId: String(t.customerId), summary: `saved traveller ${t.givenNames} ${t.familyName}` })));
