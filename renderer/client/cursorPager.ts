/**
 * First page and "load more" for a zustand store that lists a keyset-paged channel (bookings,
 * customers, deals, logs). A newer first-page load makes the answers to older loads stale (a filter
 * changed while a page was on its way): they are dropped, and so are errors from them.
 */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

interface PagedFields {
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
}

/** Keys of S that hold an array: where the store keeps the rows. */
type ListKey<S> = { [K in keyof S]: S[K] extends readonly unknown[] ? K : never }[keyof S];
type ItemOf<S, K extends keyof S> = S[K] extends ReadonlyArray<infer T> ? T : never;

export interface CursorPager<S, T> {
  /** Loads the first page in place of the rows; `startWith` is set along with `loading`. */
  first(fetch: () => Promise<CursorPage<T>>, startWith?: Partial<S>): Promise<void>;
  /**
   * Appends the next page, unless there is none or a load is on its way. `merge` joins the rows
   * (default: concatenated).
   */
  more(fetch: (cursor: string) => Promise<CursorPage<T>>, opts?: { merge?: (have: T[], page: T[]) => T[] }): Promise<void>;
}

export function cursorPager<S extends PagedFields, K extends ListKey<S>>(
  key: K,
  set: (partial: Partial<S>) => void,
  get: () => S,
): CursorPager<S, ItemOf<S, K>> {
  type T = ItemOf<S, K>;
  let gen = 0;
  const rows = (items: T[]) => ({ [key]: items }) as unknown as Partial<S>;
  const fail = (g: number, error: unknown) => {
    if (g === gen) set({ error, loading: false } as Partial<S>);
  };
  return {
    async first(fetch, startWith = {}) {
      const g = ++gen;
      set({ loading: true, error: null, ...startWith } as Partial<S>);
      try {
        const page = await fetch();
        if (g === gen) set({ ...rows(page.items), nextCursor: page.nextCursor, loading: false });
      } catch (error) {
        fail(g, error);
      }
    },
    async more(fetch, { merge = (have: T[], page: T[]) => have.concat(page) } = {}) {
      const { nextCursor, loading } = get();
      if (!nextCursor || loading) return;
      const g = gen;
      set({ loading: true, error: null } as Partial<S>);
      try {
        const page = await fetch(nextCursor);
        if (g === gen) set({ ...rows(merge(get()[key] as T[], page.items)), nextCursor: page.nextCursor, loading: false });
      } catch (error) {
        fail(g, error);
      }
    },
  };
}
