import { pathToFileURL } from 'node:url';

import { ConfigError, loadConfig } from '../config.js';
import { bulkImport, type BulkImportReport, ImportRefusedError } from '../import/bulk-import.js';

/**
 * `npm run import -- FILE…`: the bulk first load (import/bulk-import.ts). Prints the import
 * report as JSON on stdout, progress on stderr. Exit codes: 0 imported; 2 the input was refused
 * (a record failed validation, an id came twice, a value the tool cannot write): nothing was
 * imported; 3 the store was not empty or NEO4J_URI is set: nothing was touched; 64 usage;
 * 1 anything else.
 */

export const USAGE = `usage: npm run import -- FILE.ndjson|FILE.json …

Loads the files into a new embedded Neo4j store (NEO4J_HOME, database NEO4J_DATABASE) with
neo4j-admin database import: each file as POST /v1/ingest takes it (NDJSON with its header
line, or a JSON document), every record checked as an ingest checks it. The store must be
empty and NEO4J_URI unset; later loads go through POST /v1/ingest.

exit codes: 0 imported, 2 input refused (nothing imported), 3 store not empty or NEO4J_URI set,
64 usage, 1 failed`;

export const EXIT = { done: 0, failed: 1, input: 2, store: 3, usage: 64 } as const;

const say = (line: string) => process.stderr.write(`import: ${line}\n`);

export async function runImport(argv: string[], out: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(`${USAGE}\n`);
    return EXIT.done;
  }
  const unknown = argv.filter((arg) => arg.startsWith('-'));
  if (unknown.length > 0 || argv.length === 0) {
    say(unknown.length > 0 ? `unknown option ${unknown[0]}` : 'no files given');
    process.stderr.write(`${USAGE}\n`);
    return EXIT.usage;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    say(error.message);
    return EXIT.usage;
  }
  let report: BulkImportReport;
  try {
    report = await bulkImport(config, argv, say);
  } catch (error) {
    if (!(error instanceof ImportRefusedError)) throw error;
    say(`refused: ${error.message}`);
    return error.reason === 'input' ? EXIT.input : EXIT.store;
  }
  out(`${JSON.stringify(report, null, 2)}\n`);
  if (report.status === 'rejected') {
    const rejected = report.files.find((f) => f.report.status === 'rejected')!;
    say(`refused: ${rejected.file}: ${rejected.report.rejected} record(s) failed validation (listed in the report); nothing was imported`);
    return EXIT.input;
  }
  say(`imported ${report.store?.nodes} nodes and ${report.store?.relationships} relationships into ${report.home} in ${(report.timings.totalMs / 1000).toFixed(1)} s`);
  return EXIT.done;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runImport(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      say(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(EXIT.failed);
    },
  );
}
