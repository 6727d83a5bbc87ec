import type { z } from 'zod';
import type { CardInput, CardToken } from '../../../../shared/contract/channels';

export type CardDetails = z.infer<typeof CardInput>;
export type CardToken = z.infer<typeof CardToken>;

export interface ChargeResult {
  approved: boolean;
  reference: string;
  reason?: string;
}

/**
 * The card gateway as the use cases see it (a port: integrations/payments holds the
 * implementations). Every call that moves money is keyed by the op's idempotency key, so the
 * same op sent twice is one charge, as with Stripe's Idempotency-Key.
 */
export interface PaymentGateway {
  /** Checks the card and swaps it for a token; the number and CVC go no further. VALIDATION on a bad card. */
  tokenize(card: CardDetails, now: number): CardToken;
  /**
   * VALIDATION ("card token not issued by the gateway") unless this gateway issued the token for
   * exactly these card details (brand, last four, expiry): a token a client made up, or one whose
   * details were changed, is never saved or charged.
   */
  verify(card: CardToken): void;
  /** Authorise and capture in one step (the console charges at booking time); verifies the token first, as `verify`. */
  charge(card: CardToken, amountCents: number, idempotencyKey: string): ChargeResult;
  refund(reference: string, amountCents: number, idempotencyKey: string): { reference: string };
}
