/**
 * Hostile-input coverage by construction: every mutation, every subscription, every query that
 * takes arguments and every input type a client can send has its arbitraries in the registry
 * (test/hostile-*.ts), so that hostile-mutations.spec.ts, hostile-queries.spec.ts and
 * hostile-subscriptions.spec.ts (over the WebSocket) exercise it. A new one without fails here,
 * by name.
 */
import { isEnumType, parse, validate } from 'graphql/index.js';
import { describe, expect, it } from 'vitest';
import { documentOf, inputTypesOf } from '../../test/graphql-documents.js';
import {
  allInputArbitraries,
  fieldsToCover,
  MUTATIONS,
  QUERIES,
  SUBSCRIPTIONS,
} from '../../test/hostile-arbitraries.js';
import type { Known } from '../../test/hostile-inputs.js';
import { schema } from './schema.js';

const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [115.4, 35.1],
      [115.5, 35.1],
      [115.5, 35.2],
      [115.4, 35.2],
      [115.4, 35.1],
    ],
  ],
};

/** Stand-ins for the records readKnown finds in a database: only their shape matters here. */
const KNOWN: Known = {
  openCases: [{ code: '371702005001202606300001', version: 1 }],
  closedCaseCodes: ['371702005001202507020001'],
  cameraIds: ['37170200001315000001'],
  riskPointIds: ['371702005001R0001'],
  places: [{ lon: 115.45, lat: 35.15 }],
  planningVillage: {
    code: '371702005003',
    grids: [
      {
        code: '371702005003001',
        version: 1,
        geometry: SQUARE,
        crossing: {
          type: 'LineString',
          coordinates: [
            [115.3, 35.15],
            [115.6, 35.15],
          ],
        },
      },
    ],
  },
  signIn: { challenges: ['a.b.c'], codes: ['123456'], targets: ['hostile-target-1'] },
};

const registries = { Mutation: MUTATIONS, Query: QUERIES, Subscription: SUBSCRIPTIONS } as const;
const WHAT = { Mutation: 'mutation', Query: 'query with arguments', Subscription: 'subscription' } as const;
const OPERATION = { Mutation: 'mutation', Query: 'query', Subscription: 'subscription' } as const;

describe.each(['Mutation', 'Query', 'Subscription'] as const)('the %s registry', (root) => {
  const registry = registries[root];
  const fields = fieldsToCover(schema, root);

  it(`has a hostile arbitrary for every ${WHAT[root]}`, () => {
    const missing = fields.filter((f) => !registry[f.name]).map((f) => `${root}.${f.name} has no hostile arbitrary`);
    expect(missing).toEqual([]);
  });

  it('names only operations and arguments the schema has', () => {
    const byName = new Map(fields.map((f) => [f.name, f]));
    const unknown: string[] = [];
    for (const [name, operation] of Object.entries(registry)) {
      const field = byName.get(name);
      if (!field) {
        unknown.push(`${root}.${name} is not in the schema`);
        continue;
      }
      for (const arg of Object.keys(operation.args?.(KNOWN, allInputArbitraries(KNOWN)) ?? {})) {
        if (!field.args.some((a) => a.name === arg)) unknown.push(`${root}.${name} has no argument ${arg}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('generates a document the schema accepts for every operation', () => {
    const invalid = fields.flatMap((f) =>
      validate(schema, parse(documentOf(OPERATION[root], f))).map((e) => `${root}.${f.name}: ${e.message}`),
    );
    expect(invalid).toEqual([]);
  });
});

it('has a hostile arbitrary for every input object and scalar a client can send (enums bring their own)', () => {
  const arbitraries = allInputArbitraries(KNOWN);
  const missing = inputTypesOf(schema)
    .filter((t) => !isEnumType(t) && !arbitraries[t.name])
    .map((t) => `input type ${t.name} has no hostile arbitrary`);
  expect(missing).toEqual([]);
});

it('has no hostile arbitrary for an input type the schema no longer has', () => {
  const names = new Set(inputTypesOf(schema).map((t) => t.name));
  const stale = Object.keys(allInputArbitraries(KNOWN))
    .filter((name) => !names.has(name))
    .map((name) => `input type ${name} is not in the schema`);
  expect(stale).toEqual([]);
});
