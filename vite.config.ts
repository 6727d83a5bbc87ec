import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const bridgePort = Number(process.env.TRIPDESK_PORT ?? 47800);

export default defineConfig({
  // The renderer build and dev server only; tests use vitest.config.ts at the project root.
  root: path.join(here, 'renderer'),
  // Relative asset URLs: Electron serves the build from app://tripdesk/, the web bridge from /.
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    host: '127.0.0.1',
    // `npm run dev:renderer` next to `npm run serve:only`: the contract goes to the running bridge.
    proxy: {
      '/rpc': `http://127.0.0.1:${bridgePort}`,
      // The bridge accepts only its own Host and Origin (DNS rebinding): the proxy presents them.
      '/events': { target: `http://127.0.0.1:${bridgePort}`, ws: true, changeOrigin: true, rewriteWsOrigin: true },
    },
  },
});
