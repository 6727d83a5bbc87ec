import type { Collection } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { AuditWriter } from '../../../main/core/engine/mongo/auditWriter';

interface Doc { _id: string }

/** A stand-in for the logs collection: unique _id, and a switch that makes the server "away". */
function fakeCollection() {
  const stored = new Map<string, Doc>();
  const calls: number[] = [];
  let away = false;
  const collection = {
    async insertMany(docs: Doc[]) {
      calls.push(docs.length);
      if (away) throw Object.assign(new Error('connection refused'), { name: 'MongoNetworkError' });
      const writeErrors: Array<{ code: number }> = [];
      for (const d of docs) {
        if (stored.has(d._id)) writeErrors.push({ code: 11000 });
        else stored.set(d._id, d);
      }
      if (writeErrors.length > 0) throw Object.assign(new Error('E11000 duplicate key'), { code: 11000, writeErrors });
      return { insertedCount: docs.length };
    },
  };
  return { stored, calls, setAway: (v: boolean) => { away = v; }, collection: () => collection as unknown as Collection<Doc> };
}

describe('AuditWriter (audit entries behind the request)', () => {
  it('writes entries appended together in one batch, and flush() waits for them', async () => {
    const f = fakeCollection();
    const w = new AuditWriter<Doc>(f.collection, () => undefined);
    for (let i = 0; i < 10; i++) await w.append({ _id: `op${i}` });
    expect(f.stored.size).toBe(0);
    await w.flush();
    expect(f.stored.size).toBe(10);
    expect(f.calls).toEqual([10]);
  });

  it('treats a duplicate id as an entry already written (a replayed op)', async () => {
    const f = fakeCollection();
    const w = new AuditWriter<Doc>(f.collection, () => undefined);
    await w.append({ _id: 'a' });
    await w.flush();
    await w.append({ _id: 'a' });
    await w.append({ _id: 'b' });
    await w.flush();
    expect([...f.stored.keys()].sort()).toEqual(['a', 'b']);
  });

  it('keeps entries while the server is away, logs it, and writes them once it is back', async () => {
    const f = fakeCollection();
    const warnings: string[] = [];
    const w = new AuditWriter<Doc>(f.collection, (_level, msg) => warnings.push(msg));
    f.setAway(true);
    await w.append({ _id: 'x' });
    await w.flush(); // bounded: returns although nothing could be written
    expect(f.stored.size).toBe(0);
    expect(warnings.length).toBeGreaterThan(0);
    f.setAway(false);
    await w.append({ _id: 'y' });
    await w.close();
    expect([...f.stored.keys()].sort()).toEqual(['x', 'y']);
  });
});
