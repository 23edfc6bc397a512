import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../server/platform/db/client';

/**
 * Tables without a tenant_id column, and how a town's rows are found in them. A new table
 * without tenant_id fails `snapshotTown` until it is placed here: the walk must not miss it.
 */
const tablesWithoutTenantColumn: Record<string, ((tenantId: string) => ReturnType<typeof sql>) | null> = {
  tenants: (tenantId) => sql`select to_jsonb(t) as row from tenants t where id = ${tenantId}`,
  // Throttle keys carry the tenant: `account:<tenant>:<email>`, `address:<tenant>:<ip>`.
  login_failures: (tenantId) =>
    sql`select to_jsonb(t) as row from login_failures t where throttle_key like ${`%${tenantId}%`}`,
};

/**
 * Every row of one town, table by table, as JSON text sorted: two snapshots are equal when
 * nothing of the town was added, changed or removed.
 */
export async function snapshotTown(db: Db, tenantId: string): Promise<Record<string, string[]>> {
  const tables = await queryRows<{ table_name: string; has_tenant: boolean }>(
    db,
    sql`select c.relname as table_name,
               exists (select 1 from pg_attribute a
                       where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as has_tenant
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname = current_schema()
        order by c.relname`,
  );
  const snapshot: Record<string, string[]> = {};
  for (const { table_name: table, has_tenant: hasTenant } of tables) {
    let query: ReturnType<typeof sql>;
    if (hasTenant) {
      query = sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where tenant_id = ${tenantId}`;
    } else if (table in tablesWithoutTenantColumn) {
      const select = tablesWithoutTenantColumn[table];
      if (!select) continue;
      query = select(tenantId);
    } else {
      throw new Error(
        `town snapshot: table ${table} has no tenant_id column; say in tablesWithoutTenantColumn how a town's rows are found there`,
      );
    }
    const rows = await queryRows<{ row: unknown }>(db, query);
    snapshot[table] = rows.map(({ row }) => JSON.stringify(row)).sort();
  }
  return snapshot;
}
