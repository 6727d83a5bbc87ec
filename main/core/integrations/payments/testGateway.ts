import { createHmac, hash, randomUUID, timingSafeEqual } from 'node:crypto';
import { ContractError } from '../../../../shared/contract';
import type { CardDetails, CardToken, ChargeResult, PaymentGateway } from '../../ops/payments/paymentGateway';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

export function cardBrand(digits: string): string {
  if (/^4/.test(digits)) return 'visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return 'mastercard';
  if (/^3[47]/.test(digits)) return 'amex';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover';
  return 'card';
}

/** Cards the test gateway declines at charge time (like the well-known test numbers of real gateways). */
const DECLINING = new Set(['4000000000000002']);

/** A token is `tok_` + kind ('a' approve, 'd' decline) + 24 random hex digits + a 32-hex-digit signature. */
const TOKEN = /^tok_([a-z])([0-9a-f]{24})([0-9a-f]{32})$/;

/** The refusal for a token this gateway did not issue, or one whose card details were changed since. */
function notIssued(): ContractError {
  return new ContractError('VALIDATION', 'card token not issued by the gateway.', { reason: 'token' });
}

/**
 * The test payment gateway. `tokenize` checks the card and hands back a token; the number and CVC
 * go no further. Consoles are separate processes (a token made on a device offline is charged on
 * the server at replay), so a token proves itself rather than being looked up: it carries an
 * HMAC-SHA256, under the gateway key (TRIPDESK_GATEWAY_KEY), of its kind, its random part and the
 * card's brand, last four digits and expiry. `charge` and `verify` refuse (VALIDATION) a token it
 * did not sign or whose card details were changed. A real gateway module would replace it behind
 * the same port.
 */
function signature(key: string, kind: string, random: string, card: Omit<CardToken, 'token'>): string {
  return createHmac('sha256', key).update(`${kind}${random}|${card.brand}|${card.last4}|${card.expMonth}|${card.expYear}`).digest('hex').slice(0, 32);
}

/**
 * The token the test gateway issues for a card's details and a random part (24 hex digits): for
 * the demo and bench data, whose saved cards must charge like cards saved at the desk.
 */
export function issueTestCardToken(key: string, random: string, card: Omit<CardToken, 'token'>, kind: 'a' | 'd' = 'a'): string {
  return `tok_${kind}${random}${signature(key, kind, random, card)}`;
}

export function createTestGateway(key: string): PaymentGateway {
  if (key.length === 0) throw new Error('the payment gateway needs a key');
  const sign = (kind: string, random: string, card: Omit<CardToken, 'token'>): string => signature(key, kind, random, card);

  /** The token's kind, once its signature checks out against the card details it came with. */
  function verified(card: CardToken): string {
    const parts = TOKEN.exec(card.token);
    if (!parts) throw notIssued();
    const [, kind = '', random = '', signature = ''] = parts;
    const expected = Buffer.from(sign(kind, random, card), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) throw notIssued();
    return kind;
  }

  function tokenize(card: CardDetails, now: number): CardToken {
    const digits = card.number.replace(/\s+/g, '');
    if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) {
      throw new ContractError('VALIDATION', 'card.number: not a valid card number.', { field: 'card.number' });
    }
    const brand = cardBrand(digits);
    const nowDate = new Date(now);
    const expiredBefore = card.expYear < nowDate.getUTCFullYear() ||
      (card.expYear === nowDate.getUTCFullYear() && card.expMonth < nowDate.getUTCMonth() + 1);
    if (expiredBefore) throw new ContractError('VALIDATION', 'card.expYear: the card has expired.', { field: 'card.expYear' });
    if (card.cvc.length !== (brand === 'amex' ? 4 : 3)) {
      throw new ContractError('VALIDATION', `card.cvc: ${brand === 'amex' ? '4' : '3'} digits expected.`, { field: 'card.cvc' });
    }
    const kind = DECLINING.has(digits) ? 'd' : 'a';
    // randomUUID draws from a pool Node keeps; randomBytes(12) asked the system every time (~19 us
    // here, more than the rest of the card check). 24 hex digits of a v4 UUID: 92 random bits.
    const random = randomUUID().replace(/-/g, '').slice(0, 24);
    const details = { brand, last4: digits.slice(-4), expMonth: card.expMonth, expYear: card.expYear };
    return { token: `tok_${kind}${random}${sign(kind, random, details)}`, ...details };
  }

  /** Authorise and capture in one step (the console charges at booking time); keyed by the op. */
  function charge(card: CardToken, amountCents: number, idempotencyKey: string): ChargeResult {
    const kind = verified(card);
    const reference = referenceFor('ch', idempotencyKey);
    if (kind === 'd') return { approved: false, reference, reason: 'card declined by the issuer' };
    if (amountCents < 0) return { approved: false, reference, reason: 'negative amount' };
    return { approved: true, reference };
  }

  return { tokenize, verify: (card) => { verified(card); }, charge, refund: refundCharge };
}

/**
 * The gateway's reference for a request: derived from its idempotency key, as real gateways do
 * (Stripe's Idempotency-Key), so the same op sent twice — a retry, a replay after a cut, a
 * transaction rolled back because its twin committed first — is one charge, not two.
 */
function referenceFor(prefix: 'ch' | 're', idempotencyKey: string): string {
  // One-shot hash: createHash builds a Hash object per call, several times the cost here.
  return `${prefix}_${hash('sha256', `${prefix}:${idempotencyKey}`, 'hex').slice(0, 20)}`;
}

export function refundCharge(_reference: string, _amountCents: number, idempotencyKey: string): { reference: string } {
  return { reference: referenceFor('re', idempotencyKey) };
}
