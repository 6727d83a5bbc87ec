// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContractError } from '../../../shared/contract';
import { PriceChangedDialog, priceChangeOf } from '../../../renderer/features/booking/PriceChangedDialog';

const priceChanged = new ContractError('PRICE_CHANGED', 'The total is now 11250 cents, not 10000.', {
  expectedTotalCents: 10_000,
  newTotalCents: 11_250,
  items: [
    { kind: 'flight', refId: 7, label: 'Delta DL12 JFK→LAX', totalCents: 8_250 },
    { kind: 'car', refId: 3, label: 'Hertz Corolla, 2 day(s)', totalCents: 3_000 },
  ],
});

describe('price changed dialog', () => {
  afterEach(cleanup);

  it('reads the old and new totals from PRICE_CHANGED details, and nothing from other errors', () => {
    expect(priceChangeOf(priceChanged)).toEqual({
      oldTotalCents: 10_000, newTotalCents: 11_250, items: (priceChanged.details as { items: unknown[] }).items,
    });
    expect(priceChangeOf(new ContractError('SOLD_OUT', 'gone', { flightId: 7 }))).toBeNull();
    expect(priceChangeOf(new Error('network'))).toBeNull();
  });

  it('shows both totals and the difference, and accepting passes the new total on', () => {
    const onAccept = vi.fn();
    const onCancel = vi.fn();
    render(<PriceChangedDialog change={priceChangeOf(priceChanged)} onAccept={onAccept} onCancel={onCancel} />);
    expect(screen.getByRole('dialog', { name: 'The price has changed' })).toBeTruthy();
    expect(screen.getByTestId('old-total').textContent).toBe('$100.00');
    expect(screen.getByTestId('new-total').textContent).toBe('$112.50');
    expect(screen.getByText('+$12.50 (+12.5%)')).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Delta DL12 JFK→LAX' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Accept $112.50 and book' }));
    expect(onAccept).toHaveBeenCalledWith(11_250);
    fireEvent.click(screen.getByRole('button', { name: 'Keep the old quote (do not book)' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('a lower price shows as a saving', () => {
    const cheaper = new ContractError('PRICE_CHANGED', 'cheaper', { expectedTotalCents: 20_000, newTotalCents: 18_000 });
    render(<PriceChangedDialog change={priceChangeOf(cheaper)} onAccept={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByText('−$20.00 (-10.0%)')).toBeTruthy();
  });

  it('renders nothing without a change', () => {
    const { container } = render(<PriceChangedDialog change={null} onAccept={() => undefined} onCancel={() => undefined} />);
    expect(container.innerHTML).toBe('');
  });
});
