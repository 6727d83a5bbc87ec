import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Layers, as VS Code enforces them: a file's folder says what it may import.
 * shared ≈ common, main/core ≈ node, main/electron-main ≈ electron-main, main/electron-sandbox ≈ electron-sandbox, renderer ≈ browser.
 */
const noElectron = {
  paths: [{ name: 'electron', message: 'Only main/electron-main and main/electron-sandbox may import electron; keep this layer runnable under plain Node.' }],
  patterns: [{ group: ['electron/*', '@electron/*', 'electron-*'], message: 'Only main/electron-main and main/electron-sandbox may import Electron packages.' }],
};

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
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        ...noElectron,
        patterns: [...noElectron.patterns, { group: ['**/main/**', '**/renderer/**', 'node:*'], message: 'shared/ is the contract: it imports nothing from main, renderer or Node.' }],
      }],
    },
  },
  {
    files: ['main/core/**', 'main/bridge/**'],
    rules: {
      'no-restricted-imports': ['error', {
        ...noElectron,
        patterns: [...noElectron.patterns, { group: ['**/renderer/**', '**/main/electron-main/**', '**/main/electron-sandbox/**'], message: 'main/core and main/bridge never reach up into the shell or the UI.' }],
      }],
    },
  },
  {
    files: ['main/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        ...noElectron,
        patterns: [...noElectron.patterns, { group: ['**/renderer/**', '**/main/electron-main/**', '**/main/electron-sandbox/**', '**/main/bridge/**'], message: 'main/core is the bottom layer of main: it imports only shared/ and npm packages.' }],
      }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        ...noElectron,
        patterns: [...noElectron.patterns, { group: ['**/main/**', 'node:*', 'mysql2', 'mongodb', 'better-sqlite3'], message: 'The renderer knows only the contract in shared/.' }],
      }],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
