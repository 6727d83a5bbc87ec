/**
 * A console as its own process, for the crash-window test: it starts a core on the test's data dir
 * (central when the URLs are given), signs in as the test agent and emails one itinerary with the
 * opId it is given. The test stops and kills it around the SMTP server's 250 to DATA.
 */
import { loadConfig } from '../../../../main/core/config';
import { startCore } from '../../../../main/core/host/core';

const [dataDir, mysqlUrl, mongoUrl, smtpUrl, mailFrom, email, password, bookingId, opId] = process.argv.slice(2);
const core = await startCore(loadConfig({
  TRIPDESK_DATA_DIR: dataDir, TRIPDESK_PASSWORD_COST: 'test', TRIPDESK_CONSOLE_NAME: 'Crash desk',
  TRIPDESK_SMTP_URL: smtpUrl, TRIPDESK_MAIL_FROM: mailFrom,
  ...(mysqlUrl && mysqlUrl !== '-' && mongoUrl && mongoUrl !== '-' ? { TRIPDESK_MYSQL_URL: mysqlUrl, TRIPDESK_MONGO_URL: mongoUrl } : {}),
}), { jobs: false, log: () => undefined });
const login = await core.call('auth.login', { email, password }, null);
if (!login.ok) throw new Error(`sign-in failed: ${login.error.message}`);
const token = (login.value as { sessionToken: string }).sessionToken;
const res = await core.call('messages.sendItinerary', { bookingId: Number(bookingId), opId }, token);
console.log(`answered ${JSON.stringify(res)}`);
await core.close();
