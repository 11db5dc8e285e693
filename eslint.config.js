// Lint in CI (`npm test` runs `npm run lint` first): typescript-eslint's recommended rules,
// imports sorted (built-ins, packages, then the project's own), Prettier's formatting checked
// by `prettier --check` (eslint-config-prettier turns off the rules it owns).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'neo4j/', 'fixtures/', 'bench/results/', '.data/', 'test-artefacts/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      'simple-import-sort/imports': ['error', { groups: [['^\\u0000'], ['^node:'], ['^@?\\w'], ['^\\.']] }],
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Input checks match control characters on purpose (names, ids, terminal output).
      'no-control-regex': 'off',
    },
  },
  { files: ['explorer/src/**'], languageOptions: { globals: { ...globals.browser } } },
  prettier,
);
