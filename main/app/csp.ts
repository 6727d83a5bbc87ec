import { CONTENT_SECURITY_POLICY } from '../bridge/startBridge';

/**
 * The web bridge's policy with one change: in the desktop app the renderer talks to main over
 * IPC only, so it needs no WebSocket or HTTP connection at all, not even to loopback.
 */
export function appContentSecurityPolicy(): string {
  return CONTENT_SECURITY_POLICY.split(';')
    .map((d) => d.trim())
    .filter((d) => d.length > 0)
    .map((d) => (d.split(/\s+/)[0] === 'connect-src' ? "connect-src 'self'" : d))
    .join('; ');
}

/** Headers sent with every file of the renderer. */
export function rendererSecurityHeaders(): Record<string, string> {
  return {
    'content-security-policy': appContentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}
