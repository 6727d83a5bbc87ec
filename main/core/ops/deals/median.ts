/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  return middleOf([...values].sort((a, b) => a - b));
}

function middleOf(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] as number;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] as number) + hi) / 2;
}

/** How far under the reference a price is, in percent with one decimal: one rounding for every deal. */
export function discountPct(price: number, reference: number): number {
  return Math.round((1 - price / reference) * 1000) / 10;
}

/** Prices kept in order as they come and go, for a median over a sliding window. */
export class SortedPrices {
  private readonly values: number[] = [];

  get size(): number {
    return this.values.length;
  }

  add(price: number): void {
    this.values.splice(this.indexOf(price), 0, price);
  }

  /** Takes one copy of the price out (it must be in). */
  remove(price: number): void {
    const at = this.indexOf(price);
    if (this.values[at] === price) this.values.splice(at, 1);
  }

  /** As median() of the same prices. */
  median(): number | null {
    return middleOf(this.values);
  }

  /** The first position holding a price not below this one. */
  private indexOf(price: number): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.values[mid] as number) < price) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
