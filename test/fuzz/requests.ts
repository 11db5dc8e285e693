import fc from 'fast-check';

import { TEST_ADMIN_KEY } from '../support/app.js';
import { confine, confineText, csvBody, mark, ndjsonBody } from './loads.js';
import { type JsonSchema, type OpenApiDocument, resolve, type SchemaContext, spoilt, valueOf } from './schema-values.js';
import { anyBodyText, anyString, contentType, headerValue, numberText } from './values.js';

/**
 * Random requests for one operation of the OpenAPI document: path parameters, query string,
 * headers and body, each either close to valid (from the document's schemas, with ids that
 * exist swapped in now and then) or plain hostile. DELETE only names ids that cannot exist
 * (`fz<tag>…`, empty, or random UUIDs), and loads and analyses are confined to the tag's
 * investigations (loads.ts): the shared database's other data is never touched.
 */

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
}

export interface FuzzContext extends SchemaContext {
  tag: string;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const { parameters = [], requestBody } = op as { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
      return { method: method.toUpperCase(), path, parameters, body: requestBody?.content?.['application/json']?.schema };
    }),
  );
}

/** Sent as they are: dot segments, bad escapes, an encoded NUL, an escaped lone surrogate, overlong UTF-8. */
const RAW = ['..', '.', '%2e%2e', '%00', '%', '%zz', '%ED%A0%80', '%C0%AF', '%2F', '%252F', ';a=b', 'a?b=c', 'a#frag', '~', '%20', '+'];

const texts = (value: unknown) => (Array.isArray(value) ? value.map(String) : [String(value)]);

function pathValue(param: Parameter, method: string, ctx: FuzzContext): fc.Arbitrary<string> {
  const enumerated = param.schema?.enum ? [fc.constantFrom(...param.schema.enum.map(String))] : [];
  if (method === 'DELETE') {
    const unused = fc.oneof(anyString.map(encodeURIComponent), fc.constantFrom(...RAW)).map((s) => `fz${ctx.tag}${s}`);
    const uuids = param.schema?.format === 'uuid' ? [fc.uuid()] : [];
    return fc.oneof(...enumerated, ...uuids, fc.constant(''), unused);
  }
  const plausible = param.schema ? valueOf(param.schema, ctx).map((v) => encodeURIComponent(String(v))) : fc.constant('');
  return fc.oneof({ arbitrary: plausible, weight: 3 }, anyString.map(encodeURIComponent), fc.constantFrom(...RAW));
}

function queryString(op: Operation, ctx: FuzzContext): fc.Arbitrary<string> {
  const declared = op.parameters.filter((p) => p.in === 'query');
  // A load's investigations are the fuzz's own.
  const own = (key: string, value: string) =>
    op.path.startsWith('/v1/ingest') && key.startsWith('investigations')
      ? value
          .split(',')
          .map((id) => (id.trim() === '' ? id : mark(id, ctx.tag)))
          .join(',')
      : value;
  const pairOf = (key: string, value: string) => `${encodeURIComponent(key)}=${encodeURIComponent(own(key, value))}`;
  const names = declared.map((p) => p.name);
  const name = fc.oneof(
    { arbitrary: names.length > 0 ? fc.constantFrom(...names, ...names.map((n) => `${n}[]`)) : anyString, weight: 4 },
    fc.constantFrom('__proto__', 'constructor', '__proto__[polluted]', 'a[b]', ''),
    anyString,
  );
  const junk = name.chain((key) =>
    fc.oneof(
      fc.oneof(numberText, anyString, fc.constant('')).map((value) => pairOf(key, value)),
      fc.constant(encodeURIComponent(key)),
      fc.constantFrom(...RAW).map((raw) => `${encodeURIComponent(key)}=${raw}`),
    ),
  );
  const fitting = fc.record(Object.fromEntries(declared.map((p) => [p.name, p.schema ? valueOf(p.schema, ctx) : anyString])), {
    requiredKeys: declared.filter((p) => p.required).map((p) => p.name),
  });
  const nearlyFitting = fc
    .tuple(fitting, fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, fc.array(junk, { minLength: 1, maxLength: 2 })))
    .map(([values, extra]) => [...Object.entries(values).flatMap(([key, value]) => texts(value).map((text) => pairOf(key, text))), ...extra]);
  return fc.oneof({ arbitrary: nearlyFitting, weight: 3 }, fc.array(junk, { maxLength: 6 })).map((pairs) => (pairs.length > 0 ? `?${pairs.join('&')}` : ''));
}

const authorization = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 20 },
  fc.constantFrom(
    '',
    'Bearer',
    'Bearer ',
    'Basic YWRtaW46YWRtaW4=',
    TEST_ADMIN_KEY,
    `Bearer ${TEST_ADMIN_KEY}x`,
    `bearer   ${TEST_ADMIN_KEY}  `,
    `Bearer ${TEST_ADMIN_KEY} ${TEST_ADMIN_KEY}`,
    'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.',
  ),
  headerValue.map((v) => `Bearer ${v}`),
  headerValue,
);

const headersArb = fc.record(
  {
    authorization,
    prefer: fc.oneof(fc.constantFrom('wait', 'wait=1', 'wait=0', 'wait=-1', 'wait=99999999999999999999', 'respond-async, wait=1', 'WAIT=1;'), headerValue),
    'x-justification': headerValue,
    'x-request-id': fc.oneof(fc.constantFrom('a', 'x'.repeat(128), 'x'.repeat(129), 'req.1-2_3', '../', ''), headerValue),
    'x-requested-by': headerValue,
    accept: fc.constantFrom('application/json', 'application/xml', 'text/csv', '*/*', '', 'a/b/c'),
  },
  { requiredKeys: [] },
);

type Body = { text: string; type: string | undefined } | undefined;

function bodyArb(op: Operation, params: Record<string, string>, ctx: FuzzContext): fc.Arbitrary<Body> {
  const random = fc.record({ text: anyBodyText, type: contentType });
  if (op.method === 'GET' || op.method === 'DELETE') return fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, random);
  const rules = { tag: ctx.tag, load: op.path.startsWith('/v1/ingest'), scope: Boolean(op.body && 'scope' in (resolve(op.body, ctx.doc)?.properties ?? {})) };
  const confined = (arb: fc.Arbitrary<string>, type: fc.Arbitrary<string | undefined>) => fc.record({ text: arb.map((text) => confineText(text, rules)), type });
  const none = fc.constant(undefined);
  if (op.body) {
    const fitting = valueOf(op.body, ctx);
    const json = fc.oneof(fc.constant('application/json'), fc.constant('application/json'), contentType);
    return fc.oneof(
      { arbitrary: fitting.map((v) => JSON.stringify(confine(v, rules))).chain((text) => fc.record({ text: fc.constant(text), type: json })), weight: 2 },
      {
        arbitrary: confined(
          spoilt(fitting).map((v) => JSON.stringify(v) ?? 'null'),
          json,
        ),
        weight: 2,
      },
      { arbitrary: confined(anyBodyText, contentType), weight: 2 },
      none,
    );
  }
  // A POST with no JSON body in the document reads a stream: NDJSON or CSV.
  const stream = fc.oneof(ndjsonBody(ctx, rules), csvBody(safeDecode(params.kind ?? ''), ctx.tag));
  const streamType = fc.constantFrom('application/x-ndjson', 'application/jsonl', 'text/csv', 'application/csv', 'application/json', 'text/plain', undefined);
  return fc.oneof({ arbitrary: fc.record({ text: stream, type: streamType }), weight: 3 }, confined(anyBodyText, contentType), none);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** One random request for the operation. */
export function requestArb(op: Operation, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const params = fc.record(Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, pathValue(p, op.method, ctx)])));
  return params.chain((values) =>
    fc.record({ query: queryString(op, ctx), headers: headersArb, body: bodyArb(op, values, ctx) }).map(({ query, headers, body }) => {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
      const sent: Record<string, string> = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
      if (body?.type !== undefined) sent['content-type'] = body.type;
      return { method: op.method, url: `${path}${query}`, headers: sent, ...(body ? { payload: body.text } : {}) };
    }),
  );
}
