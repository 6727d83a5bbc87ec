// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HoldCountdown } from '../../../renderer/ui/HoldCountdown';

describe('hold countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('counts down to the hold expiry, warns in the last two minutes, and reports expiry once', () => {
    const onExpire = vi.fn();
    render(<HoldCountdown expiresAtUtc="2030-01-01T00:02:05.000Z" onExpire={onExpire} />);
    const timer = screen.getByRole('timer');
    expect(timer.textContent).toBe('Hold expires in 2:05');
    expect(timer.getAttribute('aria-label')).toBe('Hold expires in 3 minutes');
    expect(timer.className).not.toContain('countdown-warn');

    act(() => vi.advanceTimersByTime(6_000));
    expect(screen.getByRole('timer').textContent).toBe('Hold expires in 1:59');
    expect(screen.getByRole('timer').className).toContain('countdown-warn');

    act(() => vi.advanceTimersByTime(119_000));
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Hold expired');
    expect(onExpire).toHaveBeenCalledTimes(1);

    act(() => vi.advanceTimersByTime(10_000));
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('shows the truth after the clock jumps (a sleeping laptop), not a stale count', () => {
    render(<HoldCountdown expiresAtUtc="2030-01-01T00:15:00.000Z" />);
    expect(screen.getByRole('timer').textContent).toBe('Hold expires in 15:00');
    // The machine sleeps 10 minutes: timers did not fire, the clock moved on.
    vi.setSystemTime(new Date('2030-01-01T00:10:00Z'));
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByRole('timer').textContent).toBe('Hold expires in 4:59');
  });

  it('an already expired hold says so at once', () => {
    const onExpire = vi.fn();
    render(<HoldCountdown expiresAtUtc="2029-12-31T23:59:00.000Z" onExpire={onExpire} />);
    expect(screen.getByRole('status').textContent).toBe('Hold expired');
    expect(onExpire).toHaveBeenCalledTimes(1);
  });
});
