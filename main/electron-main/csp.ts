import { appContentSecurityPolicy } from '../../shared/csp';

export { appContentSecurityPolicy };

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
