import { useEffect, useRef, useState } from 'react';
import { formatCountdown } from './format';

/** Under this, the countdown turns to a warning. */
const WARN_MS = 2 * 60_000;

/**
 * Time left on a seat hold. It is recomputed from the clock every tick rather than counted down,
 * so a throttled background tab or a sleeping laptop still shows the truth when it wakes.
 */
export function HoldCountdown({ expiresAtUtc, onExpire, now = Date.now, label = 'Hold expires in' }: {
  expiresAtUtc: string;
  onExpire?: () => void;
  now?: () => number;
  label?: string;
}) {
  const until = Date.parse(expiresAtUtc);
  const [left, setLeft] = useState(() => until - now());
  const fired = useRef(false);
  const onExpireRef = useRef(onExpire);
  useEffect(() => {
    onExpireRef.current = onExpire;
  }, [onExpire]);

  useEffect(() => {
    fired.current = false;
    const tick = () => {
      const ms = until - now();
      setLeft(ms);
      if (ms <= 0 && !fired.current) {
        fired.current = true;
        onExpireRef.current?.();
      }
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [until, now]);

  if (left <= 0) {
    return (
      <span className="countdown countdown-expired" role="status">
        Hold expired
      </span>
    );
  }
  const minutes = Math.ceil(left / 60_000);
  return (
    <span
      className={`countdown ${left < WARN_MS ? 'countdown-warn' : ''}`}
      role="timer"
      aria-label={`${label} ${minutes} minute${minutes === 1 ? '' : 's'}`}
    >
      {label} <time dateTime={expiresAtUtc}>{formatCountdown(left)}</time>
    </span>
  );
}
