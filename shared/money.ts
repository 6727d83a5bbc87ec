/**
 * Cents as dollars for text the core writes ("Refunded $177.59 of $221.99"): fixed US format,
 * whatever the machine's locale, since the words are stored and read on other consoles.
 */
export function dollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}
