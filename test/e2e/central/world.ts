/**
 * A central-mode world for the browser tests: a fresh MariaDB + FerretDB database pair with the
 * small fixture, an agent's device (core + loopback bridge) that reaches both servers through
 * fault proxies (so the line can be cut), and — on demand — a desk device wired straight to MySQL.
 *
 * Helpers only; no vitest hooks here (the test file owns the lifecycle).
 */
import fs from 'node:fs';
import type { Core } from '../../../main/core/host/core';
import { startBridge, type Bridge } from '../../../main/bridge/startBridge';
import type { MysqlDb } from '../../../main/core/engine/mysql/mysqlDb';
import type { ChannelName } from '../../../shared/contract';
import { addServerAgent, badInput, freshCentralServer, ok, startDeviceCore, type DeviceCore } from '../../support/testCore';
import { startFaultProxy, type FaultProxy } from '../../support/faultProxy';
import { GOOD_CARD, loadFixture, type Fixture } from '../../support/fixture';

export const AGENT_EMAIL = 'field.agent@tripdesk.test';
export const DESK_EMAIL = 'desk.agent@tripdesk.test';
export const PASSWORD = 'central-e2e-password';
export const TOKEN = 'central-e2e-token-0123456789';
export { GOOD_CARD };

export interface Device {
  core: Core;
  token: string;
  call<T>(channel: string, input: unknown): Promise<T>;
}

export interface CentralWorld {
  /** The store of record, for assertions (a direct connection, not through the proxies). */
  server: MysqlDb;
  fx: Fixture;
  mysqlUrl: string;
  mongoUrl: string;
  mysqlProxy: FaultProxy;
  mongoProxy: FaultProxy;
  /** The agent's device: its core talks to MySQL / Mongo through the proxies. */
  agent: Core;
  bridge: Bridge;
  /** Core log lines (warn and error), to print when something goes wrong. */
  logs: string[];
  /** Both proxies cut: every open connection reset, new ones reset at once. */
  cutLine(): Promise<void>;
  restoreLine(): Promise<void>;
  /** Another console, wired directly to the servers (never offline). */
  desk(): Promise<Device>;
  close(): Promise<void>;
}

/** A device's calls as one signed-in operator; a contract error fails the test (testCore's `ok`). */
function device(core: Core, token: string): Device {
  return {
    core, token,
    async call<T>(channel: string, input: unknown): Promise<T> {
      return (await ok(core, token, channel as ChannelName, badInput(input))) as T;
    },
  };
}

/**
 * Fresh databases with the fixture (flight DL 401 with `seats` seats, B6 23 on the same route with
 * 150, one customer), two agents, two fault proxies, and the agent's device + bridge on top.
 */
export async function startCentralWorld(opts: { staticDir: string; seats?: number; prefix?: string }): Promise<CentralWorld> {
  const { server, mysqlUrl, mongoUrl } = await freshCentralServer(opts.prefix ?? 'e2ec');
  const fx = await loadFixture({ kind: 'central', sql: server, docs: null as never, provisional: false }, { seats: opts.seats ?? 6 });
  await addServerAgent(server, AGENT_EMAIL, 'Field Agent', PASSWORD);
  await addServerAgent(server, DESK_EMAIL, 'Desk Agent', PASSWORD);
  const mysqlProxy = await startFaultProxy(mysqlUrl);
  const mongoProxy = await startFaultProxy(mongoUrl);

  const logs: string[] = [];
  const devices: DeviceCore[] = [];
  const startDevice = async (viaProxy: boolean, label: string): Promise<DeviceCore> => {
    const device = await startDeviceCore({ mysqlUrl, mongoUrl }, {
      prefix: `td-e2e-${label}-`,
      proxies: viaProxy ? { mysql: mysqlProxy, mongo: mongoProxy } : undefined,
      env: { TRIPDESK_MYSQL_QUERY_TIMEOUT_MS: '3000' },
      // The connectivity watcher is off: the agent drives sync with the banner's "Sync now"; going
      // offline is noticed when a call finds the servers gone.
      jobs: false,
      log: (level, msg, extra) => { if (level !== 'info') logs.push(`[${label}] ${level}: ${msg}${extra ? ` ${JSON.stringify(extra)}` : ''}`); },
    });
    devices.push(device);
    return device;
  };

  const agent = (await startDevice(true, 'agent')).core;
  if (agent.mode() !== 'online') throw new Error(`the agent's device did not come up online:\n${logs.join('\n')}`);
  const bridge = await startBridge({ core: agent, port: 0, token: TOKEN, staticDir: opts.staticDir });

  return {
    server, fx, mysqlUrl, mongoUrl, mysqlProxy, mongoProxy, agent, bridge, logs,
    async cutLine() {
      await mysqlProxy.cut();
      await mongoProxy.cut();
    },
    async restoreLine() {
      await mysqlProxy.restore();
      await mongoProxy.restore();
    },
    async desk() {
      const desk = await startDevice(false, 'desk');
      return device(desk.core, await desk.signIn(DESK_EMAIL, PASSWORD));
    },
    async close() {
      await bridge.close().catch(() => undefined);
      for (const d of devices.reverse()) await d.core.close().catch(() => undefined);
      await mysqlProxy.close();
      await mongoProxy.close();
      await server.close().catch(() => undefined);
      for (const d of devices) fs.rmSync(d.dir, { recursive: true, force: true });
    },
  };
}
