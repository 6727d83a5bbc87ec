import { mapAt, type MutationPolicy } from '../../../shared/contract';
import type { CardDetails, PaymentGateway } from '../ops/payments/paymentGateway';

/**
 * Swaps the card details at each path the op's contract row lists in `secrets` for the gateway's
 * token, as soon as the input is valid and before any use case, audit entry or outbox row sees
 * it: offline, the queued change keeps the token, never the number or the CVC. The token goes
 * beside the card (`token`); a payment union's `kind: 'card'` becomes `kind: 'token'`.
 */
export async function vaultSecrets(policy: MutationPolicy | undefined, args: Record<string, unknown>, gateway: PaymentGateway, now: number): Promise<Record<string, unknown>> {
  let out: Record<string, unknown> = args;
  for (const path of policy?.secrets ?? []) {
    const dot = path.lastIndexOf('.');
    const parentPath = dot < 0 ? null : path.slice(0, dot);
    const field = path.slice(dot + 1);
    const swap = (holder: unknown): unknown => {
      if (typeof holder !== 'object' || holder === null || !(field in holder)) return holder;
      const { [field]: card, ...rest } = holder as Record<string, unknown>;
      if (card === undefined) return rest;
      // The token goes first: `{ ...rest, token }` would give every swapped input a hidden class of its own (docs/SCALING.md).
      const swapped: Record<string, unknown> = { token: gateway.tokenize(card as CardDetails, now), ...rest };
      if (swapped.kind === 'card') swapped.kind = 'token';
      return swapped;
    };
    out = (parentPath === null ? swap(out) : await mapAt(out, parentPath, swap)) as Record<string, unknown>;
  }
  return out;
}
