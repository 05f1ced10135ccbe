// Lint rules, including the import boundaries of the architecture (docs/architecture.md).
// Each file lies in exactly one zone below, and a zone lists every boundary that applies to
// it: ESLint keeps only the last setting of a rule for a file, so boundaries cannot be stacked
// across separate config objects. server/src/lint-boundaries.spec.ts proves each one fires.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const DRIVERS = {
  group: ['pg', 'pg-copy-streams', '@electric-sql/pglite', '@electric-sql/pglite-postgis'],
  message: 'Only server/src/db may import a database driver as a value; use the Database interface.',
  allowTypeImports: true,
};
const MAP_LIBRARIES = {
  group: ['maplibre-gl', 'deck.gl', '@deck.gl/*', 'react-map-gl', 'react-map-gl/*'],
  message: 'Only web/src/map may import map libraries.',
  allowTypeImports: true,
};
const GRAPHQL_LIBRARIES = {
  // A regex: a group pattern 'graphql' would also match the folder ../graphql/.
  regex: '^(graphql|graphql-ws|@graphql-tools|@apollo|@as-integrations)(/|$)',
  message: 'Only server/src/graphql may use GraphQL libraries; throw AppError (server/src/errors.ts) instead.',
  allowTypeImports: true,
};
const GRAPHQL_LAYER = {
  regex: '(^|/)graphql/',
  message: 'Only server/src/app.ts mounts the GraphQL layer; call the use case or auth module instead.',
};
const IO = {
  group: ['node:*', 'fs', 'fs/*', 'http', 'https', 'net', 'child_process', 'express', 'ws', 'croner'],
  message: 'server/src/domain is pure: no I/O; take the values as arguments.',
};
/** Out of server/src/domain from a file `depth` folders below it: any import that climbs above it. */
const OUT_OF_DOMAIN = (depth) => ({
  regex: `^(\\.\\./){${depth + 1},}`,
  message: 'server/src/domain is pure: it imports only domain code, never the layers that use it.',
});
const SCRIPTS = {
  regex: '^(\\.\\./)+scripts/',
  message: 'server/src never imports scripts/: scripts call the server, not the other way round.',
};
const SERVER_BEYOND_DOMAIN = {
  regex: '^(\\.\\./)+server/(?!src/domain/)',
  message: 'The browser may import only server/src/domain of the server (shared rules and formats).',
};

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const SPECS = ['**/*.spec.ts', '**/*.spec.tsx'];

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
  // Tests, test helpers and scripts: only the driver rule (specs reach into every layer).
  {
    files: ['server/**/*.ts', 'scripts/**/*.ts', 'e2e/**/*.ts'],
    rules: restrict(DRIVERS),
  },
  // The server outside its own zones: no GraphQL, no scripts.
  {
    files: ['server/src/**/*.ts'],
    ignores: [...SPECS, 'server/src/db/**', 'server/src/domain/**', 'server/src/graphql/**', 'server/src/app.ts'],
    rules: restrict(DRIVERS, GRAPHQL_LIBRARIES, GRAPHQL_LAYER, SCRIPTS),
  },
  { files: ['server/src/db/**/*.ts'], ignores: SPECS, rules: restrict(GRAPHQL_LIBRARIES, GRAPHQL_LAYER, SCRIPTS) },
  { files: ['server/src/graphql/**/*.ts', 'server/src/app.ts'], ignores: SPECS, rules: restrict(DRIVERS, SCRIPTS) },
  ...[0, 1, 2].map((depth) => ({
    files: [`server/src/domain/${'*/'.repeat(depth)}*.ts`],
    ignores: SPECS,
    rules: restrict(DRIVERS, IO, GRAPHQL_LIBRARIES, OUT_OF_DOMAIN(depth), SCRIPTS),
  })),
  {
    files: ['web/**/*.{ts,tsx}'],
    ignores: ['web/src/map/**'],
    rules: restrict(DRIVERS, MAP_LIBRARIES, SERVER_BEYOND_DOMAIN),
  },
  { files: ['web/src/map/**/*.{ts,tsx}'], rules: restrict(DRIVERS, SERVER_BEYOND_DOMAIN) },
);
