import { ContractError } from '../../../../shared/contract';
import { tokenizeCard, type CardDetails } from '../../integrations/payments/testGateway';

/**
 * Swaps a card number for the gateway's token as soon as the input is valid, before any use case,
 * audit entry or outbox row sees it: offline, the queued change keeps the token, never the
 * number or the CVC.
 */
export function vaultCards(channel: string, args: Record<string, unknown>, now: number): Record<string, unknown> {
  if (channel === 'bookings.create') {
    const payment = args.payment as { kind?: string; card?: CardDetails; save?: boolean } | undefined;
    if (payment?.kind === 'card' && payment.card) {
      return { ...args, payment: { kind: 'token', token: tokenizeCard(payment.card, now), save: payment.save ?? false } };
    }
  }
  if (channel === 'paymentMethods.add') {
    const { card, ...rest } = args as { card?: CardDetails };
    if (card) return { ...rest, token: tokenizeCard(card, now) };
    if (!('token' in args) || !args.token) throw new ContractError('VALIDATION', 'card: enter the card to save.');
  }
  return args;
}
