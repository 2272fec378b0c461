// Lint rules that also guard the architecture: shared/ stays portable, plugin/ stays Node-free.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import i18next from 'eslint-plugin-i18next';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'net',
  'http',
  'https',
  'stream',
  'worker_threads',
];
const nodeOnly = [
  ...nodeBuiltins,
  ...nodeBuiltins.map((m) => `node:${m}`),
  'ws',
  'commander',
  '@napi-rs/canvas',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'coverage/**',
      'test-output/**',
      'node_modules/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly.map((name) => ({
            name,
            message: 'shared/ runs in UXP and Node: no Node-only imports.',
          })),
          patterns: [
            { group: ['**/companion/**', '**/plugin/**'], message: 'shared/ imports neither side.' },
          ],
        },
      ],
    },
  },
  {
    files: ['plugin/**/*.ts', 'plugin/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly
            .filter((n) => n !== 'fs')
            .map((name) => ({ name, message: 'plugin/ runs in UXP: no Node-only imports.' })),
          patterns: [
            { group: ['**/companion/**'], message: 'plugin/ talks to the companion over the protocol only.' },
          ],
        },
      ],
    },
  },
  {
    // Every word the panel shows comes from plugin/locales/ (issue #27): no literal text or label in JSX.
    files: ['plugin/ui/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'should-validate-template': true,
          // Codes passed to handlers and option values are not words shown to anyone.
          callees: { exclude: ['t', 'fromTimeline', 'edited', 'fieldLabel', 'onFieldChange', 'set'] },
          'object-properties': { exclude: ['value'] },
          words: { exclude: ['[0-9!-/:-@[-`{-~]+', '[A-Z_-]+', '[☑☐▾▸·×]+'] },
          'jsx-attributes': {
            exclude: [
              'className',
              'class',
              'style',
              'type',
              'key',
              'id',
              'width',
              'height',
              'testId',
              'data-testid',
              'data-.*',
              'variant',
              'role',
              'value',
              'src',
              'mime',
            ],
          },
        },
      ],
    },
  },
);
