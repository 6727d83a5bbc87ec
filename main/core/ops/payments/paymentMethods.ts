import { ContractError, type ChannelArgs, type ChannelOutput, type PaymentMethod } from '../../../../shared/contract';
import { toDbInstant } from '../../../../shared/time';
import type { SqlSession } from '../../engine/sql';
import type { ServiceContext } from '../context';
import { insertRow } from '../insertRow';
import { runMutation } from '../runMutation';
import { tokenizeCard, type CardToken } from '../../integrations/payments/testGateway';

interface MethodRow { id: number; user_id: number; brand: string; last4: string; exp_month: number; exp_year: number; gateway_token: string; removed: number }

const toMethod = (r: MethodRow): PaymentMethod => ({ id: r.id, customerId: r.user_id, brand: r.brand, last4: r.last4, expMonth: r.exp_month, expYear: r.exp_year });

/** Only the gateway's token, the brand, last four digits and expiry are ever stored. */
export async function saveCardToken(tx: SqlSession, ctx: ServiceContext, customerId: number, card: CardToken, nowUtc: string): Promise<PaymentMethod> {
  const id = await insertRow(tx, ctx, 'payment_methods', {
    user_id: customerId, gateway_token: card.token, brand: card.brand, last4: card.last4, exp_month: card.expMonth, exp_year: card.expYear, created_at_utc: nowUtc,
  });
  return { id, customerId, brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear };
}

export async function findMethod(tx: SqlSession, paymentMethodId: number, customerId: number): Promise<MethodRow> {
  const row = await tx.get<MethodRow>('SELECT * FROM payment_methods WHERE id = ? AND removed = 0', [paymentMethodId]);
  if (!row) throw new ContractError('NOT_FOUND', `No saved payment method ${paymentMethodId}.`, { field: 'payment.paymentMethodId' });
  if (row.user_id !== customerId) throw new ContractError('VALIDATION', 'payment.paymentMethodId: that card belongs to another customer.');
  return row;
}

export async function addPaymentMethod(ctx: ServiceContext, input: ChannelArgs<'paymentMethods.add'>): Promise<ChannelOutput<'paymentMethods.add'>> {
  const card = input.token ?? (input.card ? tokenizeCard(input.card, ctx.now()) : null);
  if (!card) throw new ContractError('VALIDATION', 'card: enter the card to save.');
  return runMutation(ctx, async (tx) => {
    if (!(await tx.get('SELECT id FROM users WHERE id = ?', [input.customerId]))) {
      throw new ContractError('NOT_FOUND', `No customer ${input.customerId}.`, { field: 'customerId' });
    }
    return saveCardToken(tx, ctx, input.customerId, card, toDbInstant(ctx.now()));
  }, (method) => ({ entity: 'customer', entityId: String(input.customerId), summary: `saved ${method.brand} card ending ${method.last4}` }));
}

export async function listPaymentMethods(ctx: ServiceContext, input: ChannelArgs<'paymentMethods.list'>): Promise<ChannelOutput<'paymentMethods.list'>> {
  const rows = await ctx.engine.sql.all<MethodRow>('SELECT * FROM payment_methods WHERE user_id = ? AND removed = 0 ORDER BY id', [input.customerId]);
  return rows.map(toMethod);
}

export async function removePaymentMethod(ctx: ServiceContext, input: ChannelArgs<'paymentMethods.remove'>): Promise<ChannelOutput<'paymentMethods.remove'>> {
  return runMutation(ctx, async (tx) => {
    const res = await tx.run('UPDATE payment_methods SET removed = 1, row_version = row_version + 1 WHERE id = ? AND removed = 0', [input.paymentMethodId]);
    if (res.affectedRows === 0) throw new ContractError('NOT_FOUND', `No saved payment method ${input.paymentMethodId}.`);
    return { ok: true as const };
  }, () => ({ entity: 'paymentMethod', entityId: String(input.paymentMethodId), summary: 'removed saved card' }));
}
