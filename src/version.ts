import { readFileSync } from 'node:fs';

/** ets-brief's version, from package.json (part of every cache key and the datapackage). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
