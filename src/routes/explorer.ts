import { existsSync } from 'node:fs';
import { join } from 'node:path';

import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

/**
 * The network explorer page (explorer/, built by `npm run build` into dist/explorer) at
 * /explorer. The page and its assets need no key: the page signs in with one and calls /v1 like
 * any client. Its Content-Security-Policy is the service's with one addition, `worker-src blob:`,
 * because the ForceAtlas2 layout runs in a web worker made from a blob URL; it leaves out
 * `upgrade-insecure-requests`, so the page also works over plain HTTP on a LAN address.
 * Without a build, /explorer says how to make one instead of failing.
 */

export const EXPLORER_DIR = join(import.meta.dirname, '..', '..', 'dist', 'explorer');

export const EXPLORER_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Network explorer not built</title></head>
<body><h1>The network explorer is not built</h1>
<p>Its page is made by <code>npm run build</code> (which <code>npm start</code> runs) into <code>dist/explorer/</code>. Build it and restart the service.</p>
<p>The API is unaffected: see <a href="/docs">/docs</a>.</p></body></html>`;

export const explorerRoutes: FastifyPluginAsync<{ root?: string }> = async (app, { root = EXPLORER_DIR }) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', EXPLORER_CSP);
    return payload;
  });
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'explorer: the page is not built (npm run build): /explorer explains');
    const notBuilt = async (_request: unknown, reply: FastifyReply) => reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    app.get('/explorer', { schema: { hide: true } }, notBuilt);
    app.get('/explorer/*', { schema: { hide: true } }, notBuilt);
    return;
  }
  // Swagger UI decorates the reply with its own static plugin: this one leaves the reply alone.
  // Asset names carry a content hash and can be kept for good; the page itself is asked for again.
  await app.register(fastifyStatic, {
    root,
    prefix: '/explorer/',
    decorateReply: false,
    index: 'index.html',
    cacheControl: false,
    setHeaders: (reply, path) => reply.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
  });
  // /explorer is what people type; the page and its assets live under /explorer/.
  app.get('/explorer', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/explorer/', 301));
};
