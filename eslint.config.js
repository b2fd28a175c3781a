// Lint is part of `npm test`. Besides the usual rules it enforces the layering of ARCHITECTURE.md:
// dependencies point one way, and only src-main/electron may import electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Bare built-in names are matched exactly (as paths); 'node:*' as a pattern.
const NODE = Symbol('node built-ins');
const restrict = (message, ...groups) => {
  const withNode = groups.includes(NODE);
  const patterns = groups.filter((g) => g !== NODE);
  if (withNode) patterns.push(['node:*']);
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: withNode ? builtinModules.map((name) => ({ name, message })) : [],
        patterns: patterns.map((group) => ({ group, message })),
      },
    ],
  };
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'coverage/**', 'test-results/**', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    ignores: ['src-main/electron/**'],
    rules: restrict('Only src-main/electron may import electron.', ['/electron', '/electron/*']),
  },
  {
    files: ['src-shared/**'],
    rules: restrict(
      'src-shared runs anywhere: no Node built-ins, DOM-only, electron or app-layer imports.',
      NODE,
      ['/electron', '/electron/*', 'react', 'react-dom', 'better-sqlite3', 'pg', '@electric-sql/*'],
      ['**/src-main/**', '**/src-server/**', '**/src-renderer/**'],
    ),
  },
  {
    files: ['src-renderer/**'],
    rules: restrict(
      'The renderer talks to the core only through the typed contract in src-shared.',
      NODE,
      ['/electron', '/electron/*', 'better-sqlite3', 'pg', '@electric-sql/*'],
      ['**/src-main/**', '**/src-server/**'],
    ),
  },
  {
    files: ['src-main/core/**', 'src-main/host/**'],
    rules: restrict(
      'The core is plain Node: no electron, no renderer, no server internals.',
      ['/electron', '/electron/*'],
      ['**/src-renderer/**', '**/src-server/**', '**/src-main/electron/**'],
    ),
  },
  {
    files: ['src-server/**'],
    rules: restrict(
      'The sync server depends only on src-shared.',
      ['/electron', '/electron/*'],
      ['**/src-main/**', '**/src-renderer/**'],
    ),
  },
);
