// @vitest-environment jsdom
import type { ColumnDef } from '@tanstack/react-table';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VirtualTable } from '../../../renderer/ui/VirtualTable';

interface Row { id: number; price: number; name: string }
const columns: ColumnDef<Row, unknown>[] = [
  { id: 'name', header: 'Name', accessorFn: (r) => r.name },
  { id: 'price', header: 'Price', accessorFn: (r) => r.price },
];
const rows = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({ id: i, price: (i * 7919) % 1000, name: `row ${i}` }));

// jsdom does no layout: give the scroll area a height, as a browser would.
const VIEWPORT = 400;
const ROW = 40;
let restore: PropertyDescriptor | undefined;
beforeAll(() => {
  restore = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('vtable-scroll') ? VIEWPORT : 0;
    },
  });
});
afterAll(() => {
  if (restore) Object.defineProperty(HTMLElement.prototype, 'clientHeight', restore);
});
afterEach(cleanup);

function renderedIndexes(): number[] {
  return [...document.querySelectorAll('tbody tr[data-index]')].map((tr) => Number(tr.getAttribute('data-index')));
}

function scrollTo(offset: number) {
  const el = document.querySelector<HTMLElement>('.vtable-scroll')!;
  act(() => {
    el.scrollTop = offset;
    fireEvent.scroll(el);
  });
}

describe('virtualized results table', () => {
  it('renders only the visible rows of 100 000, and the rows in view after a scroll', () => {
    render(<VirtualTable label="Results" data={rows(100_000)} columns={columns} rowHeight={ROW} height={VIEWPORT} getRowId={(r) => String(r.id)} />);
    const table = screen.getByRole('table', { name: 'Results' });
    expect(table.getAttribute('aria-rowcount')).toBe('100001');
    const first = renderedIndexes();
    expect(first[0]).toBe(0);
    // 10 rows fit; a few more are rendered either side for smooth scrolling.
    expect(first.length).toBeGreaterThanOrEqual(10);
    expect(first.length).toBeLessThan(40);

    scrollTo(50_000 * ROW);
    const middle = renderedIndexes();
    expect(middle.length).toBeLessThan(40);
    expect(middle).toContain(50_000);
    expect(Math.min(...middle)).toBeGreaterThan(49_900);
    expect(screen.getByText('row 50000')).toBeTruthy();
    expect(screen.queryByText('row 0')).toBeNull();
  });

  it('asks for the next page when the last rows come into view, not before', () => {
    const onEndReached = vi.fn();
    render(<VirtualTable label="Results" data={rows(200)} columns={columns} rowHeight={ROW} height={VIEWPORT} onEndReached={onEndReached} endThreshold={20} />);
    expect(onEndReached).not.toHaveBeenCalled();
    scrollTo(100 * ROW);
    expect(onEndReached).not.toHaveBeenCalled();
    scrollTo(200 * ROW - VIEWPORT);
    expect(onEndReached).toHaveBeenCalled();
  });

  it('sorts by a column header when the table sorts itself', () => {
    render(<VirtualTable label="Results" data={rows(50)} columns={columns} rowHeight={ROW} height={VIEWPORT} />);
    fireEvent.click(screen.getByRole('button', { name: /Price/ }));
    const header = screen.getByRole('columnheader', { name: /Price/ });
    const firstPrice = document.querySelector('tbody tr[data-index="0"] td:nth-child(2)')?.textContent;
    const asc = header.getAttribute('aria-sort');
    expect(asc === 'ascending' || asc === 'descending').toBe(true);
    const prices = rows(50).map((r) => r.price).sort((a, b) => a - b);
    expect(Number(firstPrice)).toBe(asc === 'ascending' ? prices[0] : prices.at(-1));
  });
});
