import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toDbInstant } from '../../shared/time';
import { loadConfig, TEST_PASSWORD_COST } from '../../main/core/config';
import { startCore, type Core } from '../../main/core/host/core';
import { hashPassword } from '../../main/core/ops/auth/passwords';

export const PASSWORD = 'correct horse battery';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tripdesk-app-${prefix}-`));
}

/** A standalone core on a fresh SQLite file, with one operator per role. */
export async function coreWithOperators(dir: string = tempDir('core')): Promise<Core> {
  // Admins' two-factor is the core's concern (test/core/ops/auth/credentials.test.ts); these tests drive the shell as an admin directly.
  const core = await startCore(loadConfig({ TRIPDESK_DATA_DIR: dir, TRIPDESK_PASSWORD_COST: 'test', TRIPDESK_ADMIN_TWO_FACTOR: 'optional' }), { jobs: false, log: () => undefined });
  await addOperators(core);
  return core;
}

export async function addOperators(core: Core): Promise<void> {
  const at = toDbInstant(Date.now());
  const hash = await hashPassword(PASSWORD, TEST_PASSWORD_COST);
  for (const role of ['agent', 'supervisor', 'admin'] as const) {
    await core.local.sql.run(
      'INSERT INTO admins (email, name, role, password_hash, active, created_at_utc, updated_at_utc) VALUES (?, ?, ?, ?, 1, ?, ?)',
      [`${role}@tripdesk.test`, `The ${role}`, role, hash, at, at],
    );
  }
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}
