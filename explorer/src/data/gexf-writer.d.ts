/** graphology-gexf's writer module on its own (the package types only its entry points). */
declare module 'graphology-gexf/common/writer.js' {
  import type { write } from 'graphology-gexf/browser/index.js';

  const writer: typeof write;
  export default writer;
}
