import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';

import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';

import type { SystemInfo } from '../src/schemas/system.js';
import { privateNeo4jConfig } from './support/embedded.js';
import { freePort } from './support/ports.js';
import { exitCode, isAlive, startServer, waitForReady } from './support/server.js';

describe('the start command', () => {
  const homes: string[] = [];
  afterAll(() => Promise.all(homes.map((home) => rm(home, { recursive: true, force: true }))));

  it('starts Neo4j and the API, stops both cleanly on Ctrl-C, and keeps the data', async () => {
    const neo = await privateNeo4jConfig('server');
    homes.push(neo.home);
    const port = await freePort();
    const env = { PORT: String(port), NEO4J_HOME: neo.home, NEO4J_BOLT_PORT: String(neo.boltPort), NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '64m' };

    const first = startServer(env);
    await waitForReady(port, 120_000);
    const docs = await fetch(`http://127.0.0.1:${port}/docs`);
    expect(docs.status).toBe(200);
    // No ADMIN_API_KEY: the first start makes an admin key and prints it, once.
    const key = /"adminApiKey":"(sna_[\w-]+)"/.exec(first.output())?.[1];
    expect(key).toBeDefined();
    expect((await fetch(`http://127.0.0.1:${port}/v1/system`)).status).toBe(401);
    const system = (await (await fetch(`http://127.0.0.1:${port}/v1/system`, { headers: { authorization: `Bearer ${key}` } })).json()) as SystemInfo;
    expect(system.database).toMatchObject({ embedded: true, uri: `bolt://127.0.0.1:${neo.boltPort}` });

    const driver = neo4j.driver(`bolt://127.0.0.1:${neo.boltPort}`);
    await driver.executeQuery("CREATE (:Survivor {id: 'server-restart'})");
    await driver.close();

    const pid = Number(/"pid":(\d+),"msg":"embedded Neo4j started"/.exec(first.output())?.[1]);
    expect(pid).toBeGreaterThan(0);
    first.child.kill('SIGINT');
    expect(await exitCode(first.child)).toBe(0);
    expect(isAlive(pid)).toBe(false);
    expect(first.output()).toContain('"msg":"stopped"');
    // Stopped on purpose: the supervisor did not take the exit for a crash.
    expect(first.output()).not.toContain('starting it again');

    const second = startServer(env);
    try {
      await waitForReady(port, 120_000);
      expect(second.output()).not.toContain('adminApiKey');
      expect((await fetch(`http://127.0.0.1:${port}/v1/system`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      // Counted by label: each instance's run heartbeat (ServiceInstance) comes and goes with it.
      const check = neo4j.driver(`bolt://127.0.0.1:${neo.boltPort}`);
      try {
        const { records } = await check.executeQuery("MATCH (s:Survivor {id: 'server-restart'}) RETURN count(s) AS n");
        expect(records[0]!.get('n').toNumber()).toBe(1);
      } finally {
        await check.close();
      }
    } finally {
      second.child.kill('SIGTERM');
      expect(await exitCode(second.child)).toBe(0);
    }
    // Two cold starts of Neo4j and the service, each with its migrations, next to the rest of the
    // suite on two cores: the default 120 s was once not enough on a busy machine.
  }, 300_000);

  it('exits with one clear line when the HTTP port is taken', async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const server = startServer({ PORT: String(port), NEO4J_BOLT_PORT: String(await freePort()) });
      expect(await exitCode(server.child)).toBe(1);
      expect(server.output()).toContain(`error: port ${port} on 127.0.0.1 is already in use: stop what holds it or set PORT`);
    } finally {
      blocker.close();
    }
  });

  it('exits naming the variable when the configuration is bad', async () => {
    const server = startServer({ PORT: 'three thousand' });
    expect(await exitCode(server.child)).toBe(1);
    expect(server.output().trim()).toMatch(/^error: invalid configuration: PORT: .+ \(see \.env\.example\)$/);
  });
});
