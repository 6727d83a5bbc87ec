/**
 * A device as its own process, for the kill tests: it starts a central-mode core (which hydrates
 * a new device, then sends the outbox and pulls) and says "synced" when done. The test kills it
 * with SIGKILL partway and starts it again.
 */
import { loadConfig } from '../../../main/core/config';
import { startCore } from '../../../main/core/host/core';

const [dataDir, mysqlUrl, mongoUrl] = process.argv.slice(2);
const core = await startCore(loadConfig({ TRIPDESK_DATA_DIR: dataDir, TRIPDESK_MYSQL_URL: mysqlUrl, TRIPDESK_MONGO_URL: mongoUrl }), {
  jobs: false,
  log: () => undefined,
});
console.log(`synced ${core.mode()}`);
await core.close();
