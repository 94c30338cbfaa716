import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'net',
  'http',
  'https',
  'worker_threads',
  'stream',
  'buffer',
  'process',
  'url',
  'util',
  'events',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  prettier,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        crypto: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // core is pure and isomorphic: no Node-only modules, no upper layers.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'core must run in the browser: no Node-only imports.' },
            {
              group: ['**/ledger/**', '**/node/**', '**/cli/**', '**/web/**'],
              message: 'core imports nothing above it.',
            },
            { group: ['better-sqlite3', 'fastify', 'commander'], message: 'core does no I/O.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // ledger is deterministic: no I/O, no node layer, no clocks.
    files: ['src/ledger/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'ledger is deterministic: no I/O.' },
            {
              group: ['**/node/**', '**/cli/**', '**/web/**'],
              message: 'ledger imports only core.',
            },
            { group: ['better-sqlite3', 'fastify', 'commander'], message: 'ledger does no I/O.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'process',
        'Buffer',
        'require',
        'setTimeout',
        'setInterval',
        'fetch',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'ledger has no clock: use block time.' },
        { object: 'Math', property: 'random', message: 'ledger has no randomness.' },
      ],
    },
  },
  {
    // consensus is deterministic like ledger (decision 0009): clocks, randomness, storage and
    // signatures are passed in, so the simulator can replay a seed exactly.
    files: ['src/consensus/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'consensus is deterministic: no I/O.' },
            {
              group: ['**/identity/**', '**/wallet/**', '**/node/**', '**/cli/**', '**/web/**'],
              message: 'consensus imports only core and ledger.',
            },
            {
              group: ['better-sqlite3', 'fastify', 'commander', 'etcd3'],
              message: 'consensus does no I/O.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'process',
        'Buffer',
        'require',
        'setTimeout',
        'setInterval',
        'fetch',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'consensus has no clock: events carry now.' },
        { object: 'Math', property: 'random', message: 'consensus has no randomness: use a seed.' },
      ],
    },
  },
  {
    // identity and wallet are isomorphic too: they run in the phone's browser.
    files: ['src/identity/**/*.ts', 'src/wallet/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: nodeBuiltins,
              message: 'identity/wallet run in the browser: no Node-only imports.',
            },
            {
              group: ['**/node/**', '**/cli/**', '**/web/**'],
              message: 'no imports from layers above.',
            },
            {
              group: ['better-sqlite3', 'fastify', 'commander'],
              message: 'storage and HTTP are passed in.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // web runs in the browser (decision 0007): core, identity and wallet, nothing of the node.
    files: ['web/**/*.ts'],
    rules: {
      // TypeScript already checks names, the DOM's included (web/tsconfig.json).
      'no-undef': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'web runs in the browser: no Node-only imports.' },
            {
              group: ['**/src/node/**', '**/src/cli/**'],
              message: 'web calls the node over HTTP; it does not import it.',
            },
            {
              group: ['better-sqlite3', 'fastify', 'commander'],
              message: 'web does no I/O but fetch.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // Tests may read vectors from disk and cross-check against node:crypto.
    files: ['src/**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
);
