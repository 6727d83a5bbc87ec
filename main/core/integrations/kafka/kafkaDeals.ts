import type { LogFn } from '../../engine/logs';
/**
 * The deals pipeline's Kafka topic → `deal_events` (the record format: dealMessage.ts).
 *
 * Delivery: at least once into an idempotent store. Offsets are committed only after
 * `insertDeal` resolved for every record up to them; a store failure is retried in place
 * (the partition waits, heartbeats keep the group membership) and is never committed, so
 * after a stop, crash or rebalance the record comes again. Stored ids are `kafka:<eventId>`,
 * beside the local detector's `det:…`, so neither can overwrite the other.
 */
import { Kafka, logLevel, type Consumer, type EachBatchPayload, type KafkaMessage, type LogEntry } from 'kafkajs';
import type { DealDoc, DealStore } from '../../engine/deals';
import { parseDealMessage } from './dealMessage';

export type DealsLogFn = LogFn;

export interface DealsConsumerOptions {
  kafka: { brokers: string[]; topic: string; groupId: string };
  deals: DealStore;
  log: DealsLogFn;
  /** Called after a batch of records that stored new deals, with how many were new. */
  onNew?: (count: number) => void;
  /** Waits after a lost broker or a failed store write: doubling from min to max (default 1 s → 30 s). */
  backoff?: { minMs: number; maxMs: number };
  /** Group session timeout (default 30 s); a shorter one hands a dead console's partitions over sooner. */
  sessionTimeoutMs?: number;
  clientId?: string;
}

export interface DealsConsumer {
  /** Leaves the group and disconnects; what was written and not yet committed comes again next time. */
  stop(): Promise<void>;
}

/** At most this many records or this long between commits while a batch streams in. */
const COMMIT_EVERY_RECORDS = 100;
const COMMIT_EVERY_MS = 1_000;
/** A repeated kafkajs line (the same connection error on every retry) is logged once per this. */
const REPEAT_QUIET_MS = 60_000;

const nextOffset = (offset: string) => (BigInt(offset) + 1n).toString();
const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** kafkajs logs every retry of a lost connection as an error; ours says it once, as a warning. */
function kafkaLogCreator(log: DealsLogFn) {
  const lastSeen = new Map<string, number>();
  return () => ({ level, log: entry }: LogEntry) => {
    const now = Date.now();
    const text = `kafkajs: ${entry.message}`;
    const seen = lastSeen.get(text);
    if (seen !== undefined && now - seen < REPEAT_QUIET_MS) return;
    if (lastSeen.size > 200) lastSeen.clear();
    lastSeen.set(text, now);
    const extra: Record<string, unknown> = {};
    for (const k of ['broker', 'groupId', 'topic', 'error', 'retryCount'] as const) {
      if (entry[k] !== undefined) extra[k] = entry[k];
    }
    log(level === logLevel.INFO ? 'info' : 'warn', text, extra);
  };
}

/**
 * Starts consuming in the background and returns at once; a broker that is down or a topic
 * that does not exist yet is retried with backoff until stop().
 */
export function startDealsConsumer(opts: DealsConsumerOptions): DealsConsumer {
  const { topic, groupId, brokers } = opts.kafka;
  const { log, deals } = opts;
  const backoff = opts.backoff ?? { minMs: 1_000, maxMs: 30_000 };
  const sessionTimeout = opts.sessionTimeoutMs ?? 30_000;
  const kafka = new Kafka({
    clientId: opts.clientId ?? 'tripdesk-console',
    brokers,
    connectionTimeout: 3_000,
    // Few, short retries inside kafkajs: the loop below owns the long waits and says so in the log.
    retry: { initialRetryTime: 300, maxRetryTime: 3_000, retries: 3 },
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(log),
  });

  let stopped = false;
  let stopping: Promise<void> | undefined;
  // Every wait ends early on stop(): a consumer in a 30 s backoff must not hold shutdown.
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      sleepers.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    sleepers.add(wake);
  });
  let onStop: () => void = () => undefined;
  const stoppedSignal = new Promise<undefined>((resolve) => {
    onStop = () => resolve(undefined);
  });
  const delayFor = (attempt: number) => Math.min(backoff.maxMs, backoff.minMs * 2 ** Math.min(attempt, 20));
  let current: Consumer | null = null;
  // Read through a function: TypeScript cannot see the assignments made inside runOnce().
  const active = (): Consumer | null => current;
  let failures = 0;

  const eachBatch = (consumer: Consumer) => async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
    const { partition } = batch;
    const running = () => !stopped && isRunning() && !isStale();
    let uncommitted: string | null = null;
    let sinceCommit = 0;
    let lastCommit = Date.now();
    let newCount = 0;

    const commit = async () => {
      if (uncommitted === null) return;
      await consumer.commitOffsets([{ topic: batch.topic, partition, offset: uncommitted }]);
      uncommitted = null;
      sinceCommit = 0;
      lastCommit = Date.now();
    };

    /** true/false from the store; null when stopping before the write got through. */
    const store = async (deal: DealDoc, message: KafkaMessage): Promise<boolean | null> => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await deals.insertDeal(deal);
        } catch (err) {
          // What is already written should not wait behind this record for its commit.
          if (attempt === 0) await commit();
          const delay = delayFor(attempt);
          if ((attempt & (attempt - 1)) === 0) {
            log('warn', `deal ${deal.id} could not be stored; retrying in ${delay} ms, its offset stays uncommitted`, {
              topic: batch.topic, partition, offset: message.offset, attempt: attempt + 1, error: errText(err),
            });
          }
          // Sleep in slices so the group still hears from us; a rebalance throws out of
          // heartbeat() and the record goes, uncommitted, to whoever gets the partition.
          const until = Date.now() + delay;
          while (Date.now() < until) {
            if (!running()) return null;
            await sleep(Math.min(500, until - Date.now()));
            await heartbeat();
          }
          if (!running()) return null;
        }
      }
    };

    try {
      for (const message of batch.messages) {
        if (!running()) break;
        const parsed = parseDealMessage(message.value, Number(message.timestamp));
        if (parsed.ok) {
          const isNew = await store(parsed.deal, message);
          if (isNew === null) break;
          if (isNew) newCount++;
        } else {
          log('warn', `skipped a deals record that is not a deal: ${parsed.reason}`, { topic: batch.topic, partition, offset: message.offset });
        }
        resolveOffset(message.offset);
        uncommitted = nextOffset(message.offset);
        sinceCommit++;
        if (sinceCommit >= COMMIT_EVERY_RECORDS || Date.now() - lastCommit >= COMMIT_EVERY_MS) await commit();
        await heartbeat();
      }
      await commit();
    } finally {
      try {
        if (newCount > 0) opts.onNew?.(newCount);
      } catch (err) {
        log('warn', 'onNew listener failed', { error: errText(err) });
      }
    }
  };

  /** One consumer's life: resolves with why it ended (a crash), or undefined on stop(). */
  const runOnce = async (): Promise<Error | undefined> => {
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout,
      // Members learn of a rebalance from heartbeat answers, so not less often than kafkajs's 3 s.
      heartbeatInterval: Math.max(100, Math.min(3_000, Math.floor(sessionTimeout / 3))),
      allowAutoTopicCreation: false,
      // stop() waits for the fetch in flight: a short long-poll keeps quitting the app quick,
      // at the price of one idle fetch a second.
      maxWaitTimeInMs: 1_000,
      // A crash ends this consumer and the loop below makes a new one, after a logged backoff.
      retry: { initialRetryTime: 300, maxRetryTime: 3_000, retries: 3, restartOnFailure: () => Promise.resolve(false) },
    });
    current = consumer;
    const crashed = new Promise<Error>((resolve) => {
      consumer.on(consumer.events.CRASH, (e) => resolve(e.payload.error));
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (failures > 0) log('info', `deals consumer is back on ${topic}`, { groupId });
      failures = 0;
    });
    await consumer.connect();
    // A new group starts at the topic's oldest retained record: deals published before this
    // console first ran are still worth showing, and the store drops what it already has.
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    if (stopped) return undefined;
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: eachBatch(consumer) });
    return Promise.race([crashed, stoppedSignal]);
  };

  const loop = (async () => {
    log('info', `deals consumer starting on ${topic}`, { brokers, groupId });
    while (!stopped) {
      let why: unknown;
      try {
        why = await runOnce();
      } catch (err) {
        why = err;
      }
      const consumer = active();
      current = null;
      await consumer?.disconnect().catch(() => undefined);
      if (stopped) break;
      const delay = delayFor(failures++);
      log('warn', `deals consumer cannot read ${topic} (${errText(why)}); trying again in ${delay} ms`, { brokers, topic, groupId });
      await sleep(delay);
    }
  })();

  return {
    stop() {
      stopping ??= (async () => {
        stopped = true;
        onStop();
        for (const wake of [...sleepers]) wake();
        await active()?.disconnect().catch((err: unknown) => log('warn', 'deals consumer did not disconnect cleanly', { error: errText(err) }));
        await loop;
        log('info', 'deals consumer stopped', { topic, groupId });
      })();
      return stopping;
    },
  };
}
