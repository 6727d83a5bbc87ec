/**
 * Vitest globalSetup: one MariaDB and one FerretDB for the whole run.
 *
 * Tests read the server URLs with `inject('mysqlUrl')` / `inject('mongoUrl')` (types in
 * vitest-context.d.ts) and create their own database per test file for isolation:
 *
 *   const dbUrl = await createMysqlDatabase(inject('mysqlUrl'), uniqueDbName());
 *   const mongoDbUrl = freshMongoUrl(inject('mongoUrl'), uniqueDbName());
 *
 * The URLs are also exported as TRIPDESK_TEST_MYSQL_URL / TRIPDESK_TEST_MONGO_URL so that
 * worker processes and child processes they spawn see them. If those variables are already
 * set when vitest starts, the given servers are used and nothing is started.
 */
import type { TestProject } from 'vitest/node';
import { MONGO_URL_ENV, MYSQL_URL_ENV, startFerretDb, startMariaDb, type TestServer } from './servers';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const t0 = Date.now();
  const results = await Promise.allSettled([startMariaDb(), startFerretDb()]);
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    await Promise.allSettled(started.map((s) => s.stop()));
    const msg = failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n\n');
    throw new Error(`test servers failed to start:\n${msg}`);
  }
  const [my, mongo] = started as [TestServer, TestServer];

  project.provide('mysqlUrl', my.url);
  project.provide('mongoUrl', mongo.url);
  process.env[MYSQL_URL_ENV] = my.url;
  process.env[MONGO_URL_ENV] = mongo.url;
  // Cheap scrypt for the workers (and what they spawn) unless the run asks for another cost: a
  // production hash takes ~128 MiB and a good part of a second.
  process.env.TRIPDESK_PASSWORD_COST ??= 'test';

  if (process.env.TRIPDESK_TEST_SERVERS_VERBOSE === '1') {
    console.log(`[test servers] mariadb ${my.url}${my.external ? ' (external)' : ''}, ferretdb ${mongo.url}${mongo.external ? ' (external)' : ''} in ${Date.now() - t0} ms`);
  }

  return async () => {
    await Promise.allSettled([my.stop(), mongo.stop()]);
  };
}
