import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { explorerRoutes } from '../../src/routes/explorer.js';

/**
 * The explorer's static route on its own (no database): the built page and its assets at
 * /explorer with the page's Content-Security-Policy, and a clear answer when nothing was built.
 * The page itself is tested in a browser in test/explorer/explorer.e2e.test.ts.
 */

describe('GET /explorer', () => {
  let dir: string;
  let built: FastifyInstance;
  let missing: FastifyInstance;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'explorer-route-'));
    await mkdir(join(dir, 'built', 'assets'), { recursive: true });
    await writeFile(join(dir, 'built', 'index.html'), '<!doctype html><title>Network explorer</title>');
    await writeFile(join(dir, 'built', 'assets', 'index-abc123.js'), 'console.log(1)');
    built = Fastify();
    await built.register(explorerRoutes, { root: join(dir, 'built') });
    missing = Fastify({ logger: false });
    await missing.register(explorerRoutes, { root: join(dir, 'never-built') });
  });

  afterAll(async () => {
    await built.close();
    await missing.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('redirects /explorer to /explorer/, where the page is, asked for again on every visit', async () => {
    const bare = await built.inject({ url: '/explorer' });
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/explorer/');
    const page = await built.inject({ url: '/explorer/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('Network explorer');
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('serves hashed assets to be kept, under a policy that allows the layout’s blob worker and nothing from elsewhere', async () => {
    const asset = await built.inject({ url: '/explorer/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const csp = String(asset.headers['content-security-policy']);
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect((await built.inject({ url: '/explorer/assets/none.js' })).statusCode).toBe(404);
  });

  it('says how to build the page when it was not built, instead of failing', async () => {
    for (const url of ['/explorer', '/explorer/', '/explorer/assets/index-abc123.js']) {
      const response = await missing.inject({ url });
      expect(response.statusCode, url).toBe(503);
      expect(response.body, url).toContain('npm run build');
    }
  });
});
