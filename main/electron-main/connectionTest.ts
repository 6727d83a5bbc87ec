import { MongoClient } from 'mongodb';
import mysql from 'mysql2/promise';
import type { ConnectionTestResult } from '../../shared/desktop';

export type Probe = (url: string) => Promise<void>;

const TIMEOUT_MS = 5000;

export const probeMysql: Probe = async (url) => {
  const conn = await mysql.createConnection({ uri: url, connectTimeout: TIMEOUT_MS });
  try {
    await conn.ping();
  } finally {
    await conn.end().catch(() => undefined);
  }
};

export const probeMongo: Probe = async (url) => {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: TIMEOUT_MS, connectTimeoutMS: TIMEOUT_MS });
  try {
    await client.connect();
    await client.db().command({ ping: 1 });
  } finally {
    await client.close().catch(() => undefined);
  }
};

/** Tries both servers at once; messages pass through `clean` (the redactor) before they leave. */
export async function testConnections(
  urls: { mysqlUrl: string | null; mongoUrl: string | null },
  clean: (text: string) => string,
  probes: { mysql: Probe; mongo: Probe } = { mysql: probeMysql, mongo: probeMongo },
): Promise<ConnectionTestResult> {
  const run = async (url: string | null, probe: Probe, name: string) => {
    if (!url) return { ok: false, message: `No ${name} URL is set.` };
    try {
      await probe(url);
      return { ok: true, message: `${name} answered.` };
    } catch (err) {
      return { ok: false, message: clean(`${name}: ${(err as Error)?.message ?? String(err)}`) };
    }
  };
  const [my, mongo] = await Promise.all([run(urls.mysqlUrl, probes.mysql, 'MySQL'), run(urls.mongoUrl, probes.mongo, 'MongoDB')]);
  return { ok: my.ok && mongo.ok, mysql: my, mongo };
}
