/**
 * The renderer's Content Security Policy, in one place for both hosts. The web bridge sends the
 * bridge policy (the renderer reaches the core over a loopback WebSocket); the desktop app sends
 * the app policy, which allows no connection at all, because there the renderer talks to main
 * over IPC only.
 */
export const BRIDGE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export function appContentSecurityPolicy(): string {
  return BRIDGE_CONTENT_SECURITY_POLICY.split(';')
    .map((d) => d.trim())
    .filter((d) => d.length > 0)
    .map((d) => (d.split(/\s+/)[0] === 'connect-src' ? "connect-src 'self'" : d))
    .join('; ');
}
