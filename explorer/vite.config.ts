import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

/**
 * The network explorer's build: a static page served by the service at /explorer
 * (src/routes/explorer.ts), so every asset URL starts there. The output sits next to the
 * compiled service in dist/, which `npm run build` (and so `npm start`) writes.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/explorer/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/explorer', import.meta.url)),
    // The output folder is outside this root: Vite empties it only when told to.
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
});
