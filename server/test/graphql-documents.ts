/**
 * GraphQL documents and type walks generated from the schema, so that a hostile-input test of a
 * new operation needs no hand-written query: one variable per argument, and a selection of the
 * return type's leaf fields.
 *
 * Test code imports 'graphql/index.js', the file Node gives @graphql-tools (which builds the
 * schema): a bare 'graphql' resolves, in vitest, to the ES module build, a second copy whose
 * type checks refuse the schema's types ("from another module or realm").
 */
import {
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql/index.js';

/** How many object levels below the operation's field the selection reaches. */
const SELECTION_DEPTH = 2;

/**
 * The fields to select on `type`: its leaves, and the leaves of its object fields down to
 * `depth` levels; fields with required arguments are left out, unions and interfaces as well
 * (the schema has none an operation returns), and so is geometry below the top level. Null for a leaf type (no selection).
 */
export function selectionOf(type: GraphQLOutputType, depth = SELECTION_DEPTH): string | null {
  const named = getNamedType(type);
  if (isLeafType(named)) return null;
  if (!isObjectType(named)) return '{ __typename }';
  const parts: string[] = [];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const inner = getNamedType(field.type);
    if (isLeafType(inner)) {
      // Below the top: the boundaries of every unit's children cost seconds a call, and test no input.
      if (depth < SELECTION_DEPTH && inner.name === 'GeoJSON') continue;
      parts.push(field.name);
    } else if (depth > 0 && isObjectType(inner)) parts.push(`${field.name} ${selectionOf(field.type, depth - 1)}`);
  }
  return `{ ${parts.length > 0 ? parts.join(' ') : '__typename'} }`;
}

/**
 * A document calling one root field, with a variable of the argument's own type for every
 * argument: `mutation ($code: ID!, …) { advanceCase(code: $code, …) { code status … } }`;
 * `selection` replaces the generated selection set.
 */
export function documentOf(
  operation: 'query' | 'mutation' | 'subscription',
  field: GraphQLField<unknown, unknown>,
  selection = selectionOf(field.type),
): string {
  const variables = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return [
    operation,
    variables ? ` (${variables})` : '',
    ' { ',
    field.name,
    args ? `(${args})` : '',
    selection ? ` ${selection}` : '',
    ' }',
  ].join('');
}

/**
 * Every named input type (input objects, enums and scalars) a client can send: the types of
 * the arguments of every field reachable from the root operation types, and of the fields of
 * those input objects, in turn.
 */
export function inputTypesOf(schema: GraphQLSchema): GraphQLNamedType[] {
  const inputs = new Map<string, GraphQLNamedType>();
  const seenOutputs = new Set<string>();
  const addInput = (type: GraphQLNamedType): void => {
    if (inputs.has(type.name)) return;
    inputs.set(type.name, type);
    if (isInputObjectType(type)) for (const f of Object.values(type.getFields())) addInput(getNamedType(f.type));
  };
  const addOutput = (type: GraphQLNamedType): void => {
    if (seenOutputs.has(type.name)) return;
    seenOutputs.add(type.name);
    if (isUnionType(type)) for (const member of type.getTypes()) addOutput(member);
    if (!isObjectType(type) && !isInterfaceType(type)) return;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) addInput(getNamedType(arg.type));
      addOutput(getNamedType(field.type));
    }
  };
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (root) addOutput(root);
  }
  return [...inputs.values()].sort((a, b) => a.name.localeCompare(b.name));
}
