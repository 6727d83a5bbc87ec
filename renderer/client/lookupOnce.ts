/**
 * Where a store keeps records looked up by id to put ids in words (a customer's name, a flight's
 * route), null meaning the lookup failed. Screens ask for every id they show on each render; this
 * asks the core for each missing id once, even while an earlier ask for it is still on its way.
 */
export interface LookupSlice<T> {
  get(): Record<number, T | null>;
  set(next: Record<number, T | null>): void;
}

/** Looks up what is missing among `ids`; resolves once every lookup it started has settled. */
export type EnsureLookedUp = (ids: number[]) => Promise<void>;

/**
 * Returns `ensure(ids)`: looks up the ids the slice does not know yet, one call each, and records
 * the answer, or null when the call fails. With `retryFailed`, an id recorded as null is asked for
 * again on a later `ensure`; without it, null is final.
 */
export function lookupOnce<T>(
  slice: LookupSlice<T>,
  fetch: (id: number) => Promise<T>,
  opts: { retryFailed?: boolean } = {},
): EnsureLookedUp {
  const pending = new Set<number>();
  const known = (id: number) => (opts.retryFailed ? Boolean(slice.get()[id]) : id in slice.get());
  return async (ids) => {
    const missing = [...new Set(ids)].filter((id) => !known(id) && !pending.has(id));
    await Promise.all(missing.map(async (id) => {
      pending.add(id);
      try {
        const found = await fetch(id);
        slice.set({ ...slice.get(), [id]: found });
      } catch {
        slice.set({ ...slice.get(), [id]: null });
      } finally {
        pending.delete(id);
      }
    }));
  };
}
