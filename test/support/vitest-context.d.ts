// Values provided by test/support/globalSetup.ts; read them in tests with
// `import { inject } from 'vitest'; const url = inject('mysqlUrl');`
declare module 'vitest' {
  export interface ProvidedContext {
    /** Shared throwaway MariaDB server, no database selected: `mysql://root@127.0.0.1:PORT/`. */
    mysqlUrl: string;
    /** Shared throwaway FerretDB server, no database selected: `mongodb://127.0.0.1:PORT/`. */
    mongoUrl: string;
  }
}

// mark this file as a module so the augmentation works
export {};
