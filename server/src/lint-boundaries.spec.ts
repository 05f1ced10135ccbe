/**
 * The import boundaries of eslint.config.js fire: each rule is run on a small source placed at
 * a path inside the zone it guards, and a clean source at the same path passes.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The messages of the import rule for `source` as if it were the file at `filePath`. */
async function refusals(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const CASES: { rule: string; file: string; bad: string; good: string; says: RegExp }[] = [
  {
    rule: 'only server/src/db imports a database driver as a value',
    file: 'server/src/feeds/fixture.ts',
    bad: "import pg from 'pg';\nexport const p = pg;",
    good: "import type { Pool } from 'pg';\nexport type P = Pool;",
    says: /Only server\/src\/db may import a database driver/,
  },
  {
    rule: 'the domain does no I/O',
    file: 'server/src/domain/fixture.ts',
    bad: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;",
    good: "import { caseCode } from './codes.js';\nexport const c = caseCode;",
    says: /domain is pure: no I\/O/,
  },
  {
    rule: 'the domain imports none of the layers that use it',
    file: 'server/src/domain/index/fixture.ts',
    bad: "import { findCase } from '../../db/queries/cases.js';\nexport const f = findCase;",
    good: "import { ok } from '../result.js';\nexport const o = ok;",
    says: /imports only domain code/,
  },
  {
    rule: 'the domain uses no GraphQL',
    file: 'server/src/domain/fixture.ts',
    bad: "import { GraphQLError } from 'graphql';\nexport const e = GraphQLError;",
    good: "import type { GraphQLSchema } from 'graphql';\nexport type S = GraphQLSchema;",
    says: /Only server\/src\/graphql may use GraphQL libraries/,
  },
  {
    rule: 'only server/src/graphql uses GraphQL libraries as values',
    file: 'server/src/imports/fixture.ts',
    bad: "import { GraphQLError } from 'graphql';\nexport const e = GraphQLError;",
    good: "import type { GraphQLSchema } from 'graphql';\nexport type S = GraphQLSchema;",
    says: /Only server\/src\/graphql may use GraphQL libraries/,
  },
  {
    rule: 'only server/src/graphql uses Apollo',
    file: 'server/src/http/fixture.ts',
    bad: "import { ApolloServer } from '@apollo/server';\nexport const a = ApolloServer;",
    good: "import express from 'express';\nexport const e = express;",
    says: /Only server\/src\/graphql may use GraphQL libraries/,
  },
  {
    rule: 'nothing but server/src/app.ts imports the GraphQL layer',
    file: 'server/src/feeds/fixture.ts',
    bad: "import { requireViewer } from '../graphql/context.js';\nexport const r = requireViewer;",
    good: "import { requireAccess } from '../auth/access.js';\nexport const r = requireAccess;",
    says: /Only server\/src\/app.ts mounts the GraphQL layer/,
  },
  {
    rule: 'no file in server/src imports scripts/',
    file: 'server/src/seed/fixture.ts',
    bad: "import { x } from '../../../scripts/command.js';\nexport const y = x;",
    good: "import { generateDataset } from './demo-city/generate.js';\nexport const g = generateDataset;",
    says: /server\/src never imports scripts/,
  },
  {
    rule: 'the browser imports only server/src/domain of the server',
    file: 'web/src/wall/fixture.ts',
    bad: "import { FEED_LAYERS } from '../../../server/src/feeds/layers.js';\nexport const f = FEED_LAYERS;",
    good: "import { CASE_STATUSES } from '../../../server/src/domain/vocabulary.js';\nexport const s = CASE_STATUSES;",
    says: /The browser may import only server\/src\/domain/,
  },
  {
    rule: 'only web/src/map imports map libraries',
    file: 'web/src/wall/fixture.ts',
    bad: "import maplibregl from 'maplibre-gl';\nexport const m = maplibregl;",
    good: "import { useState } from 'react';\nexport const u = useState;",
    says: /Only web\/src\/map may import map libraries/,
  },
];

describe('the import boundaries', () => {
  for (const c of CASES) {
    describe(c.rule, () => {
      it('refuses an import that crosses it', async () => {
        expect(await refusals(c.file, c.bad)).toEqual([expect.stringMatching(c.says)]);
      });
      it('lets the same file import what it may', async () => {
        expect(await refusals(c.file, c.good)).toEqual([]);
      });
    });
  }

  it('lets server/src/app.ts mount the GraphQL layer and Apollo live inside it', async () => {
    expect(
      await refusals(
        'server/src/app.ts',
        "import { startGraphQL } from './graphql/server.js';\nexport const s = startGraphQL;",
      ),
    ).toEqual([]);
    expect(
      await refusals(
        'server/src/graphql/fixture.ts',
        "import { ApolloServer } from '@apollo/server';\nexport const a = ApolloServer;",
      ),
    ).toEqual([]);
  });
});
