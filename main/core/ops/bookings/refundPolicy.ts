import type { RefundPolicy } from '../../config';

export interface RefundQuote {
  refundCents: number;
  feeCents: number;
  rule: string;
}

/**
 * Full refund up to `freeCancelHours` before the service starts, a fee of `lateFeePct` after that,
 * nothing once it has started. Pure, so the preview and the cancellation cannot disagree. `owner`
 * names a property whose own policy this is: the rule then says so ("Harbor Inn's policy: …").
 */
export function quoteRefund(policy: RefundPolicy, totalCents: number, startsAt: number, now: number, owner: string | null = null): RefundQuote {
  const whose = owner === null ? '' : `${owner}'s policy (free until ${policy.freeCancelHours} h before, then ${policy.lateFeePct}%): `;
  if (now >= startsAt) return { refundCents: 0, feeCents: totalCents, rule: `${whose}already started: no refund` };
  if (startsAt - now >= policy.freeCancelHours * 3_600_000) {
    return { refundCents: totalCents, feeCents: 0, rule: `${whose}more than ${policy.freeCancelHours} h before start: full refund` };
  }
  const fee = Math.round((totalCents * policy.lateFeePct) / 100);
  return { refundCents: totalCents - fee, feeCents: fee, rule: `${whose}less than ${policy.freeCancelHours} h before start: ${policy.lateFeePct}% fee` };
}
