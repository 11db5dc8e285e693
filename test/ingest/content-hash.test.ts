import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { contentHash } from '../../src/ingest/content-hash.js';

describe('contentHash', () => {
  it('gives one digest whatever the order of the fields, and another for any changed value', () => {
    const a = { name: 'A', count: neo4j.int(3), seen: new neo4j.types.Date(2024, 1, 2), tags: ['x', 'y'] };
    const b = { tags: ['x', 'y'], seen: new neo4j.types.Date(2024, 1, 2), count: neo4j.int(3), name: 'A' };
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash({ ...a, count: neo4j.int(4) })).not.toBe(contentHash(a));
    expect(contentHash({ ...a, seen: new neo4j.types.Date(2024, 1, 3) })).not.toBe(contentHash(a));
    expect(contentHash({ ...a, tags: ['y', 'x'] })).not.toBe(contentHash(a));
    // An Integer is not the string of its digits, and a missing field is not an empty one.
    expect(contentHash({ n: neo4j.int(3) })).not.toBe(contentHash({ n: '3' }));
    expect(contentHash({ n: undefined })).toBe(contentHash({}));
    expect(contentHash({ n: [] })).not.toBe(contentHash({}));
  });
});
