import { ContractError, type PaymentMethod } from '../../../../shared/contract';
import type { SqlSession } from '../../engine/sql';
import type { ServiceContext } from '../context';
import { insertRow } from '../insertRow';
import type { CardToken } from './paymentGateway';

export interface MethodRow { id: number; user_id: number; brand: string; last4: string; exp_month: number; exp_year: number; gateway_token: string; removed: number }

export const toMethod = (r: MethodRow): PaymentMethod => ({ id: r.id, customerId: r.user_id, brand: r.brand, last4: r.last4, expMonth: r.exp_month, expYear: r.exp_year });

/** The saved card as the gateway's token and the details it was issued for (what a charge needs). */
export const cardTokenOf = (r: MethodRow): CardToken => ({ token: r.gateway_token, brand: r.brand, last4: r.last4, expMonth: Number(r.exp_month), expYear: Number(r.exp_year) });

/**
 * Only the gateway's token, the brand, last four digits and expiry are ever stored, and only a
 * token the gateway issued for those details (VALIDATION otherwise, nothing stored).
 */
export async function saveCardToken(tx: SqlSession, ctx: ServiceContext, customerId: number, card: CardToken, nowUtc: string): Promise<PaymentMethod> {
  ctx.payments.verify(card);
  const id = await insertRow(tx, ctx, 'payment_methods', {
    user_id: customerId, gateway_token: card.token, brand: card.brand, last4: card.last4, exp_month: card.expMonth, exp_year: card.expYear, created_at_utc: nowUtc,
  });
  return { id, customerId, brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear };
}

/** A saved card the customer may pay with: NOT_FOUND once removed, VALIDATION if it is someone else's. */
export async function findMethod(tx: SqlSession, paymentMethodId: number, customerId: number): Promise<MethodRow> {
  const row = await tx.get<MethodRow>('SELECT * FROM payment_methods WHERE id = ? AND removed = 0', [paymentMethodId]);
  if (!row) throw new ContractError('NOT_FOUND', `No saved payment method ${paymentMethodId}.`, { field: 'payment.paymentMethodId' });
  if (row.user_id !== customerId) throw new ContractError('VALIDATION', 'payment.paymentMethodId: that card belongs to another customer.');
  return row;
}
