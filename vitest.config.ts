import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// This file takes precedence over vite.config.ts when running vitest (that one is for the
// renderer build/dev server, rooted in renderer/). Keep the JSX transform the same as the app's.
export default defineConfig({
  plugins: [react()],
  test: {
    // Renderer tests opt into a DOM per file with a `// @vitest-environment jsdom` comment.
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // One throwaway MariaDB + FerretDB for the whole run; tests get the URLs with
    // inject('mysqlUrl') / inject('mongoUrl'). See test/support/globalSetup.ts.
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
