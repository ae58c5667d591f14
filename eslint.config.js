// Lint rules, including the design's boundaries between parts of the extension (design.md §2).
// Boundaries are import-path patterns per folder: no resolver plugin needed (the usual one pulls
// platform binaries that a registry mirror may not carry, which breaks `npm ci`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

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

const SRC = resolve(import.meta.dirname, 'src');
const VIEW_FOLDERS = ['ui', 'popup', 'sidebar', 'options', 'onboarding', 'panel'];

/** The file a relative import names, as the bundler finds it (the extension may be left out). */
function resolveImport(fromFile, spec) {
  const base = resolve(dirname(fromFile), spec);
  const tries = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((end) => base + end);
  return tries.find((path) => existsSync(path) && !path.endsWith('/')) ?? base;
}

/**
 * Zones that a folder pattern cannot draw: `src/background/sidebar.ts` is the worker's own file,
 * `../sidebar` from a subfolder of src/background is too, so an import is judged by the file it
 * resolves to. Options: `deny` (folders of src/ it may not reach), `denyTsx` (no view component
 * wherever it lives), `only` (the folders of src/ it may reach; bare imports only `node:`).
 */
const zones = {
  meta: { type: 'problem', schema: [{ type: 'object' }] },
  create(context) {
    const { deny = [], denyTsx = false, only, message } = context.options[0] ?? {};
    function check(node) {
      const spec = node.source?.value;
      if (typeof spec !== 'string') return;
      if (!spec.startsWith('.')) {
        if (only && !spec.startsWith('node:')) context.report({ node, message });
        return;
      }
      const target = resolveImport(context.filename, spec);
      const folder = relative(SRC, target).split(/[\\/]/)[0];
      const bad =
        deny.includes(folder) ||
        (denyTsx && target.endsWith('.tsx')) ||
        (only !== undefined && !only.includes(folder));
      if (bad) context.report({ node, message });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

const local = { rules: { zones } };

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
    // Type-aware rules for the habits the code already follows by hand: an un-awaited promise is
    // `void`ed on purpose, no promise where a void callback is expected, every union case handled.
    // A chosen subset, not recommendedTypeChecked: these three find bugs; the rest is style.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    // Only the two classic rules: the React Compiler rules of v7's preset are about a compiler
    // this Preact project does not use.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
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
    files: ['src/background/**'],
    plugins: { local },
    rules: {
      'local/zones': [
        'error',
        {
          deny: VIEW_FOLDERS,
          denyTsx: true,
          message: 'background/ never imports a view: views talk to the worker by messages.',
        },
      ],
    },
  },
  {
    files: ['src/cli/**'],
    plugins: { local },
    rules: {
      'local/zones': [
        'error',
        {
          only: ['cli', 'provider'],
          message: 'cli/ is a client of the library: it imports only provider/ and node: modules.',
        },
      ],
    },
  },
  {
    files: ['src/shared/browser.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
