import {
  createRow, flexRender, useReactTable,
  type ColumnDef, type OnChangeFn, type Row, type RowModel, type SortingState, type Table,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';

/**
 * TanStack's core row model builds a Row (with some thirty closures) for every record up front:
 * about two seconds for 100 000 flights, again on every page appended. Here the table keeps the
 * columns, headers and sorting state, and a Row is made only for the records in view.
 */
const EMPTY: RowModel<unknown> = { rows: [], flatRows: [], rowsById: {} };
const noRowModel = <T,>(_table: Table<T>) => () => EMPTY as RowModel<T>;

type Key = string | number | boolean | null | undefined;
function compareKeys(x: Key, y: Key): number {
  if (x === y) return 0;
  if (x === null || x === undefined) return -1;
  if (y === null || y === undefined) return 1;
  if (typeof x === 'string' && typeof y === 'string') return x.localeCompare(y);
  return x < y ? -1 : 1;
}

/** Record positions in sorted order (stable), computed from the sorted column's accessor. */
function sortedOrder<T>(table: Table<T>, data: T[], sorting: SortingState): number[] | null {
  const s = sorting[0];
  const accessor = s ? table.getColumn(s.id)?.accessorFn : undefined;
  if (!s || !accessor) return null;
  const keys = data.map((r, i) => accessor(r, i) as Key);
  const order = Array.from(keys.keys());
  order.sort((a, b) => (s.desc ? -1 : 1) * compareKeys(keys[a], keys[b]) || a - b);
  return order;
}

export interface VirtualTableProps<T> {
  data: T[];
  columns: ColumnDef<T, unknown>[];
  /** Accessible name of the table. */
  label: string;
  getRowId?: (row: T, index: number) => string;
  rowHeight?: number;
  /** Height of the scroll area in px (CSS string also accepted). */
  height?: number | string;
  /** Called when the last rows come into view: load the next page. */
  onEndReached?: () => void;
  /** Rows from the end at which onEndReached fires. */
  endThreshold?: number;
  /** Controlled sorting; `manualSorting` when the server sorts. */
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  manualSorting?: boolean;
  /** Total known to exist (for aria-rowcount) when more pages can be loaded. */
  loading?: boolean;
  emptyText?: string;
  rowClassName?: (row: T) => string | undefined;
}

/**
 * A table that renders only the rows in view (plus a few above and below), so 100 000 results
 * scroll as smoothly as 100. Rows have a fixed height: measuring each row would cost a layout
 * per row, and search results are one line each.
 */
export function VirtualTable<T extends object>({
  data, columns, label, getRowId, rowHeight = 40, height = 480, onEndReached, endThreshold = 30,
  sorting: controlledSorting, onSortingChange, manualSorting = false, loading = false, emptyText = 'No results.', rowClassName,
}: VirtualTableProps<T>) {
  const [localSorting, setLocalSorting] = useState<SortingState>([]);
  const sorting = controlledSorting ?? localSorting;
  const table = useReactTable<T>({
    data,
    columns,
    state: { sorting },
    onSortingChange: onSortingChange ?? setLocalSorting,
    getCoreRowModel: noRowModel,
    manualSorting: true,
    enableSortingRemoval: false,
    // Without a row model TanStack cannot guess a direction from the first value; ascending first.
    sortDescFirst: false,
  });
  const order = useMemo(() => (manualSorting ? null : sortedOrder(table, data, sorting)), [table, data, sorting, manualSorting]);
  // Rows are made on demand and kept per record (a Row re-reads its cells when columns change).
  const [cache] = useState(() => new WeakMap<T, Row<T>>());
  const rowAt = (i: number): Row<T> | undefined => {
    const index = order ? order[i] : i;
    const original = index === undefined ? undefined : data[index];
    if (index === undefined || original === undefined) return undefined;
    let row = cache.get(original);
    if (!row) {
      row = createRow(table, getRowId ? getRowId(original, index) : String(index), original, index, 0);
      cache.set(original, row);
    }
    return row;
  };
  const count = data.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // Rows kept beyond the view: enough for a fast wheel (about three rows a frame), few enough
    // that a jump across 100,000 rows (Page Down held, a dragged scrollbar) draws its new rows in
    // one frame. Eight on each side made a jump's frame 14 ms of main thread, one in twenty late.
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (onEndReached && count > 0 && lastIndex >= count - endThreshold) onEndReached();
  }, [lastIndex, count, onEndReached, endThreshold]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = Math.max(0, virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0));
  const colCount = table.getVisibleLeafColumns().length;

  return (
    <div
      className="vtable-scroll"
      ref={scrollRef}
      style={{ height, overflow: 'auto' }}
      tabIndex={0}
      role="region"
      aria-label={`${label}, scrollable`}
      aria-busy={loading}
    >
      <table className="table vtable" aria-label={label} aria-rowcount={count + 1}>
        <thead>
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id} aria-rowindex={1}>
              {hg.headers.map((h) => {
                const canSort = h.column.getCanSort();
                const dir = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    scope="col"
                    style={{ width: h.getSize() !== 150 ? h.getSize() : undefined }}
                    aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
                  >
                    {h.isPlaceholder ? null : canSort ? (
                      <button type="button" className="sort-button" onClick={h.column.getToggleSortingHandler()}>
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span aria-hidden="true" className="sort-mark">{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ' ↕'}</span>
                      </button>
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true" className="vtable-pad">
              <td colSpan={colCount} style={{ height: paddingTop }} />
            </tr>
          )}
          {items.map((vi) => {
            const row = rowAt(vi.index);
            if (!row) return null;
            return (
              <tr key={row.id} aria-rowindex={vi.index + 2} style={{ height: rowHeight }} className={rowClassName?.(row.original)} data-index={vi.index} data-row-id={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true" className="vtable-pad">
              <td colSpan={colCount} style={{ height: paddingBottom }} />
            </tr>
          )}
          {count === 0 && !loading && (
            <tr>
              <td colSpan={colCount} className="muted empty-cell">{emptyText}</td>
            </tr>
          )}
        </tbody>
      </table>
      {loading && <p className="muted vtable-loading" role="status">Loading…</p>}
    </div>
  );
}
