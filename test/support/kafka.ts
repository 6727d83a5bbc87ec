/**
 * A throwaway Kafka broker for tests: test/kafka-broker (franz-go's kfake, real Kafka wire
 * protocol, in memory), built by `npm run test-servers` into ~/.cache/tripdesk/bin/tripdesk-kafka.
 *
 *   const kafka = await startKafka({ topics: ['deals'], partitions: 1 });
 *   ... kafka.brokers ...   // ['127.0.0.1:41234']
 *   await kafka.stop();
 *
 * A missing or stale binary is an error, never a skip: run `npm run test-servers`.
 * Like servers.ts this must not import from 'vitest'.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants as fsConstants, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOOPBACK } from './ports';

const INSTALL_HINT = 'Run `npm run test-servers` (scripts/install-test-servers.sh) to build it.';
const BIN_ENV = 'TRIPDESK_KAFKA_BIN';
const SOURCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'kafka-broker');
const READY_RE = /^tripdesk-kafka ready (\S+):(\d+)$/m;

export interface KafkaBroker {
  /** `host:port` list for kafkajs (one broker). */
  readonly brokers: string[];
  readonly host: string;
  readonly port: number;
  /** Last lines of the broker's output. */
  logTail(): string;
  /** Kill the broker (its data is gone: kfake keeps everything in memory). Idempotent. */
  stop(): Promise<void>;
}

export interface KafkaOptions {
  /** Topics created at start (default none). */
  topics?: string[];
  /** Partitions of each topic (default 1). */
  partitions?: number;
  /**
   * Listen on this port instead of one the OS picks; lets a test stop the broker and
   * start a new one where its clients will look.
   */
  port?: number;
  /** How long to wait for the ready line (default 15 s). */
  startTimeoutMs?: number;
}

function kafkaBinary(): string {
  const fromEnv = process.env[BIN_ENV];
  const bin = fromEnv || path.join(os.homedir(), '.cache', 'tripdesk', 'bin', 'tripdesk-kafka');
  try {
    accessSync(bin, fsConstants.X_OK);
  } catch {
    throw new Error(`Kafka test broker not found: ${bin} is not an executable file${fromEnv ? ` (from ${BIN_ENV})` : ''}. ${INSTALL_HINT}`);
  }
  if (!fromEnv) assertBuiltFromCurrentSources(bin);
  return bin;
}

/** Same hash as scripts/install-test-servers.sh writes beside the binary. */
function assertBuiltFromCurrentSources(bin: string): void {
  const hash = createHash('sha256');
  for (const f of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(path.join(SOURCE_DIR, f)));
  const want = hash.digest('hex');
  let have = '';
  try {
    have = readFileSync(`${bin}.src-sha256`, 'utf8').trim();
  } catch {
    /* no stamp: treated as stale */
  }
  if (have !== want) {
    throw new Error(`Kafka test broker ${bin} was not built from the current test/kafka-broker sources. ${INSTALL_HINT}`);
  }
}

export async function startKafka(opts: KafkaOptions = {}): Promise<KafkaBroker> {
  const bin = kafkaBinary();
  const args = ['-port', String(opts.port ?? 0), '-partitions', String(opts.partitions ?? 1)];
  if (opts.topics && opts.topics.length > 0) args.push('-topic', opts.topics.join(','));
  const timeoutMs = opts.startTimeoutMs ?? 15_000;

  // stdin stays a pipe we never write to: if this process dies without stop(), the pipe
  // closes and the broker exits by itself, so no watchdog is needed.
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const onData = (c: Buffer): void => {
    output = (output + c.toString()).slice(-32 * 1024);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const logTail = (): string => output.split('\n').slice(-40).join('\n').trimEnd();
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`code ${code}, signal ${signal}`));
    child.once('error', (e) => resolve(`spawn error: ${e.message}`));
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      child.stdin.destroy();
    })();
    return stopping;
  };

  const ready = await new Promise<{ host: string; port: number } | string>((resolve) => {
    const timer = setTimeout(() => resolve(`no ready line within ${timeoutMs} ms`), timeoutMs);
    const check = (): void => {
      const m = READY_RE.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve({ host: m[1]!, port: Number(m[2]) });
      }
    };
    child.stdout.on('data', check);
    void exited.then((how) => {
      clearTimeout(timer);
      resolve(`exited during startup (${how})`);
    });
  });
  if (typeof ready === 'string') {
    await stop();
    throw new Error(`Kafka test broker ${ready}.\ncommand: ${bin} ${args.join(' ')}\n--- output tail ---\n${logTail()}`);
  }
  if (ready.host !== LOOPBACK) {
    await stop();
    throw new Error(`Kafka test broker listens on ${ready.host}, expected ${LOOPBACK}`);
  }

  // Tests hold the broker through stop(); it must not keep a finished worker alive.
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void }).unref?.();

  return { brokers: [`${ready.host}:${ready.port}`], host: ready.host, port: ready.port, logTail, stop };
}
