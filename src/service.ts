import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

/** Name and version of this service, from package.json. */
export const SERVICE = Object.freeze({ name: pkg.name, version: pkg.version });
