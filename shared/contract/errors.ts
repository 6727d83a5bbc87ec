import { z } from 'zod';

/** The few error codes an agent can act on; every failure is one of these. */
export const ErrorCode = z.enum([
  'VALIDATION',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'SOLD_OUT',
  'PRICE_CHANGED',
  'HOLD_EXPIRED',
  'CONFLICT',
  'FORBIDDEN',
  /** Too many attempts (sign-in): wait `details.retryAfterS` seconds, then try again. */
  'RATE_LIMITED',
  'OFFLINE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ContractErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ContractErrorShape = z.infer<typeof ContractErrorShape>;

/** Thrown by services; the dispatcher turns it into `{ ok: false, error }`. */
export class ContractError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ContractError';
  }

  toShape(): ContractErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SOLD_OUT: 409,
  PRICE_CHANGED: 409,
  HOLD_EXPIRED: 409,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  OFFLINE: 503,
  INTERNAL: 500,
};

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractErrorShape };
