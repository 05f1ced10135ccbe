/** The DateTime and GeoJSON scalars. */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(
      `DateTime must be ISO 8601 with an offset, like 2026-06-30T08:00:00+08:00; got ${JSON.stringify(value)}`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }
  return new Date(value);
}

export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with an offset (2026-06-30T08:00:00+08:00). Output is UTC.',
  serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

function literalToValue(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.LIST:
      return ast.values.map(literalToValue);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToValue(f.value)]));
    default:
      return null;
  }
}

export const GeoJSON = new GraphQLScalarType<unknown, unknown>({
  name: 'GeoJSON',
  description: 'An RFC 7946 geometry object in WGS-84 lon/lat, e.g. {"type":"Point","coordinates":[115.48,35.23]}.',
  serialize: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
  parseValue: (value) => value,
  parseLiteral: literalToValue,
});
