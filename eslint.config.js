// Lint rules, including the import boundaries of the architecture:
// only server/src/db imports a database driver as a value, and only web/src/map
// imports maplibre-gl or deck.gl.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const DRIVERS = ['pg', 'pg-copy-streams', '@electric-sql/pglite', '@electric-sql/pglite-postgis'];
const MAP_LIBRARIES = ['maplibre-gl', 'deck.gl', '@deck.gl/*', 'react-map-gl', 'react-map-gl/*'];

const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message, allowTypeImports: true }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.cache/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['server/**/*.ts', 'scripts/**/*.ts', 'web/**/*.{ts,tsx}'],
    ignores: ['server/src/db/**'],
    rules: restrict(DRIVERS, 'Only server/src/db may import a database driver as a value; use the Database interface.'),
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/map/**'],
    rules: restrict(MAP_LIBRARIES, 'Only web/src/map may import map libraries.'),
  },
);
