/** Arbitraries for hostile input: strings, numbers and geometry a careless or malicious client sends. */
import fc from 'fast-check';

export const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "'; DROP TABLE cases; --",
    '" OR 1=1 --',
    '371702005001\u0000',
    '３７１７０２００５００１',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    'x'.repeat(5000),
    '',
    ' ',
  ),
);

export const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1e308, -1e308, 181, -91, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER),
);

/** A bow-tie: the ring crosses itself at (115.5, 35.2). */
export const BOW_TIE = {
  type: 'Polygon',
  coordinates: [
    [
      [115.4, 35.1],
      [115.6, 35.3],
      [115.6, 35.1],
      [115.4, 35.3],
      [115.4, 35.1],
    ],
  ],
};

const position = fc.tuple(hostileNumber, hostileNumber);

export const hostileGeometry = fc.oneof(
  fc.constant(null),
  fc.constant(BOW_TIE),
  fc.constant({
    type: 'Polygon',
    coordinates: [
      [
        [115.4, 35.1],
        [115.6, 35.3],
        [115.6, 35.1],
      ],
    ],
  }),
  fc.constant({ type: 'Point', coordinates: [115.5, 35.2] }),
  fc.constant({ type: 'Polygon', coordinates: 'nope' }),
  fc.constant({
    type: 'Polygon',
    coordinates: [
      [...Array.from({ length: 10_001 }, (_, i) => [115 + Math.cos(i) * 0.1, 35 + Math.sin(i) * 0.1]), [115.1, 35]],
    ],
  }),
  fc.record({
    type: fc.constantFrom('Polygon', 'MultiPolygon', 'LineString'),
    coordinates: fc.array(fc.array(position, { maxLength: 6 }), { maxLength: 3 }),
  }),
);

/** Codes a well-behaved API answers with; anything else (INTERNAL_SERVER_ERROR) is a bug. */
export const CLEAN_ERROR_CODES = [
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'NOT_FOUND',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
];

/** An object nested `depth` levels deep, where a flat input object is expected. */
export function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { id: value };
  return value;
}

/** Control characters other than NUL (which the server refuses for the whole request, up front). */
export const controlCharacters = fc.string({
  unit: fc.integer({ min: 1, max: 0x1f }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 20,
});

/**
 * Strings beyond hostileString: control characters, NUL, a lone surrogate, a right-to-left
 * override (U+202E) that turns a name around on screen, 10k characters and 10k of spaces.
 */
export const nastyString = fc.oneof(
  hostileString,
  controlCharacters,
  fc.constantFrom(
    'a'.repeat(10_000),
    ' '.repeat(10_000),
    '\u0000',
    'ok\u0007\u001b[2J',
    '\uD800',
    '\u202Eevil',
    '赵楼\u202E社区',
    '\u200B',
    '\uFEFF371702005001',
  ),
);

/** Values of the wrong type for any field. */
export const wrongType = fc.oneof(
  fc.constantFrom(null, true, [], {}, [1, 2], { type: 'Point', coordinates: [115.5, 35.2] }),
  fc.constant(nested(200)),
  hostileNumber,
);

/** Instants a device with a broken clock sends: years 1 and 0, the far future, junk. */
export const hostileInstant = fc.oneof(
  fc.constantFrom(
    '0001-01-01T00:00:00Z',
    '0001-01-01T00:00:00+08:00',
    '0000-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2026-02-30T00:00:00+08:00',
    '2026-06-30T10:00:00',
  ),
  fc.constantFrom('0001-01-01T00:00:00+08:00', '0000-12-31T23:59:59+14:00', '0001-01-01T07:59:59+08:00'),
  nastyString,
  wrongType,
);

/** Instants a client may send: real ones around the tiny data set, edge cases, and junk. */
export const hostileDateTime = fc.oneof(
  fc.constant(null),
  fc
    .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-07-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2026-06-30', '2026-06-30T00:00:00', '+275760-09-13T00:00:00Z', '2026-06-01T00:00:00+08:00'),
  hostileInstant,
);

/** Not a point where a position is expected. */
export const notAPoint = fc.constantFrom(
  { type: 'LineString', coordinates: [[115.4, 35.1]] },
  { type: 'Polygon', coordinates: [] },
  { type: 'Point', coordinates: [] },
  [115.5, 35.2],
);

/**
 * A well-formed value of `base` with one field replaced by a hostile value, so that most
 * requests get past GraphQL's type checks and reach the resolver's own checks.
 */
export function oneFieldHostile<T extends Record<string, unknown>>(
  base: fc.Arbitrary<T>,
  hostile: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(base, fc.constantFrom(...Object.keys(hostile)))
    .chain(([value, key]) => hostile[key]!.map((bad) => ({ ...value, [key]: bad })));
}
