/**
 * A fault proxy in a child process of its own: for benchmarks, where a proxy in the measured
 * process would spend the measured process's event loop relaying every byte (on this 2-core VM it
 * was a third of the replay's CPU). Same controls as startFaultProxy, over the child's IPC channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rewriteUrlHostPort, startFaultProxy, targetFromUrl, type FaultProxy } from './faultProxy';

type Command = 'cut' | 'stall' | 'restore' | 'close';

export interface ProcessFaultProxy {
  readonly port: number;
  cut(): Promise<void>;
  stall(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
  proxyUrlFor(originalUrl: string): string;
}

export async function startFaultProxyProcess(targetUrl: string): Promise<ProcessFaultProxy> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve', targetUrl], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the fault proxy process ended (${code}) before listening`)));
  });
  let seq = 0;
  const send = (command: Command) => new Promise<void>((resolve, reject) => {
    if (!child.connected) return resolve();
    const id = ++seq;
    const onMessage = (m: unknown) => {
      const reply = m as { id: number; error?: string };
      if (reply.id !== id) return;
      child.off('message', onMessage);
      if (reply.error) reject(new Error(reply.error));
      else resolve();
    };
    child.on('message', onMessage);
    child.send({ id, command });
  });
  return {
    port,
    cut: () => send('cut'),
    stall: () => send('stall'),
    restore: () => send('restore'),
    async close() {
      await send('close').catch(() => undefined);
      child.kill();
    },
    proxyUrlFor: (url) => rewriteUrlHostPort(url, '127.0.0.1', port),
  };
}

async function serve(targetUrl: string): Promise<void> {
  const proxy: FaultProxy = await startFaultProxy(targetFromUrl(targetUrl));
  process.on('message', (m) => {
    const { id, command } = m as { id: number; command: Command };
    void (async () => {
      try {
        await proxy[command]();
        process.send?.({ id });
        if (command === 'close') process.disconnect();
      } catch (err) {
        process.send?.({ id, error: String((err as Error)?.message ?? err) });
      }
    })();
  });
  process.on('disconnect', () => void proxy.close().finally(() => process.exit(0)));
  process.send?.({ port: proxy.port });
}

if (process.argv[2] === '--serve' && process.argv[3]) void serve(process.argv[3]);
