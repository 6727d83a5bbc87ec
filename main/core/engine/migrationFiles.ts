import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MigrationFile {
  version: number;
  name: string;
  file: string;
}

/** The migrations folder ships beside package.json, both from source (tsx) and in a bundle. */
export function migrationsRoot(): string {
  if (process.env.TRIPDESK_MIGRATIONS_DIR) return process.env.TRIPDESK_MIGRATIONS_DIR;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'migrations');
    if (fs.existsSync(path.join(candidate, 'sqlite'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('TripDesk cannot find its migrations folder');
    dir = parent;
  }
}

export function listMigrations(engine: 'mysql' | 'sqlite' | 'mongo', ext: string): MigrationFile[] {
  const dir = path.join(migrationsRoot(), engine);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .map((f) => {
      const m = /^(\d+)_(.+)\.[a-z]+$/.exec(f);
      if (!m) throw new Error(`migration file name must look like 001_name${ext}: ${f}`);
      return { version: Number(m[1]), name: m[2] ?? f, file: path.join(dir, f) };
    })
    .sort((a, b) => a.version - b.version);
}

/** Statements of a .sql file: split at semicolons that end a line; `--` comments dropped. */
export function sqlStatements(file: string): string[] {
  const text = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return text
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export class SchemaTooNewError extends Error {
  constructor(engine: string, dbVersion: number, codeVersion: number) {
    super(
      `The ${engine} database is at schema version ${dbVersion}, newer than this TripDesk knows (${codeVersion}). ` +
        'Upgrade TripDesk before using this database; nothing was changed.',
    );
    this.name = 'SchemaTooNewError';
  }
}
