import fc from 'fast-check';

/**
 * Hostile values for the fuzz tests: strings, numbers, JSON texts (valid, truncated, invalid,
 * deeply nested), header values and content types. Strings never hold unpaired surrogates:
 * those are in unpaired-surrogates.test.ts, on a database of its own (they break the shared
 * database's audit chain).
 */

/** Strings that have broken parsers, routers, query builders and loggers before. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '  padded  ',
  '.',
  '..',
  '../',
  '../../etc/passwd',
  '..\\..\\',
  '%00',
  '\u0000',
  '%2e%2e%2f',
  '%',
  '"',
  "'",
  '`',
  '\\',
  '\\"',
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  '$param',
  '${x}',
  '{{x}}',
  '*/',
  '/*',
  '*',
  '?',
  '~',
  'AND',
  'OR NOT',
  '(',
  '[]',
  '{}',
  ':',
  'a:b',
  'person:P-1',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '9'.repeat(400),
  '-0',
  '0x10',
  '1.5',
  'true',
  '*,*',
  ',',
  ';',
  'a,b,,c',
  '😀',
  '👨‍👩‍👧',
  'ß',
  'İ',
  '\u202e',
  '\ufeff',
  'Ω≈ç√',
  '<script>alert(1)</script>',
  'x'.repeat(201),
  'x'.repeat(5000),
  '\t',
  '\r\n',
  'line\nbreak',
] as const;

/** Any string: ASCII, the whole of Unicode (code points, so no unpaired surrogates), long, or a known nasty one. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 2_000 }), weight: 1 },
);

/** Numbers as JSON writes them and as it cannot: beyond doubles, negative zero, long fractions. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.constantFrom('1e400', '-1e400', '9'.repeat(400), '-9007199254740993', '9007199254740993', '-0', '1e-400', '0.1e1', '1E+2', '-1', '4294967296', '10001'),
);

const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'scope', 'investigations', 'id', 'type', 'people', 'k', 'remove', 'parameters', ''), anyString);

/** JSON texts built as text, so keys may repeat and numbers may overflow. */
export const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberText,
    anyString.map((s) => JSON.stringify(s)),
    fc.constantFrom('true', 'false', 'null'),
    fc.array(tie('value'), { maxLength: 5 }).map((items) => `[${items.join(',')}]`),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value;

/** `[[[…]]]` or `{"a":{"a":…}}` nested thousands deep. */
export const deeplyNested: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

/** Prototype pollution attempts, at the top and one level down. */
export const pollution: fc.Arbitrary<string> = fc.constantFrom(
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"scope":{"__proto__":{"investigations":["x"]}},"__proto__":{"polluted":"yes"}}',
  '{"investigations":[{"id":"x","__proto__":{"polluted":"yes"}}]}',
  '[{"__proto__":{"polluted":"yes"}}]',
);

/** Bodies that are not JSON: cut short, single quotes, trailing commas, a byte-order mark, nothing at all. */
export const brokenJson: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(jsonText, fc.nat())
    .filter(([text]) => text.length > 1)
    .map(([text, cut]) => text.slice(0, cut % text.length)),
  fc.constantFrom('', ' ', '{', '}', '[1,]', "{'a':1}", '{a:1}', 'NaN', 'undefined', '\ufeff{}', '{"a":1}{"b":2}', '{"a":"\\x41"}', '{"a":"\\u12"}', '\u0000', 'null', '"'),
  anyString,
);

/** Everything a body might be; mostly not what any route wants. */
export const anyBodyText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: jsonText, weight: 4 },
  { arbitrary: brokenJson, weight: 2 },
  { arbitrary: pollution, weight: 1 },
  { arbitrary: deeplyNested, weight: 1 },
);

/** Content types, right and wrong; undefined sends none. */
export const contentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-ndjson',
  'application/jsonl',
  'text/csv',
  'application/csv',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '',
  'a/b/c',
  'json',
  undefined,
);

/** What a real HTTP parser lets through in a header value: tab, printable ASCII and latin-1. */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom('\t', ...Array.from({ length: 0xff - 0x20 + 1 }, (_, i) => String.fromCharCode(0x20 + i)).filter((c) => c !== '\x7f')), maxLength: 60 }),
  fc.constantFrom('', ' ', 'x'.repeat(8_000), "' OR 1=1 //", '../', '%00', 'wait', 'é'),
);
