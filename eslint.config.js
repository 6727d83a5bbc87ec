import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';

/**
 * Layers, as VS Code enforces them: a file's folder says what it may import.
 * shared ≈ common, main/core ≈ node, main/electron-main ≈ electron-main, main/electron-sandbox ≈ electron-sandbox, renderer ≈ browser.
 */
const noElectron = {
  paths: [{ name: 'electron', message: 'Only main/electron-main and main/electron-sandbox may import electron; keep this layer runnable under plain Node.' }],
  patterns: [{ group: ['electron/*', '@electron/*', 'electron-*'], message: 'Only main/electron-main and main/electron-sandbox may import Electron packages.' }],
};

/** The renderer's fence. Restated in every block that matches renderer files: a later block's options replace it. */
const rendererImports = {
  ...noElectron,
  patterns: [...noElectron.patterns, { group: ['**/main/**', 'node:*', 'mysql2', 'mongodb', 'better-sqlite3-multiple-ciphers'], message: 'The renderer knows only the contract in shared/.' }],
};

/**
 * The feature fence: a file in renderer/features/<X>/ imports only renderer/client/, renderer/ui/,
 * its own folder and shared/ (plus npm packages). Features never import each other or renderer/app;
 * the app composes them and client/ carries what they share (state, routes, slots). Imports are
 * relative, so the patterns count `../`: one block per feature and per folder depth inside it.
 */
const featuresDir = new URL('./renderer/features/', import.meta.url);
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const up = (n) => `^(?:\\.\\./){${n}}`;

/** How many folders down inside a feature its files sit: 0 for the feature's own folder. */
const depthsIn = (feature) => new Set([0, ...readdirSync(new URL(`${feature}/`, featuresDir), { recursive: true })
  .map((p) => String(p).split(/[\\/]/).length - 1)]);

function featureFences() {
  return readdirSync(featuresDir, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap(({ name }) => {
    const x = escapeRegex(name);
    return [...depthsIn(name)].map((depth) => ({
      files: [`renderer/features/${name}/${'*/'.repeat(depth)}*`],
      rules: {
        'no-restricted-imports': ['error', {
          ...rendererImports,
          patterns: [
            ...rendererImports.patterns,
            { regex: `${up(depth + 1)}(?!\\.\\./|${x}(?:/|$))`, message: `renderer/features/${name} may not import another feature: share the piece through renderer/client/ (state, routes, slots) or renderer/ui/ (components).` },
            { regex: `${up(depth + 2)}(?!\\.\\./|client(?:/|$)|ui(?:/|$)|features/${x}(?:/|$))`, message: 'In renderer/, a feature imports only renderer/client/ and renderer/ui/: renderer/app composes the features, not the other way round.' },
            { regex: `${up(depth + 3)}(?!shared(?:/|$))`, message: 'Outside renderer/, a feature imports only shared/.' },
          ],
        }],
      },
    }));
  });
}

/**
 * The layers below the renderer. Our imports are relative, so a pattern for "reaches folder F"
 * is some `../` (or `./`) followed by whatever of F's path is left after the climb: from
 * main/core/ops/x/y.ts, main/core/device is `../../device`, `../../../core/device` or
 * `../../../../main/core/device`. `except` lists paths under F that stay allowed.
 */
function reaching(folder, except = []) {
  const parts = folder.split('/');
  const last = parts.pop();
  const head = parts.reduce((inner, part) => `(?:${inner}${escapeRegex(part)}/)?`, '');
  const tail = except.length ? `(?:/(?!(?:${except.map(escapeRegex).join('|')})$)|$)` : '(?:/|$)';
  return `^(?:\\./|(?:\\.\\./)+)${head}${escapeRegex(last)}${tail}`;
}

const banned = (folder, message, except) => ({ regex: reaching(folder, except), message });
const drivers = ['mysql2', 'mongodb', 'better-sqlite3-multiple-ciphers'];
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));

/**
 * One `no-restricted-imports` entry with everything a folder may not import. A later block's
 * options for the same rule replace an earlier one's, so every block states its whole fence:
 * build them with this, never by hand.
 */
const fence = ({ paths = [], patterns = [] }) => ['error', { paths: [...noElectron.paths, ...paths], patterns: [...noElectron.patterns, ...patterns] }];

/** main/core as a whole: plain Node under every host, so nothing from the hosts, the UI or tools/. */
const coreWide = [
  banned('renderer', 'main/core never imports the renderer: the UI talks to it only through the contract.'),
  banned('main/bridge', 'main/core never imports main/bridge: the bridge is one of its hosts.'),
  banned('main/electron-main', 'main/core never imports main/electron-main: the shell is one of its hosts.'),
  banned('main/electron-sandbox', 'main/core never imports the preload.'),
  banned('tools', 'main/core never imports tools/: the hosts pass the demo seeder in (CoreOptions.seedDemo).'),
];

/**
 * Inside main/core, a stack: engine → ops → integrations → device → host; a folder imports the
 * ones before it (and shared/, config.ts), never one after it. ops sees only engine's interfaces
 * (engine/*.ts), never an engine implementation or a driver: the use cases run on either engine.
 */
const aboveEngine = {
  ops: 'engine/ is the storage layer: it never imports the use cases (ops/).',
  integrations: 'engine/ never imports integrations/ (they sit above ops/).',
  device: 'engine/ never imports device/ (sync sits above the use cases).',
  host: 'engine/ never imports host/ (composition and dispatch are the top of main/core).',
};
const engineImplementations = ['mysql', 'mongo', 'sqlite'].map((impl) => banned(`main/core/engine/${impl}`, `ops/ sees only engine/'s interfaces (engine/*.ts), not engine/${impl}: the use cases run on either engine, and host/ picks one.`));
const driverPaths = (who) => drivers.map((name) => ({ name, message: `${who} never touches a database driver: that is engine/'s job.` }));
const driverPatterns = (who) => [{ group: drivers.map((name) => `${name}/*`), message: `${who} never touches a database driver: that is engine/'s job.` }];

function layerFences() {
  const shared = {
    paths: [
      ...nodeBuiltins.map((name) => ({ name, message: 'shared/ runs in main, the preload and the renderer alike: no Node modules.' })),
      ...driverPaths('shared/'),
    ],
    patterns: [
      { group: ['node:*'], message: 'shared/ runs in main, the preload and the renderer alike: no Node modules.' },
      ...driverPatterns('shared/'),
      ...['main', 'renderer', 'tools', 'test', 'bench', 'scripts'].map((folder) => banned(folder, `shared/ is the bottom layer: it imports nothing from ${folder}/.`)),
    ],
  };
  /** The two hosts outside main/core see only its public entry (host/core) and config.ts. */
  const coreEntry = (host) => banned('main/core', `${host} uses main/core through its public entry (main/core/host/core) and main/core/config only.`, ['config', 'host/core']);
  const electronMain = (toolsExcept) => [
    banned('renderer', 'main/electron-main serves the renderer\'s build; it never imports its code.'),
    banned('main/electron-sandbox', 'main/electron-main never imports the preload: it is a separate bundle, named by path.'),
    banned('main/bridge', 'main/electron-main never imports the web bridge: both are hosts of main/core.'),
    coreEntry('main/electron-main'),
    banned('tools', 'Only the entry (main/electron-main/main.ts) imports tools/, and only the demo seeder it hands to main/core.', toolsExcept),
  ];
  const bridge = (toolsExcept) => [
    banned('renderer', 'main/bridge serves the renderer\'s build; it never imports its code.'),
    banned('main/electron-main', 'main/bridge never imports the Electron shell: both are hosts of main/core.'),
    banned('main/electron-sandbox', 'main/bridge never imports the preload.'),
    coreEntry('main/bridge'),
    banned('tools', 'Only the entry (main/bridge/serve.ts) imports tools/, and only the demo seeder it hands to main/core.', toolsExcept),
  ];
  return [
    { files: ['shared/**'], rules: { 'no-restricted-imports': fence(shared) } },
    { files: ['main/core/**'], rules: { 'no-restricted-imports': fence({ patterns: coreWide }) } },
    { files: ['main/core/*'], rules: { 'no-restricted-imports': fence({ patterns: [...coreWide, { regex: '^\\./', message: 'config.ts is the leaf of main/core that every layer may import: it imports nothing from main/core.' }] }) } },
    {
      files: ['main/core/engine/**'],
      rules: { 'no-restricted-imports': fence({ patterns: [...coreWide, ...Object.entries(aboveEngine).map(([folder, message]) => banned(`main/core/${folder}`, message))] }) },
    },
    {
      files: ['main/core/ops/**'],
      rules: {
        'no-restricted-imports': fence({
          paths: driverPaths('ops/'),
          patterns: [
            ...coreWide,
            ...engineImplementations,
            ...driverPatterns('ops/'),
            banned('main/core/integrations', 'ops/ never imports integrations/: it declares the port (e.g. ops/payments/paymentGateway.ts) and host/ passes the implementation in the context.'),
            banned('main/core/device', 'ops/ never imports device/: sync runs the use cases, not the other way round.'),
            banned('main/core/host', 'ops/ never imports host/: the handler table and dispatch call the use cases.'),
          ],
        }),
      },
    },
    {
      files: ['main/core/integrations/**'],
      rules: {
        'no-restricted-imports': fence({
          patterns: [
            ...coreWide,
            banned('main/core/device', 'integrations/ never imports device/: device/ sits above it.'),
            banned('main/core/host', 'integrations/ never imports host/: host/ wires the integrations in.'),
          ],
        }),
      },
    },
    { files: ['main/core/device/**'], rules: { 'no-restricted-imports': fence({ patterns: [...coreWide, banned('main/core/host', 'device/ never imports host/: host/ composes the sync loop and passes in what it needs (e.g. the dispatch that replay goes through).')] }) } },
    // main/core/host/** may import all of main/core: the main/core/** block is its whole fence.
    { files: ['main/bridge/**'], rules: { 'no-restricted-imports': fence({ patterns: bridge() }) } },
    { files: ['main/bridge/serve.ts'], rules: { 'no-restricted-imports': fence({ patterns: bridge(['seed/seedDemo']) }) } },
    // Electron is what these two are for, so they start from no path bans, not from noElectron.
    { files: ['main/electron-main/**'], rules: { 'no-restricted-imports': ['error', { patterns: electronMain() }] } },
    { files: ['main/electron-main/main.ts'], rules: { 'no-restricted-imports': ['error', { patterns: electronMain(['seed/seedDemo']) }] } },
    {
      files: ['main/electron-sandbox/**'],
      rules: {
        'no-restricted-imports': ['error', {
          patterns: [{ regex: '^(?!electron$|\\./|(?:\\.\\./)+shared(?:/|$))', message: 'The sandboxed preload imports only \'electron\' (its renderer-side modules) and shared/: no Node, no npm packages, nothing else from main/.' }],
        }],
      },
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'docs/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' }],
    },
  },
  ...layerFences(),
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererImports],
    },
  },
  ...featureFences(),
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
