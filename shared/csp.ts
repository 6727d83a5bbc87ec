/**
 * The renderer's Content Security Policy, in one place for both hosts. The web bridge sends the
 * bridge policy (the renderer reaches the core over a loopback WebSocket); the desktop app sends
 * the app policy, which allows no connection at all, because there the renderer talks to main
 * over IPC only.
 */
export const BRIDGE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // No 'unsafe-inline': React's style props go through the CSSOM (element.style), which CSP does
  // not govern; nothing in the renderer writes <style> elements or style="…" markup
  // (test/e2e/csp.e2e.test.ts walks every screen and fails on any violation).
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "font-src 'self'",
  // Print itinerary / invoice: the PDF the core made, shown in a hidden frame from a blob: URL
  // (renderer/client/documentsStore.ts). Frames may show nothing else of another origin.
  "frame-src 'self' blob:",
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
