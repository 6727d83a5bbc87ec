/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] as number;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] as number) + hi) / 2;
}

/** How far under the reference a price is, in percent with one decimal: one rounding for every deal. */
export function discountPct(price: number, reference: number): number {
  return Math.round((1 - price / reference) * 1000) / 10;
}
