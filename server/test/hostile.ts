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
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'NOT_FOUND',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
];
