// ESLint (flat config): typescript-eslint's recommended rules and the React hooks rules, over the
// server, the client, the tests and the benchmarks. Formatting is Prettier's job (.prettierrc.json).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Build output, generated migrations, data, and what tools write (screenshots, bench results, mutation sandboxes and reports).
    ignores: [
      'dist/**',
      'migrations/**',
      'data/**',
      '.data/**',
      'tests/e2e/__screenshots__/**',
      'bench/results/**',
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { omitted: _, ...rest } = object` is how a key is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // All of React Compiler's rules are on: loads go through one hook (client/api/use-load.ts) that sets
      // no state in an effect's body, state that follows a prop is adjusted while rendering
      // (client/ui/use-changed.ts), and the latest props for MapLibre's and deck.gl's listeners are kept
      // in refs written by a layout effect, never while rendering.
      'react-hooks/refs': 'error',
      'react-hooks/set-state-in-effect': 'error',
    },
  },
);
