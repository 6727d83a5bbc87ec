// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../shared/contract';
import { MonthCalendar, RulesLegend } from '../../../renderer/features/inventory/MonthCalendar';
import type { DayCell } from '../../../renderer/features/inventory/inventoryStore';
import { ErrorNote } from '../../../renderer/ui/ErrorNote';

afterEach(cleanup);

const open = { minStayNights: 1, closedToArrival: false, closedToDeparture: false };
const night = (date: string, rules = open): DayCell => ({ date, total: 10, booked: 2, priceCents: 18_900, rules });

describe('the inventory calendar shows rate rules', () => {
  it('a night with a minimum stay, one closed to arrival and one to departure carry their markers; an open night none', () => {
    const { container } = render(
      <>
        <MonthCalendar month="2026-12-01" unit="rooms" selection={null} problems={{}} onSelect={() => undefined} days={[
          night('2026-12-23'),
          night('2026-12-24', { ...open, minStayNights: 3 }),
          night('2026-12-31', { ...open, closedToArrival: true }),
          night('2026-12-26', { ...open, closedToDeparture: true, minStayNights: 2 }),
        ]} />
        <RulesLegend />
      </>,
    );
    const day = (date: string) => {
      const button = container.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`);
      if (!button) throw new Error(`no day ${date}`);
      return button;
    };
    expect(day('2026-12-24').textContent).toContain('Min 3');
    expect(day('2026-12-24').textContent).toContain('minimum stay 3 nights from this day');
    expect(day('2026-12-31').textContent).toContain('CTA');
    expect(day('2026-12-31').textContent).toContain('closed to arrival');
    expect(day('2026-12-26').textContent).toMatch(/Min 2.*CTD/);
    expect(day('2026-12-23').textContent).not.toMatch(/Min|CTA|CTD/);
    const legend = screen.getByLabelText('Rate rule markers');
    expect(within(legend).getByText('CTA').className).toContain('rule-mark');
    expect(legend.textContent).toContain('closed to departure');
  });

  it("a stay refused by a rate rule reads as the hotel's rule, not as a form mistake", () => {
    render(<ErrorNote error={new ContractError('VALIDATION', 'Minimum stay 3 nights from 2026-12-24 at Harbor Inn, Deluxe King (this stay is 2 nights).', {
      rule: 'minStay', date: '2026-12-24', fields: [{ field: 'checkOut', message: 'Minimum stay 3 nights from 2026-12-24' }],
    })} />);
    expect(screen.getByRole('alert').textContent).toBe("The hotel's rule: Minimum stay 3 nights from 2026-12-24 at Harbor Inn, Deluxe King (this stay is 2 nights).");
  });
});
