/**
 * The deals consumer against a real Kafka-protocol broker (franz-go's kfake, test/kafka-broker),
 * with kafkajs on both sides: what lands in the store and which offsets the group commits.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Admin, type Producer } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDealsConsumer, type DealsConsumer, type DealsLogFn } from '../../../main/core/integrations/kafka/kafkaDeals';
import { MongoDeals } from '../../../main/core/engine/mongo/mongoDeals';
import type { DealDoc, DealFilter, DealStore } from '../../../main/core/engine/deals';
import { startKafka, type KafkaBroker } from '../../support/kafka';
import { ok, startTestCore } from '../../support/testCore';
import { getFreePort, LOOPBACK } from '../../support/ports';
import { freshMongoUrl, uniqueDbName } from '../../support/servers';

/** A DealStore that records every call and can be told to fail for some ids. */
class MemoryDeals implements DealStore {
  readonly docs = new Map<string, DealDoc>();
  readonly calls: Array<{ id: string; result: boolean | 'failed' }> = [];
  readonly failing = new Set<string>();

  insertDeal(deal: DealDoc): Promise<boolean> {
    if (this.failing.has(deal.id)) {
      this.calls.push({ id: deal.id, result: 'failed' });
      return Promise.reject(new Error('deal_events is unreachable'));
    }
    const isNew = !this.docs.has(deal.id);
    if (isNew) this.docs.set(deal.id, deal);
    this.calls.push({ id: deal.id, result: isNew });
    return Promise.resolve(isNew);
  }

  listDeals(f: DealFilter): Promise<DealDoc[]> {
    return Promise.resolve([...this.docs.values()].filter((d) => !f.kind || d.kind === f.kind).slice(0, f.limit));
  }
}

interface LogLine { level: string; msg: string; extra: Record<string, unknown> | undefined }

async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const deal = (eventId: string, over: Record<string, unknown> = {}) => ({
  eventId, kind: 'flight', key: 'route:JFK-LAX', targetId: 4711, title: 'UA 512 JFK → LAX', day: '2026-03-14',
  priceCents: 18_900, referenceCents: 27_000, ts: '2026-03-01T09:30:00Z', ...over,
});

let broker: KafkaBroker;
let client: Kafka;
let admin: Admin;
let producer: Producer;
const consumers: DealsConsumer[] = [];

beforeAll(async () => {
  broker = await startKafka();
  client = new Kafka({ clientId: 'tripdesk-test', brokers: broker.brokers, logLevel: logLevel.NOTHING });
  admin = client.admin();
  producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await Promise.all([admin.connect(), producer.connect()]);
});

afterAll(async () => {
  await Promise.allSettled([admin?.disconnect(), producer?.disconnect()]);
  await broker?.stop();
});

afterEach(async () => {
  await Promise.all(consumers.splice(0).map((c) => c.stop()));
});

async function newTopic(partitions = 1): Promise<string> {
  const topic = `deals-${randomUUID().slice(0, 8)}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  return topic;
}

async function produce(topic: string, values: Array<string | object>, partitionOf: (i: number) => number = () => 0): Promise<void> {
  await producer.send({
    topic,
    messages: values.map((v, i) => ({ partition: partitionOf(i), value: typeof v === 'string' ? v : JSON.stringify(v) })),
  });
}

async function committed(groupId: string, topic: string): Promise<Record<number, string>> {
  try {
    const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries((t?.partitions ?? []).map((p) => [p.partition, p.offset]));
  } catch (err) {
    // kfake answers GROUP_ID_NOT_FOUND until the group's first join, where Kafka says "no offsets".
    if ((err as { type?: string }).type === 'GROUP_ID_NOT_FOUND') return {};
    throw err;
  }
}

function consume(topic: string, groupId: string, deals: DealStore, brokers = broker.brokers) {
  const logs: LogLine[] = [];
  const log: DealsLogFn = (level, msg, extra) => logs.push({ level, msg, extra });
  let newCount = 0;
  const consumer = startDealsConsumer({
    kafka: { brokers, topic, groupId },
    deals,
    log,
    onNew: (n) => {
      newCount += n;
    },
    backoff: { minMs: 50, maxMs: 400 },
    sessionTimeoutMs: 6_000,
  });
  consumers.push(consumer);
  return { consumer, logs, newCount: () => newCount };
}

describe('the deals consumer on a real Kafka broker', () => {
  it('stores every deal the pipeline publishes, across partitions, and commits to the end', async () => {
    const topic = await newTopic(3);
    const group = `g-${randomUUID()}`;
    const store = new MemoryDeals();
    const n = 60;
    await produce(topic, Array.from({ length: n }, (_, i) => deal(`ev-${i}`, { targetId: i + 1 })), (i) => i % 3);

    const { newCount } = consume(topic, group, store);
    await waitFor(`${n} deals stored`, () => store.docs.size === n);
    await waitFor('offsets committed on all partitions', async () => {
      const c = await committed(group, topic);
      return c[0] === '20' && c[1] === '20' && c[2] === '20';
    });
    expect(newCount()).toBe(n);

    const first = store.docs.get('kafka:ev-0');
    expect(first).toMatchObject({
      eventType: 'deal', kind: 'flight', key: 'route:JFK-LAX', targetId: 1, day: '2026-03-14',
      priceCents: 18_900, referenceCents: 27_000, discountPct: 30, source: 'kafka',
    });
    expect(first?.ts.toISOString()).toBe('2026-03-01T09:30:00.000Z');
  });

  it('the same event delivered twice is one deal, and both offsets are committed', async () => {
    const topic = await newTopic();
    const group = `g-${randomUUID()}`;
    const store = new MemoryDeals();
    await produce(topic, [deal('dup-1'), deal('dup-1', { title: 'a later copy' })]);

    const { newCount } = consume(topic, group, store);
    await waitFor('both copies handled', () => store.calls.length === 2);
    expect(store.calls).toEqual([{ id: 'kafka:dup-1', result: true }, { id: 'kafka:dup-1', result: false }]);
    expect(store.docs.size).toBe(1);
    expect(store.docs.get('kafka:dup-1')?.title).toBe('UA 512 JFK → LAX');
    await waitFor('offset 2 committed', async () => (await committed(group, topic))[0] === '2');
    expect(newCount()).toBe(1);
  });

  it('a deal the store cannot take is not committed, and comes again after a restart', async () => {
    const topic = await newTopic();
    const group = `g-${randomUUID()}`;
    const store = new MemoryDeals();
    store.failing.add('kafka:e-2');
    await produce(topic, [deal('e-1'), deal('e-2'), deal('e-3')]);

    const first = consume(topic, group, store);
    await waitFor('e-2 failed at least twice', () => store.calls.filter((c) => c.result === 'failed').length >= 2);
    expect(store.docs.has('kafka:e-1')).toBe(true);
    // Nothing after the failing record is written or committed past it: order within the partition holds.
    expect(store.docs.has('kafka:e-3')).toBe(false);
    await waitFor('offset 1 (after e-1) committed', async () => (await committed(group, topic))[0] === '1');
    expect(first.logs.some((l) => l.level === 'warn' && l.msg.includes('kafka:e-2 could not be stored'))).toBe(true);

    await first.consumer.stop();
    expect((await committed(group, topic))[0]).toBe('1');

    store.failing.clear();
    consume(topic, group, store);
    await waitFor('e-2 and e-3 stored after the restart', () => store.docs.has('kafka:e-2') && store.docs.has('kafka:e-3'));
    await waitFor('offset 3 committed', async () => (await committed(group, topic))[0] === '3');
    // Restarted from the committed offset: e-1 was not handed to the store again.
    expect(store.calls.filter((c) => c.id === 'kafka:e-1')).toHaveLength(1);
  });

  it('a malformed record is logged and skipped; the records after it still arrive', async () => {
    const topic = await newTopic();
    const group = `g-${randomUUID()}`;
    const store = new MemoryDeals();
    await produce(topic, [
      deal('ok-1'),
      'not json at all {',
      { eventId: 'no-price', kind: 'flight' },
      deal('too-dear', { priceCents: 30_000 }),
      deal('bad-kind', { kind: 'train' }),
      deal('ok-2', { day: null, ts: undefined, discountPct: 12.5 }),
    ]);

    const { logs } = consume(topic, group, store);
    await waitFor('ok-2 stored', () => store.docs.has('kafka:ok-2'));
    await waitFor('offset 6 committed', async () => (await committed(group, topic))[0] === '6');
    expect([...store.docs.keys()].sort()).toEqual(['kafka:ok-1', 'kafka:ok-2']);

    const skipped = logs.filter((l) => l.msg.startsWith('skipped a deals record'));
    expect(skipped.map((l) => l.extra?.offset)).toEqual(['1', '2', '3', '4']);
    expect(skipped[0]?.msg).toContain('not JSON');
    expect(skipped[2]?.msg).toContain('priceCents');
    expect(skipped[3]?.msg).toContain('kind');

    const ok2 = store.docs.get('kafka:ok-2');
    expect(ok2).toMatchObject({ day: null, discountPct: 12.5 });
    // No ts in the message: the record's own timestamp, i.e. about now.
    expect(Math.abs((ok2?.ts.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('keeps trying while the broker is down and consumes once it is up', async () => {
    const port = await getFreePort();
    const store = new MemoryDeals();
    const group = `g-${randomUUID()}`;
    const topic = 'deals';
    const { logs } = consume(topic, group, store, [`${LOOPBACK}:${port}`]);
    await waitFor('a logged retry', () => logs.some((l) => l.msg.includes('trying again in')));

    const late = await startKafka({ port, topics: [topic] });
    try {
      const lateClient = new Kafka({ clientId: 'tripdesk-test-late', brokers: late.brokers, logLevel: logLevel.NOTHING });
      const lateProducer = lateClient.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await lateProducer.connect();
      await lateProducer.send({ topic, messages: [{ value: JSON.stringify(deal('late-1')) }] });
      await lateProducer.disconnect();
      await waitFor('late-1 stored', () => store.docs.has('kafka:late-1'));
      await Promise.all(consumers.splice(0).map((c) => c.stop()));
    } finally {
      await late.stop();
    }
  });
});

describe('the deals consumer writing to MongoDB (FerretDB)', () => {
  let mongo: MongoClient;
  beforeAll(async () => {
    mongo = new MongoClient(freshMongoUrl(inject('mongoUrl'), uniqueDbName('td_deals')));
    await mongo.connect();
  });
  afterAll(async () => {
    await mongo?.db().dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('a redelivered event is one document in deal_events', async () => {
    const topic = await newTopic();
    const group = `g-${randomUUID()}`;
    const store = new MongoDeals(mongo.db());
    await produce(topic, [deal('m-1'), deal('m-2', { kind: 'hotel', key: 'hotel:12', targetId: 12 }), deal('m-1')]);

    consume(topic, group, store);
    await waitFor('offset 3 committed', async () => (await committed(group, topic))[0] === '3');
    expect(await mongo.db().collection('deal_events').countDocuments()).toBe(2);
    const listed = await store.listDeals({ limit: 10 });
    expect(listed.map((d) => d.id).sort()).toEqual(['kafka:m-1', 'kafka:m-2']);
    expect((await store.listDeals({ kind: 'hotel', limit: 10 }))[0]).toMatchObject({ key: 'hotel:12', targetId: 12, source: 'kafka' });
  });
});

describe('the deals pipeline in a running console', () => {
  it('shows a pipeline deal in deals.list and tells the console there is something new', async () => {
    const topic = await newTopic();
    const t = await startTestCore('standalone', { jobs: true, env: { TRIPDESK_KAFKA_BROKERS: broker.brokers.join(','), TRIPDESK_KAFKA_TOPIC: topic, TRIPDESK_KAFKA_GROUP: `console-${topic}` } });
    try {
      const news: number[] = [];
      t.core.subscribe((event, payload) => { if (event === 'deals.new') news.push((payload as { count: number }).count); });
      const { agent } = t.tokens;
      await producer.send({ topic, messages: [{ key: 'route:JFK-LAX', value: JSON.stringify(deal('console-1', { title: 'Pipeline fare JFK → LAX' })) }] });
      await waitFor('the deal in deals.list', async () => {
        const page = await ok(t, agent, 'deals.list', { kind: 'flight' });
        return page.items.some((d) => d.title === 'Pipeline fare JFK → LAX' && d.source === 'kafka');
      });
      // The event follows the write (after the batch's offsets are committed): wait for it too.
      await waitFor('the deals.new event', async () => news.length > 0);
      expect(news.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    } finally {
      await t.close();
    }
  });
});
