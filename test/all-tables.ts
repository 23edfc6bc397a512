import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../server');

function findTableFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTableFiles(full);
    return entry.name.endsWith('.tables.ts') ? [full] : [];
  });
}

/**
 * Every Drizzle table of the application, by export name, found the way drizzle-kit finds them
 * (every `server/**\/*.tables.ts` file): what the migrations create, whoever owns it.
 */
export async function findAllTables(): Promise<Record<string, PgTable>> {
  const tables: Record<string, PgTable> = {};
  for (const file of findTableFiles(serverDir).sort()) {
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (is(value, PgTable)) tables[name] = value;
    }
  }
  return tables;
}
