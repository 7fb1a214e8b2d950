// @ts-check
// One ESLint configuration for every workspace (`npm run lint`). Its rules are
// about bugs; layout is Prettier's, and eslint-config-prettier, last, switches
// off every rule that would argue with it.
//
// typescript-eslint's type-aware sets are not on everywhere: across all
// workspaces they took over two and a half minutes on a two-core machine, and
// most of what they reported was `any` from supertest bodies and jest mocks.
// The server code, where an unawaited promise loses an error or a write, gets
// the three type-aware rules that catch that.
import eslint from '@eslint/js';
import angular from 'angular-eslint';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/coverage/',
    '**/.tptm-data/',
    '**/.cache/',
    'admin-web/.angular/',
    // Written by `npm run generate` and checked by `npm run check:generated` instead.
    'sdk/src/generated/',
    'openapi.json',
  ]),
  {
    // A disable comment that no longer disables anything is dead code.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['**/*.{ts,js,mjs,cjs}'],
    extends: [eslint.configs.recommended, tseslint.configs.recommended],
    rules: {
      // A `_` prefix marks a parameter or binding that is unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `== null` is the one loose comparison meant: null or undefined.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-self-compare': 'error',
      // '${name}' in quotes is a template literal that lost its backticks.
      'no-template-curly-in-string': 'error',
    },
  },
  {
    // Node.js scripts, examples and tool configuration.
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['api/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // A secret that carries permissions (an API key, an invitation link) is minted only by a Grant, which only the
    // grant check makes (api/src/authz/grants.ts): no operation can hand one out without it. Sessions and password
    // resets are secrets of the account's own, minted where they are kept.
    files: ['api/src/**/*.ts'],
    ignores: ['api/src/authz/grants.ts', 'api/src/auth/sessions.service.ts', 'api/src/auth/password-reset.service.ts', 'api/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api-keys/key-format'],
              importNames: ['generateApiKey'],
              message: 'Mint a key with Grant.authorize(access, permissions).mintApiKey() (api/src/authz/grants.ts).',
            },
            {
              group: ['**/common/secret-token'],
              importNames: ['generateSecretToken'],
              message: 'Mint an invitation link with Grant.authorize(…).mintInvitationToken() (api/src/authz/grants.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['admin-web/src/**/*.ts'],
    extends: [angular.configs.tsRecommended],
    // Lints the templates inline in components with the rules for *.html below.
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'app', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'app', style: 'camelCase' }],
    },
  },
  {
    files: ['admin-web/src/**/*.html'],
    extends: [angular.configs.templateRecommended, angular.configs.templateAccessibility],
  },
  prettier,
);
