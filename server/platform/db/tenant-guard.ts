/**
 * Town-scoped queries cannot forget the town: a check, on in the test suite (and available in
 * development with TENANT_QUERY_GUARD=true), that every statement the application runs while it
 * serves an HTTP request or runs a job, and that reads or changes a table holding `tenant_id`,
 * filters on `tenant_id`. Every route and every job of the suite thus proves its own queries.
 * A statement that must span every town (the worker's claim of due jobs, mailboxes polled for all
 * towns) says so with `allTowns()` in its WHERE clause.
 *
 * Why a check and not PostgreSQL row-level security: the embedded PGlite runs every request on one
 * connection, and node-postgres' pool does not pin a connection to a request, so a per-request
 * `SET` of the town cannot be relied upon; the check covers both engines the same way.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type SQL } from 'drizzle-orm';

/** The comment that marks a statement spanning every town on purpose. */
export const allTownsMarker = 'guichet:all-towns';

/** A WHERE condition that is always true and marks the statement as spanning every town. */
export function allTowns(): SQL {
  return sql.raw(`true /* ${allTownsMarker} */`);
}

const scopes = new AsyncLocalStorage<{ work: string }>();

/** Runs `work` as application work whose queries the guard checks (HTTP handler, job). */
export function runTenantChecked<T>(work: string, run: () => T): T {
  return scopes.run({ work }, run);
}

/** `runTenantChecked` when the configuration turns the guard on, else just `run()`. */
export function runCheckedIf<T>(isOn: boolean, work: string, run: () => T): T {
  return isOn ? runTenantChecked(work, run) : run();
}

/** The application work in progress, when the guard checks it. */
export function checkedWork(): string | undefined {
  return scopes.getStore()?.work;
}

const statementsWithoutTables =
  /^\s*(insert|begin|commit|rollback|savepoint|release|set|show|listen|unlisten|notify|select\s+pg_|select\s+set_config|select\s+1\b)/i;

/**
 * The tenant-owned table a statement reads or changes without any `tenant_id` condition, or null.
 * A heuristic on the SQL text Drizzle writes (quoted names): every table after FROM or UPDATE that
 * has a `tenant_id` column must appear with `"table"."tenant_id"`, or the statement must carry an
 * unqualified `"tenant_id" =` / `in` condition. Joined tables are reached through rows already
 * scoped, so they are not checked; inserts always name their town.
 */
export function findUnscopedTable(statement: string, tenantTables: ReadonlySet<string>): string | null {
  if (statement.includes(allTownsMarker) || statementsWithoutTables.test(statement)) return null;
  for (const match of statement.matchAll(/\b(?:from|update)\s+"([a-z_]+)"/gi)) {
    const table = match[1]!;
    if (!tenantTables.has(table)) continue;
    const qualified = statement.includes(`"${table}"."tenant_id"`);
    const unqualified = /(^|[^."\w])"tenant_id"\s*(=|in\b|is\b)/i.test(statement);
    if (!qualified && !unqualified) return table;
  }
  return null;
}

/** A drizzle logger that throws on a statement of checked work that forgets the town. */
export function createTenantQueryGuard(tenantTables: ReadonlySet<string>) {
  return {
    logQuery(statement: string): void {
      const work = checkedWork();
      if (!work) return;
      const table = findUnscopedTable(statement, tenantTables);
      if (table) {
        throw new Error(
          `Query on "${table}" without a tenant_id condition during ${work}: ${statement.slice(0, 500)}`,
        );
      }
    },
  };
}
