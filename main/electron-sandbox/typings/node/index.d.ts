/**
 * Stands in for @types/node in the sandboxed preload. electron.d.ts starts with
 * `/// <reference types="node" />`, which would hand this folder all of Node's globals (Buffer,
 * require, process.cwd()…) although a sandboxed preload has none of them; main/electron-sandbox's
 * tsconfig points `typeRoots` here, so that reference resolves to this file instead (electron's
 * own uses of Node types go unchecked under skipLibCheck).
 *
 * What a sandboxed preload does get is a subset of `process`
 * (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts), declared below.
 */
interface SandboxedProcess {
  readonly platform: string;
  readonly arch: string;
  readonly pid: number;
  readonly argv: readonly string[];
  readonly execPath: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly version: string;
  readonly versions: { readonly node: string; readonly chrome: string; readonly electron: string; readonly [name: string]: string | undefined };
  readonly type: 'browser' | 'renderer' | 'service-worker' | 'worker' | 'utility';
  readonly sandboxed: boolean;
  readonly contextIsolated: boolean;
  readonly contextId?: string;
  readonly mas: boolean;
  readonly windowsStore: boolean;
  uptime(): number;
  getCreationTime(): number | null;
  getSystemVersion(): string;
  crash(): void;
  hang(): void;
}

declare const process: SandboxedProcess;
