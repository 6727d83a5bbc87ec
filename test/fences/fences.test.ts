/**
 * The fences (STYLE.md, "Fences the tools enforce") are only as good as the files they refuse:
 * each one is fed a probe that breaks it, and a control that it must let through, so this fails
 * both when a fence is down and when it is in the way of legitimate code.
 *
 * The probes sit at real paths inside the layer folders but never on disk: ESLint gets them with
 * lintText({ filePath }), the compiler through a host that serves them from memory. Other runs of
 * eslint, tsc or vitest going on at the same time in the repo never see them, and there is nothing
 * to clean up if this test dies half way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** An absolute path, with the forward slashes the compiler uses. */
const at = (rel: string) => path.join(root, rel).split(path.sep).join('/');

// ---------------------------------------------------------------------------------------------
// Imports: eslint's no-restricted-imports, per folder.

interface ImportProbe {
  /** Where the importing file sits, relative to the repo. */
  file: string;
  refused: string[];
  allowed: string[];
}

const P = '__fence_probe__.ts';

const importProbes: ImportProbe[] = [
  {
    file: `main/core/engine/${P}`,
    refused: ['../ops/context', '../device/outbox', '../host/dispatch', '../integrations/kafka/kafkaDeals', '../../bridge/startBridge', 'electron'],
    allowed: ['./sql', './documents', './sqlite/sqliteDb', '../config', '../../../shared/contract', 'mysql2/promise', 'mongodb'],
  },
  {
    file: `main/core/engine/sqlite/${P}`,
    refused: ['../../ops/context', '../../device/mirror'],
    allowed: ['../sql', './sqliteDb', '../../../../shared/time', 'better-sqlite3-multiple-ciphers'],
  },
  {
    file: `main/core/ops/${P}`,
    refused: ['../device/outbox', '../host/handlers', '../integrations/payments/testGateway', '../engine/sqlite/sqliteDb', 'mysql2'],
    allowed: ['./context', '../engine/sql', '../config'],
  },
  {
    file: `main/core/ops/bookings/${P}`,
    refused: [
      '../../device/outbox',
      '../../host/handlers',
      '../../host/appLog',
      '../../integrations/payments/testGateway',
      '../../engine/mysql/mysqlDb',
      '../../engine/mongo/mongoDocuments',
      '../../engine/sqlite/sqliteDb',
      'mysql2',
      'mysql2/promise',
      'mongodb',
      'better-sqlite3-multiple-ciphers',
      'electron',
      '../../../../renderer/client/router',
    ],
    allowed: ['../../engine/sql', '../../engine/documents', '../../config', '../context', '../payments/paymentGateway', '../../../../shared/contract', 'zod'],
  },
  {
    file: `main/core/integrations/payments/${P}`,
    refused: ['../../device/outbox', '../../host/core', '../../host/dispatch', 'electron'],
    allowed: ['../../ops/payments/paymentGateway', '../../engine/sql', '../../config', '../../../../shared/contract', '../kafka/dealMessage', 'node:crypto', 'kafkajs'],
  },
  {
    file: `main/core/device/${P}`,
    refused: ['../host/handlers', '../host/dispatch', '../../electron-main/ipc', 'electron'],
    allowed: ['./outbox', '../engine/sqlite/sqliteDb', '../engine/mysql/mysqlDb', '../ops/context', '../integrations/payments/testGateway', '../config', 'mongodb'],
  },
  {
    file: `main/core/host/${P}`,
    refused: ['electron', 'electron-log', '../../bridge/startBridge', '../../electron-main/ipc', '../../electron-sandbox/preload', '../../../renderer/client/router', '../../../tools/seed/seedDemo'],
    allowed: ['../device/syncCoordinator', '../engine/mysql/mysqlDb', '../ops/context', '../integrations/kafka/kafkaDeals', './dispatch', '../config', 'mongodb'],
  },
  {
    // beside config.ts: the leaf of main/core
    file: `main/core/${P}`,
    refused: ['./ops/context', './engine/sql', 'electron'],
    allowed: ['node:path', '../../shared/time'],
  },
  {
    file: `shared/${P}`,
    refused: ['node:fs', 'fs', 'fs/promises', 'path', 'crypto', 'os', '../main/core/config', '../renderer/client/router', '../tools/seed/prng', '../test/support/ports', 'mysql2', 'better-sqlite3-multiple-ciphers', 'electron'],
    allowed: ['./contract', './time', 'zod', 'uuid'],
  },
  {
    file: `shared/contract/${P}`,
    refused: ['../../main/core/config', 'node:crypto'],
    allowed: ['./primitives', '../time', 'zod'],
  },
  {
    file: `main/bridge/${P}`,
    refused: ['electron', '../core/ops/context', '../core/engine/sql', '../core/device/outbox', '../electron-main/ipc', '../../renderer/app/App', '../../tools/seed/seedDemo'],
    allowed: ['../core/host/core', '../core/config', '../../shared/contract', '../../shared/csp', './startBridge', 'ws', 'node:http'],
  },
  {
    // the bridge's entry hands the demo seeder to main/core, and that is all it takes from tools/
    file: 'main/bridge/serve.ts',
    refused: ['../../tools/seed/generate', '../core/ops/auth/passwords'],
    allowed: ['../../tools/seed/seedDemo', '../core/host/core'],
  },
  {
    file: `main/electron-main/${P}`,
    refused: ['../core/ops/context', '../core/device/outbox', '../core/engine/sqlite/sqliteDb', '../bridge/startBridge', '../electron-sandbox/preload', '../../renderer/app/App', '../../tools/seed/seedDemo'],
    allowed: ['electron', 'electron-log', 'electron-updater', '../core/host/core', '../core/config', '../../shared/ipcChannels', './csp', 'node:fs'],
  },
  {
    file: 'main/electron-main/main.ts',
    refused: ['../../tools/seed/generate', '../core/ops/auth/passwords'],
    allowed: ['../../tools/seed/seedDemo', './launch'],
  },
  {
    file: `main/electron-sandbox/${P}`,
    refused: ['node:fs', 'fs', 'zod', 'electron-log', '../electron-main/ipc', '../core/config', '../../renderer/client/router'],
    allowed: ['electron', '../../shared/ipcChannels', '../../shared/desktop', './bridgeApi'],
  },
];

describe('the import fences (eslint no-restricted-imports)', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: root });
  });

  const restricted = async (file: string, source: string) => {
    const [result] = await eslint.lintText(source, { filePath: at(file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.fatal);
  };

  it.each(importProbes)('$file: refuses what its layer may not import, lets the rest through', async ({ file, refused, allowed }) => {
    const got: Record<string, string> = {};
    for (const spec of [...refused, ...allowed]) {
      // a bare import and a type-only one: types couple layers just as much
      for (const source of [`import '${spec}';\n`, `import type {} from '${spec}';\n`]) {
        const messages = await restricted(file, source);
        got[`${source.trim()}`] = messages.length === 0 ? 'allowed' : messages[0]!.fatal ? `fatal: ${messages[0]!.message}` : 'refused';
      }
    }
    const want = Object.fromEntries([
      ...refused.flatMap((spec) => [[`import '${spec}';`, 'refused'], [`import type {} from '${spec}';`, 'refused']]),
      ...allowed.flatMap((spec) => [[`import '${spec}';`, 'allowed'], [`import type {} from '${spec}';`, 'allowed']]),
    ]);
    expect(got).toEqual(want);
  });

  it('re-exports are fenced too', async () => {
    expect(await restricted(`main/core/ops/${P}`, "export { x } from '../device/outbox';\n")).toHaveLength(1);
    expect(await restricted(`main/core/engine/${P}`, "export * from '../ops/context';\n")).toHaveLength(1);
  });

  it('each fence says why', async () => {
    const [message] = await restricted(`main/core/ops/${P}`, "import '../device/outbox';\n");
    expect(message?.message).toMatch(/ops\/ never imports device\//);
  });
});

// ---------------------------------------------------------------------------------------------
// Global types: one tsconfig per layer, each with its runtime's lib and types only.

interface TypeProbe {
  /** Where the probe sits, relative to the repo. */
  file: string;
  source: string;
  /** A piece of the diagnostic it must get; null for a control, which must get none. */
  refusedWith: RegExp | null;
}

interface Layer {
  /** The config `npm run typecheck` runs for these folders. */
  config: string;
  /** The layer's folders: each one's nearest tsconfig.json must give the same fence. */
  folders: string[];
  probes: TypeProbe[];
}

const notFound = (name: string) => new RegExp(`Cannot find name '${name}'`);

const layers: Layer[] = [
  {
    config: 'shared/tsconfig.json',
    folders: ['shared'],
    probes: [
      { file: 'shared/__fence_probe_buffer__.ts', source: "export const b = Buffer.from('x');\n", refusedWith: notFound('Buffer') },
      { file: 'shared/__fence_probe_process__.ts', source: 'export const e = process.env.HOME;\n', refusedWith: notFound('process') },
      { file: 'shared/__fence_probe_node_fs__.ts', source: "import fs from 'node:fs';\nexport const r = fs.readFileSync;\n", refusedWith: /Cannot find module 'node:fs'/ },
      { file: 'shared/__fence_probe_window__.ts', source: 'export const w = window.location.href;\n', refusedWith: notFound('window') },
      { file: 'shared/contract/__fence_probe_document__.ts', source: 'export const t = document.title;\n', refusedWith: notFound('document') },
      {
        file: 'shared/__fence_probe_control__.ts',
        source: "import { z } from 'zod';\nexport const last = [1, 2].findLast((n) => n > 0);\nexport const bytes = crypto.getRandomValues(new Uint8Array(4));\nexport const S = z.string();\n",
        refusedWith: null,
      },
    ],
  },
  {
    config: 'renderer/tsconfig.json',
    folders: ['renderer'],
    probes: [
      { file: 'renderer/__fence_probe_process__.ts', source: 'export const e = process.env.NODE_ENV;\n', refusedWith: notFound('process') },
      { file: 'renderer/features/__fence_probe_buffer__.ts', source: "export const b = Buffer.from('x');\n", refusedWith: notFound('Buffer') },
      { file: 'renderer/client/__fence_probe_require__.ts', source: "export const m = require('node:fs');\n", refusedWith: notFound('require') },
      {
        file: 'renderer/ui/__fence_probe_control__.tsx',
        source: "import { useState } from 'react';\nexport const t = document.title + window.location.href;\nexport function C() {\n  const [n] = useState(0);\n  return <p>{n}</p>;\n}\n",
        refusedWith: null,
      },
    ],
  },
  {
    config: 'tsconfig.node.json',
    folders: ['main/core', 'main/bridge', 'tools'],
    probes: [
      { file: 'main/core/__fence_probe_document__.ts', source: 'export const t = document.title;\n', refusedWith: notFound('document') },
      { file: 'main/core/ops/__fence_probe_window__.ts', source: 'export const w = window.innerWidth;\n', refusedWith: notFound('window') },
      { file: 'main/core/engine/__fence_probe_storage__.ts', source: "export const s = localStorage.getItem('k');\n", refusedWith: notFound('localStorage') },
      { file: 'main/bridge/__fence_probe_document__.ts', source: 'export const t = document.cookie;\n', refusedWith: notFound('document') },
      { file: 'tools/seed/__fence_probe_window__.ts', source: 'export const w = window.name;\n', refusedWith: notFound('window') },
      {
        file: 'main/core/__fence_probe_control__.ts',
        source: "import path from 'node:path';\nexport const home = process.env.HOME ?? path.sep;\nexport const b = Buffer.from('x');\nexport const u = new URL('http://x/').host + crypto.randomUUID();\n",
        refusedWith: null,
      },
    ],
  },
  {
    config: 'main/electron-main/tsconfig.json',
    folders: ['main/electron-main'],
    probes: [
      { file: 'main/electron-main/__fence_probe_document__.ts', source: 'export const t = document.title;\n', refusedWith: notFound('document') },
      { file: 'main/electron-main/__fence_probe_body__.ts', source: 'export type B = BodyInit;\n', refusedWith: notFound('BodyInit') },
      {
        file: 'main/electron-main/__fence_probe_control__.ts',
        source: "import { app } from 'electron';\nexport const dir = () => app.getPath('userData') + process.cwd() + Buffer.from('x').length;\n",
        refusedWith: null,
      },
    ],
  },
  {
    config: 'main/electron-sandbox/tsconfig.json',
    folders: ['main/electron-sandbox'],
    probes: [
      { file: 'main/electron-sandbox/__fence_probe_buffer__.ts', source: "import 'electron';\nexport const b = Buffer.from('x');\n", refusedWith: notFound('Buffer') },
      { file: 'main/electron-sandbox/__fence_probe_cwd__.ts', source: "import 'electron';\nexport const d = process.cwd();\n", refusedWith: /Property 'cwd' does not exist/ },
      { file: 'main/electron-sandbox/__fence_probe_require__.ts', source: "import 'electron';\nexport const m = require('node:fs');\n", refusedWith: notFound('require') },
      { file: 'main/electron-sandbox/__fence_probe_dirname__.ts', source: "import 'electron';\nexport const d = __dirname;\n", refusedWith: notFound('__dirname') },
      {
        file: 'main/electron-sandbox/__fence_probe_control__.ts',
        source:
          "import { contextBridge, ipcRenderer } from 'electron';\nexport const os = process.platform + process.versions.electron;\nexport const call = () => ipcRenderer.invoke('x');\ncontextBridge.exposeInMainWorld('k', { t: document.title });\n",
        refusedWith: null,
      },
    ],
  },
];

function parseConfig(rel: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(at(rel), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${rel}`);
  expect(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  return parsed;
}

/** Parsed lib and type files, shared by the programs below (they differ in options, not in files). */
const sourceFiles = new Map<string, ts.SourceFile | undefined>();

/** Whether a file of the layer adds globals: a declaration file, or a module with `declare global`. */
const addsGlobals = (file: string) => file.endsWith('.d.ts') || /\bdeclare\s+global\b/.test(fs.readFileSync(file, 'utf8'));

/**
 * The probes checked with the layer's options, as if they were in the layer. The layer's files
 * that add globals come along, as `include` brings them into `tsc -p`; its other modules are left
 * out, which changes nothing for the globals and saves the time of checking the whole layer
 * (`npm run typecheck` does that).
 */
function diagnosticsOf(layer: Layer): Map<string, string[]> {
  const parsed = parseConfig(layer.config);
  const probes = new Map(layer.probes.map((p) => [at(p.file), p.source]));
  const host = ts.createCompilerHost(parsed.options, true);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => probes.has(f) || fileExists.call(host, f);
  host.readFile = (f) => probes.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, version, onError, create) => {
    const probe = probes.get(f);
    if (probe !== undefined) return ts.createSourceFile(f, probe, version, true);
    const key = `${f}\0${JSON.stringify(version)}`;
    if (!sourceFiles.has(key)) sourceFiles.set(key, getSourceFile.call(host, f, version, onError, create));
    return sourceFiles.get(key);
  };
  const ambient = parsed.fileNames.filter(addsGlobals);
  const program = ts.createProgram({ rootNames: [...probes.keys(), ...ambient], options: parsed.options, host });
  const out = new Map<string, string[]>();
  for (const probe of layer.probes) {
    const sf = program.getSourceFile(at(probe.file));
    if (!sf) throw new Error(`${probe.file} did not make it into the program`);
    const found = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    out.set(probe.file, found.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')));
  }
  const global = program.getGlobalDiagnostics().map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  out.set('(global)', global);
  return out;
}

const walk = (dir: string): string[] =>
  fs.readdirSync(at(dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });

describe('the global-type fences (a tsconfig per layer)', () => {
  it.each(layers)('$config refuses the other runtimes\' globals and lets its own through', (layer) => {
    const got = diagnosticsOf(layer);
    expect(got.get('(global)')).toEqual([]);
    for (const probe of layer.probes) {
      const messages = got.get(probe.file) ?? [];
      if (probe.refusedWith === null) expect(messages, probe.file).toEqual([]);
      else expect(messages.some((m) => probe.refusedWith!.test(m)), `${probe.file}: ${JSON.stringify(messages)}`).toBe(true);
    }
  }, 90_000);

  it.each(layers)('$config covers its folders, and the editor finds the same fence there', (layer) => {
    const fence = parseConfig(layer.config).options;
    const included = new Set(parseConfig(layer.config).fileNames);
    for (const folder of layer.folders) {
      const missing = walk(folder).filter((f) => !included.has(at(f)));
      expect(missing, `${layer.config} leaves files of ${folder} out`).toEqual([]);
      const nearest = ts.findConfigFile(at(folder), ts.sys.fileExists);
      expect(nearest, folder).toBeDefined();
      const editor = parseConfig(path.relative(root, nearest!)).options;
      expect({ lib: editor.lib, types: editor.types, typeRoots: editor.typeRoots }, `${folder}'s tsconfig.json`).toEqual({ lib: fence.lib, types: fence.types, typeRoots: fence.typeRoots });
    }
  });

  it('npm run typecheck runs every layer config, and the one for test/, bench/ and scripts/', () => {
    const script = (JSON.parse(fs.readFileSync(at('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.typecheck ?? '';
    const run = [...script.matchAll(/tsc --noEmit -p (\S+)/g)].map((m) => {
      const p = m[1]!;
      return p.endsWith('.json') ? p : `${p}/tsconfig.json`;
    });
    expect(run).toEqual(expect.arrayContaining([...layers.map((l) => l.config), 'tsconfig.json']));
  });
});
