/**
 * The harness's old entry point, kept only for files outside test/core that still import it
 * (test/bridge/bridge.test.ts, test/e2e/central/world.ts) and for test/core/contractGuards.test.ts.
 * New tests import ./testCore; once those move, this file goes.
 */
import { startTestCore, type TestCore, type TestCoreOptions } from './testCore';

export type EngineKind = 'sqlite' | 'central';

/** startTestCore under its old name, with the old names of the two modes. */
export function makeCore(kind: EngineKind, options: TestCoreOptions = {}): Promise<TestCore> {
  return startTestCore(kind === 'sqlite' ? 'standalone' : 'central', options);
}

export {
  addServerAgent, freshCentralServer, PASSWORD, signInAs, startDeviceCore,
  type CentralServer, type DeviceCore, type DeviceOptions, type TestCore,
} from './testCore';
