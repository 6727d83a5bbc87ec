import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../core/config';
import { startCore } from '../core/host/core';
import { seedDemoData } from '../../tools/seed/seedDemo';
import { startBridge } from './startBridge';

/** `npm run serve`: the core and the web bridge under plain Node, no Electron. */
async function main(): Promise<void> {
  const config = loadConfig();
  const port = Number(process.env.TRIPDESK_PORT ?? 47800);
  const token = process.env.TRIPDESK_TOKEN || randomBytes(24).toString('base64url');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  // The first start's demo load goes on in the background: the link is printed first, so the
  // window can show its progress while the terminal prints a line per phase.
  const core = await startCore(config, { seedDemo: seedDemoData, syncInBackground: true, demoInBackground: true });
  const bridge = await startBridge({ core, port, token, staticDir: path.join(root, 'dist', 'renderer') });
  const mode = core.mode();
  console.log(`TripDesk ${mode === 'standalone' ? 'standalone' : 'central'} mode; data in ${core.dataFile}`);
  console.log(`TripDesk is running: open ${bridge.url}/#token=${token}`);
  if (!process.env.TRIPDESK_TOKEN) console.log(`API token (Authorization: Bearer …): ${token}`);
  const stop = async () => {
    await bridge.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(`TripDesk could not start: ${(err as Error)?.message ?? String(err)}`);
  process.exit(1);
});
