// Lint: typescript-eslint's recommended rules plus the architecture boundaries from server/ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['**/out/**', 'node_modules/**', '.tools/**', 'test-results/**', 'bench/.cache/**', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', performance: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The analysis core is pure: no editor, no transport, no Node built-ins. File reading happens at the edges.
    files: ['server/src/parse/**', 'server/src/rules/**', 'server/src/features/**', 'server/src/export/**', 'server/src/documents/**', 'server/src/service.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'The analysis core never imports the editor API.' },
          { name: 'vscode-languageserver', message: 'Only server.ts knows the connection; use vscode-languageserver-types.' },
          { name: 'vscode-languageserver/node', message: 'Only main.ts picks a runtime.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'The analysis core is pure: read files at the edges (server.ts, cli.ts).' })),
        ],
      }],
    },
  },
  {
    // The client knows nothing about events or rules.
    files: ['client/src/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '../../server/*'], message: 'The client imports nothing from server/.' }] }],
    },
  },
);
