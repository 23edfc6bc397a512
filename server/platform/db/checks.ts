import { sql } from 'drizzle-orm';

/** `column IN ('a', 'b')` for a CHECK constraint over one of our constant lists (never user input). */
export function isOneOf(column: string, values: readonly string[]) {
  return sql.raw(`${column} IN (${values.map((value) => `'${value}'`).join(', ')})`);
}
