import { MongoClient } from 'mongodb';
import mysql from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { rewriteUrlHostPort, startFaultProxy, targetFromUrl, type FaultProxy } from './faultProxy';
import { createMysqlDatabase, freshMongoUrl, uniqueDbName } from './servers';

const within = <T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(() => resolve('timeout'), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });

describe('url helpers', () => {
  it('rewrites host:port and keeps everything else', () => {
    expect(rewriteUrlHostPort('mysql://root:pw@10.0.0.5:3306/db?x=1', '127.0.0.1', 9)).toBe('mysql://root:pw@127.0.0.1:9/db?x=1');
    expect(rewriteUrlHostPort('mongodb://127.0.0.1:27017/', '127.0.0.1', 9)).toBe('mongodb://127.0.0.1:9/');
    expect(rewriteUrlHostPort('mongodb://h', '127.0.0.1', 9)).toBe('mongodb://127.0.0.1:9');
    expect(() => rewriteUrlHostPort('mongodb://a:1,b:2/', 'x', 1)).toThrow(/multi-host/);
  });

  it('parses targets from URLs', () => {
    expect(targetFromUrl('mysql://root@127.0.0.1:41234/x')).toEqual({ host: '127.0.0.1', port: 41234 });
    expect(targetFromUrl('mongodb://db.example')).toEqual({ host: 'db.example', port: 27017 });
    expect(targetFromUrl('mysql://u@[::1]:5/')).toEqual({ host: '::1', port: 5 });
  });
});

describe('fault proxy in front of MariaDB', () => {
  let proxy: FaultProxy;
  let dbUrl: string;
  let viaProxy: string;
  const open: mysql.Connection[] = [];
  const connect = async (): Promise<mysql.Connection> => {
    const c = await mysql.createConnection({ uri: viaProxy, connectTimeout: 2_000 });
    c.on('error', () => undefined); // fatal errors surface on the pending query
    open.push(c);
    return c;
  };
  const one = async (c: mysql.Connection): Promise<number> => {
    const [rows] = await c.query<mysql.RowDataPacket[]>('SELECT 1 AS one');
    return rows[0]?.one as number;
  };

  beforeAll(async () => {
    dbUrl = await createMysqlDatabase(inject('mysqlUrl'), uniqueDbName('proxy'));
    proxy = await startFaultProxy(dbUrl);
    viaProxy = proxy.proxyUrlFor(dbUrl);
  });
  afterEach(async () => {
    await proxy.restore();
    for (const c of open.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('forwards queries', async () => {
    expect(viaProxy).toBe(dbUrl.replace(/:\d+\//, `:${proxy.port}/`));
    const c = await connect();
    expect(await one(c)).toBe(1);
    expect(proxy.activeConnections).toBe(1);
  });

  it('cut() kills open connections and resets new ones; restore() lets new ones through', async () => {
    const c = await connect();
    expect(await one(c)).toBe(1);
    await proxy.cut();
    expect(proxy.mode).toBe('cut');
    await expect(one(c)).rejects.toThrow();
    await expect(connect()).rejects.toThrow();
    await proxy.restore();
    expect(await one(await connect())).toBe(1);
  });

  it('cut({ refuse: true }) refuses new connections until restore()', async () => {
    await proxy.cut({ refuse: true });
    await expect(connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.restore();
    expect(await one(await connect())).toBe(1);
  });

  it('stall() holds bytes without closing; restore() delivers them', async () => {
    const c = await connect();
    expect(await one(c)).toBe(1);
    await proxy.stall();
    const pending = one(c);
    expect(await within(pending, 500)).toBe('timeout');
    // New connections hang in the handshake rather than failing.
    const fresh = mysql.createConnection({ uri: viaProxy, connectTimeout: 20_000 });
    expect(await within(fresh, 300)).toBe('timeout');
    await proxy.restore();
    expect(await pending).toBe(1);
    const c2 = await fresh;
    open.push(c2);
    expect(await one(c2)).toBe(1);
  });
});

describe('fault proxy in front of FerretDB', () => {
  it('cut() makes operations fail and restore() recovers with the same client', async () => {
    const url = freshMongoUrl(inject('mongoUrl'), uniqueDbName('proxy'));
    const proxy = await startFaultProxy(url);
    const client = new MongoClient(proxy.proxyUrlFor(url), { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
    try {
      await client.connect();
      const col = client.db().collection('c');
      await col.insertOne({ n: 1 });
      await proxy.cut();
      await expect(col.findOne({ n: 1 })).rejects.toThrow();
      await proxy.restore();
      // The driver reconnects on its own once the network is back.
      let doc: unknown;
      for (let i = 0; i < 20 && !doc; i++) {
        doc = await col.findOne({ n: 1 }).catch(() => undefined);
      }
      expect(doc).toMatchObject({ n: 1 });
    } finally {
      await client.close(true);
      await proxy.close();
    }
  });
});
