/**
 * The renderer's one origin. Everything the window may load, navigate to or talk to is judged
 * against it; anything else is foreign.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tripdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * Whether a URL belongs to our origin. WHATWG gives non-special schemes an opaque origin
 * ("null"), so `url.origin` cannot be compared; scheme, host, port and credentials are.
 */
export function isAppUrl(raw: unknown): boolean {
  const url = parse(raw);
  return (
    url !== null && url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST &&
    url.port === '' && url.username === '' && url.password === ''
  );
}

/**
 * The link an operator clicked, if it may go to the system browser: https only, no
 * credentials in it, a real host name. Anything else (file:, javascript:, http:, custom
 * schemes that launch other programs) is dropped.
 */
export function safeExternalUrl(raw: unknown): string | null {
  const url = parse(raw);
  if (!url || url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}
