/**
 * What the jurisdiction matrix must cover, read from the application itself: every Query and
 * Subscription field of the executable schema with the arguments that say where, and every
 * route of the Express application.
 */
import {
  getNamedType,
  isInputObjectType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLSchema,
} from 'graphql';

/** Argument and input field names that point at a place: a unit, grid, case or record. */
const PLACE_NAMES = new Set(['code', 'id', 'unitCode', 'parentCode', 'villageCode']);

export interface FieldEntry {
  /** `Query.cases`, `Subscription.caseChanged`. */
  name: string;
  /**
   * The paths of its arguments that say where (`area.bbox`, `unitCode`, `input.villageCode`),
   * each of which needs a probe pointing outside.
   */
  placeArguments: string[];
}

function placePaths(arg: GraphQLArgument | GraphQLInputField, path: string, seen: Set<string>): string[] {
  const type = getNamedType(arg.type);
  if (isInputObjectType(type)) {
    if (seen.has(type.name)) return [];
    const inner = new Set(seen).add(type.name);
    // Every field of an area (unitCode, bbox, near, polygon) is a way of saying where.
    if (type.name === 'Area') return Object.keys(type.getFields()).map((f) => `${path}.${f}`);
    return Object.values(type.getFields()).flatMap((f) => placePaths(f, `${path}.${f.name}`, inner));
  }
  return PLACE_NAMES.has(arg.name) ? [path] : [];
}

/** Every Query and Subscription field, with its place arguments. */
export function schemaFields(schema: GraphQLSchema): FieldEntry[] {
  return [schema.getQueryType(), schema.getSubscriptionType()].flatMap((type) =>
    Object.values(type?.getFields() ?? {}).map((field) => ({
      name: `${type!.name}.${field.name}`,
      placeArguments: field.args.flatMap((a) => placePaths(a, a.name, new Set())),
    })),
  );
}

interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

const pathText = (p: unknown): string => (p instanceof RegExp ? String(p) : Array.isArray(p) ? p.join('|') : String(p));

function join(base: string, path: string): string {
  const joined = `${base}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/**
 * Every endpoint of an Express 5 application: `GET /feeds/cameras` for a route, `USE /graphql`
 * for a handler mounted on a path other than `/` (middleware and fallbacks on `/` answer no path
 * of their own and are left out).
 */
export function appRoutes(app: { router: { stack: Layer[] } }): string[] {
  const found = new Set<string>();
  const walk = (stack: Layer[], base: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const methods = Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m] && m !== '_all');
        for (const m of methods) found.add(`${m.toUpperCase()} ${join(base, pathText(layer.route.path))}`);
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, join(base, pathText(layer.rawPath ?? '/')));
      } else if (layer.rawPath !== undefined && pathText(layer.rawPath) !== '/') {
        found.add(`USE ${join(base, pathText(layer.rawPath))}`);
      }
    }
  };
  walk(app.router.stack, '');
  return [...found].sort();
}
