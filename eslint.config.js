// Lint rules, including the design's boundaries between parts of the extension (design.md §2).
// Boundaries are import-path patterns per folder: no resolver plugin needed (the usual one pulls
// platform binaries that a registry mirror may not carry, which breaks `npm ci`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const POLYFILL = {
  name: 'webextension-polyfill',
  message: 'Import `browser` from src/shared/browser.ts: the one seam for extension APIs.',
};
/** A pattern matching a relative import that reaches into one of `folders` of src/. */
const into = (folders) => `(^|/)(${folders.join('|')})(/|$)`;
const VIEWS = ['ui', 'popup', 'sidebar', 'options', 'onboarding', 'content'];

/** The no-restricted-imports rule for files that may not import from `folders`. */
function boundary(folders, message, extra = []) {
  return [
    'error',
    {
      paths: [POLYFILL],
      patterns: [{ regex: into(folders), message }, ...extra],
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'extension/',
      'dist/',
      'bin/',
      '.profile/',
      'test/fixtures/',
      'test-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': ['error', { paths: [POLYFILL] }],
    },
  },
  {
    files: ['src/provider/**'],
    rules: {
      'no-restricted-imports': boundary(
        ['shared', 'background', 'cli', ...VIEWS],
        'provider/ imports nothing of the extension: it runs in Node too.',
      ),
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': boundary(
        ['background', 'cli', ...VIEWS],
        'shared/ is imported by everyone and imports none of them.',
      ),
    },
  },
  {
    files: ['src/content/**', 'src/ui/**'],
    rules: {
      'no-restricted-imports': boundary(
        ['background', 'cli'],
        'Views and content scripts talk to the worker by messages, never by import.',
        [
          {
            // provider/entities is a leaf with no imports: the one entity decoder of the project.
            regex: '(^|/)provider(/(?!types$|entities$)|$)',
            message:
              'content/ and ui/ may import only provider types (provider/types) and provider/entities.',
          },
        ],
      ),
    },
  },
  {
    files: ['src/popup/**', 'src/sidebar/**', 'src/options/**', 'src/onboarding/**'],
    rules: {
      'no-restricted-imports': boundary(
        ['background', 'cli'],
        'Views talk to the worker by messages, never by import.',
      ),
    },
  },
  {
    files: ['src/shared/browser.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
