import { readFileSync } from 'node:fs';

/** The package version, shown by the health endpoint and the OpenAPI document. */
export const appVersion: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
