import { config } from 'zod';

// Imported first by main.tsx, before any schema is built: zod's compiled fast path probes for
// `new Function`, which the renderer's CSP (script-src 'self', no 'unsafe-eval') refuses and
// reports as a violation even though zod catches it. Without the probe zod parses the same,
// interpreted.
config({ jitless: true });
