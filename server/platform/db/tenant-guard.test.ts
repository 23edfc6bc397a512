import { and, eq } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { allTowns, createTenantQueryGuard, findUnscopedTable, runTenantChecked } from './tenant-guard';

const notes = pgTable('notes', {
  id: uuid('id').primaryKey(),
  tenantId: uuid('tenant_id'),
  body: text('body'),
});
const tenantTables = new Set(['notes', 'requests']);
const dialect = new PgDialect();

/** The SQL text Drizzle writes for a query, as the guard sees it. */
function sqlOf(query: { getSQL(): import('drizzle-orm').SQL }): string {
  return dialect.sqlToQuery(query.getSQL()).sql;
}

describe('findUnscopedTable', () => {
  it('passes statements that filter on the town, and inserts', () => {
    expect(
      findUnscopedTable(
        'select "id" from "notes" where ("notes"."tenant_id" = $1 and "notes"."id" = $2)',
        tenantTables,
      ),
    ).toBeNull();
    expect(
      findUnscopedTable('update "notes" set "body" = $1 where ("notes"."tenant_id" = $2)', tenantTables),
    ).toBeNull();
    expect(
      findUnscopedTable('insert into "notes" ("id", "tenant_id") values ($1, $2)', tenantTables),
    ).toBeNull();
    expect(findUnscopedTable('select count(*) from "tenants"', tenantTables)).toBeNull();
  });

  it('finds a table read or changed without its town', () => {
    expect(findUnscopedTable('select "id" from "notes" where "notes"."id" = $1', tenantTables)).toBe('notes');
    expect(findUnscopedTable('delete from "notes" where "notes"."id" = $1', tenantTables)).toBe('notes');
    expect(
      findUnscopedTable('update "requests" set "status" = $1 where "requests"."id" = $2', tenantTables),
    ).toBe('requests');
  });

  it('lets a statement span every town when it says so', () => {
    const where = dialect.sqlToQuery(and(allTowns(), eq(notes.id, 'x'))!).sql;
    expect(findUnscopedTable(`select "id" from "notes" where ${where}`, tenantTables)).toBeNull();
  });
});

describe('createTenantQueryGuard', () => {
  const guard = createTenantQueryGuard(tenantTables);

  it('checks only the work it was asked to check (requests and jobs), and throws there', () => {
    const unscoped = 'select "id" from "notes" where "notes"."id" = $1';
    expect(() => guard.logQuery(unscoped)).not.toThrow();
    expect(() => runTenantChecked('GET /notes', () => guard.logQuery(unscoped))).toThrow(
      /Query on "notes" without a tenant_id condition during GET \/notes/,
    );
    expect(() =>
      runTenantChecked('job notes.sweep', () =>
        guard.logQuery(sqlOf({ getSQL: () => eq(notes.tenantId, 't') })),
      ),
    ).not.toThrow();
  });
});
