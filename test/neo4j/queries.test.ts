import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadQueries, MissingQueryError } from '../../src/neo4j/queries.js';
import { SYSTEM_QUERIES } from '../../src/repositories/system-repository.js';

describe('loadQueries', () => {
  it('loads every query of cypher/ the repositories need, frozen', async () => {
    const queries = await loadQueries(SYSTEM_QUERIES);
    expect(queries['system/ping']).toBe('RETURN 1 AS ok');
    expect(Object.isFrozen(queries)).toBe(true);
    expect(Object.keys(queries).some((name) => name.startsWith('schema/'))).toBe(false);
  });

  it('fails naming each missing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sna-queries-'));
    await mkdir(join(dir, 'people'));
    await writeFile(join(dir, 'people', 'get.cypher'), 'MATCH (p:Person {id: $id}) RETURN p\n');
    const promise = loadQueries(['people/get', 'people/list', 'crossings/get'], dir);
    await expect(promise).rejects.toThrow(MissingQueryError);
    await expect(loadQueries(['people/get', 'people/list', 'crossings/get'], dir)).rejects.toThrow(
      'neo4j/queries: missing cypher/people/list.cypher, cypher/crossings/get.cypher',
    );
    await expect(loadQueries(['people/get'], dir)).resolves.toEqual({ 'people/get': 'MATCH (p:Person {id: $id}) RETURN p' });
  });
});
