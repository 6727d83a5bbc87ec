/**
 * Child process for the RSS benchmark: opens the given data dir through startCore (standalone),
 * signs in, runs a few searches and prints its memory as one JSON line. Bundled and run by bench/sections/rss.ts.
 */
import fs from 'node:fs';
import { loadConfig } from '../../main/core/config';
import { startCore } from '../../main/core/host/core';
import { DEMO_PASSWORD } from '../../tools/seed/generate';
import { runSearches, memory } from './searchMix';

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(dir)) throw new Error('usage: rssCore.ts <data dir holding tripdesk.sqlite>');
  const before = memory();
  const core = await startCore(loadConfig({ TRIPDESK_DATA_DIR: dir, TRIPDESK_DEMO_DATA: '0' }), {
    jobs: false, log: () => undefined,
    // Memory beside a plain better-sqlite3 process on the same file: both read it unencrypted.
    dbKey: null,
  });
  const login = await core.call('auth.login', { email: 'agent@tripdesk.test', password: DEMO_PASSWORD }, null);
  if (!login.ok) throw new Error(login.error.message);
  const token = (login.value as { sessionToken: string }).sessionToken;
  const afterOpen = memory();
  const searches = await runSearches(core.dataFile, async (input) => {
    const res = await core.call('flights.search', input, token);
    if (!res.ok) throw new Error(res.error.message);
    return (res.value as { items: unknown[] }).items.length;
  });
  const after = memory();
  await core.close();
  console.log(JSON.stringify({ before, afterOpen, after, searches }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
