// Lint rules, including the design's boundaries between parts of the extension.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'extension/', 'dist/', 'bin/', '.profile/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'webextension-polyfill',
              message:
                'Import `browser` from src/shared/browser.ts: the one seam for extension APIs.',
            },
          ],
        },
      ],
      // The design's boundaries (design.md §2): who may import whom.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/provider',
              from: [
                './src/shared',
                './src/background',
                './src/ui',
                './src/popup',
                './src/sidebar',
                './src/options',
                './src/onboarding',
                './src/content',
                './src/cli',
              ],
              message: 'provider/ imports nothing of the extension: it runs in Node too.',
            },
            {
              target: [
                './src/content',
                './src/ui',
                './src/popup',
                './src/sidebar',
                './src/options',
                './src/onboarding',
              ],
              from: './src/background',
              message: 'Views and content scripts talk to the worker by messages, never by import.',
            },
            {
              target: ['./src/content', './src/ui'],
              from: './src/provider',
              except: ['./types.ts'],
              message: 'content/ and ui/ may import only provider types.',
            },
            {
              target: './src/shared',
              from: [
                './src/background',
                './src/ui',
                './src/popup',
                './src/sidebar',
                './src/options',
                './src/content',
              ],
              message: 'shared/ is imported by everyone and imports none of them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/browser.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
