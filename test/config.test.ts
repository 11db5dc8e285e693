import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.neo4j.database).toBe('neo4j');
    expect(config.embedded).toMatchObject({ home: '.data/neo4j', boltPort: 7687, heap: '1g', pageCache: '512m' });
  });

  it('reads an external server with credentials', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_USER: 'neo4j', NEO4J_PASSWORD: 's3cret' });
    expect(config.neo4j).toMatchObject({ uri: 'neo4j+s://abc.databases.neo4j.io', user: 'neo4j', password: 's3cret' });
  });

  it('treats an empty NEO4J_URI as unset (embedded database)', () => {
    expect(loadConfig({ NEO4J_URI: '  ' }).neo4j.uri).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ NEO4J_BOLT_PORT: '0' }, 'NEO4J_BOLT_PORT'],
    [{ NEO4J_URI: 'http://localhost:7474' }, 'NEO4J_URI'],
    [{ NEO4J_URI: 'bolt://h:7687', NEO4J_PASSWORD: 'x' }, 'NEO4J_USER'],
    [{ NEO4J_USER: 'neo4j' }, 'NEO4J_URI'],
    [{ NEO4J_HEAP: 'lots' }, 'NEO4J_HEAP'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });
});
