import fc from 'fast-check';

import { anyString } from './values.js';

/**
 * Values that (mostly) fit a JSON schema of the OpenAPI document, then spoilt here and there:
 * random bodies alone rarely get past a strict schema, these reach the handlers behind it.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** The document, and known values (ids that exist) that random strings and UUIDs are sometimes swapped for. */
export interface SchemaContext {
  doc: OpenApiDocument;
  words: readonly string[];
  uuids: readonly string[];
}

const orKnown = (arb: fc.Arbitrary<string>, known: readonly string[]) =>
  known.length > 0 ? fc.oneof({ arbitrary: arb, weight: 2 }, { arbitrary: fc.constantFrom(...known), weight: 1 }) : arb;

/** Known values that the string schema accepts. */
const fitting = (schema: JsonSchema, known: readonly string[]) =>
  known.filter((word) => word.length >= (schema.minLength ?? 0) && word.length <= (schema.maxLength ?? Infinity) && (!schema.pattern || new RegExp(schema.pattern).test(word)));

const DATES = { min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true };

const INT32 = 2 ** 31 - 1;
const clamp = (n: number) => Math.max(-INT32, Math.min(INT32, n));

function matching(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 30, 30);
  if (schema.pattern) {
    const fits = (s: string) => s.length >= min && s.length <= (schema.maxLength ?? Infinity);
    return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  }
  return fc.string({ minLength: Math.min(min, max), maxLength: Math.max(min, max) });
}

/** The schema a $ref names, or the schema itself. */
export function resolve(schema: JsonSchema, doc: OpenApiDocument): JsonSchema | undefined {
  return schema.$ref ? doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] : schema;
}

/** A value of the schema ($refs resolved), as valid as a few lines can make it. */
export function valueOf(schema: JsonSchema, ctx: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 12) return fc.constant(null);
  if (schema.$ref) {
    const target = resolve(schema, ctx.doc);
    return target ? valueOf(target, ctx, depth) : fc.jsonValue();
  }
  const inner = (s: JsonSchema) => valueOf(s, ctx, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf ?? schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map(inner));
  if (schema.allOf?.[0]) return inner(schema.allOf[0]);
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => inner({ ...schema, type: t })));
  switch (type[0]) {
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, s]) => [name, inner(s)]));
      const known = fc.record(properties, { requiredKeys: (schema.required ?? []).filter((name) => name in properties) });
      if (typeof schema.additionalProperties !== 'object') return known;
      const keys = schema.propertyNames ? matching(schema.propertyNames) : fc.string({ minLength: 1, maxLength: 12 });
      // The document does not say which keys a record takes (an enum of kinds, currency codes): mostly none.
      const extra = fc.oneof({ arbitrary: fc.constant({}), weight: 3 }, fc.dictionary(keys, inner(schema.additionalProperties), { maxKeys: 3 }));
      return fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a }));
    }
    case 'array':
      return fc.array(inner(schema.items ?? {}), { minLength: Math.min(schema.minItems ?? 0, 3), maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'string':
      if (schema.format === 'uuid') return orKnown(fc.uuid(), ctx.uuids);
      if (schema.format === 'date') return fc.date(DATES).map((d) => d.toISOString().slice(0, 10));
      if (schema.format === 'date-time') return fc.date(DATES).map((d) => d.toISOString());
      return orKnown(matching(schema), fitting(schema, ctx.words));
    case 'integer':
      return fc.integer({ min: clamp(schema.minimum ?? -1_000), max: clamp(schema.maximum ?? 1_000) });
    case 'number': {
      const exclusive = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : schema.exclusiveMinimum === true ? schema.minimum : undefined;
      const min = exclusive !== undefined ? exclusive + 1e-9 : (schema.minimum ?? -1e6);
      return fc.double({ min, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Where a value can be spoilt: the paths of its inner objects and arrays. */
function containers(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  const here = [path];
  for (const [key, inner] of Object.entries(value)) here.push(...containers(inner, [...path, key]));
  return here;
}

const spoilers = fc.oneof(anyString, fc.constantFrom(1e308, -1, -0, 0.5, 2 ** 53 + 2, -(2 ** 53) - 2, null, true, [], {}, [[]], ''), fc.jsonValue({ maxDepth: 3 }));

/**
 * A valid-looking value with up to three spoilt spots: a field replaced, removed, wrapped in an
 * array, or joined by an unknown or prototype-polluting key.
 */
export function spoilt(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const edit = fc.record({
    at: fc.nat(),
    action: fc.constantFrom('replace', 'remove', 'wrap', 'add'),
    key: fc.constantFrom('__proto__', 'constructor', 'extra', 'id', ''),
    value: spoilers,
  });
  return fc.tuple(valid, fc.array(edit, { maxLength: 3 })).map(([value, edits]) => {
    const copy: unknown = structuredClone(value);
    for (const { at, action, key, value } of edits) {
      // A copy: constantFrom hands out the same [] and {} every time.
      const replacement: unknown = structuredClone(value);
      const spots = containers(copy);
      if (spots.length === 0) return replacement;
      const path = spots[at % spots.length]!;
      const target = path.reduce<unknown>((node, step) => (node as Record<string, unknown>)[step], copy) as Record<string, unknown>;
      const names = Object.keys(target);
      const name = names.length > 0 ? names[at % names.length]! : key;
      if (action === 'replace') target[name] = replacement;
      else if (action === 'remove') delete target[name];
      else if (action === 'wrap') target[name] = [target[name]];
      else Object.defineProperty(target, key, { value: replacement, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  });
}
