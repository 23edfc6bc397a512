import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { tenants, type TenantSettings } from './organisation.tables';
import { withDefaultSettings } from './tenant-settings';

export type Tenant = typeof tenants.$inferSelect;

export async function findTenantByHost(db: DbOrTx, host: string): Promise<Tenant | undefined> {
  const [tenant] = await db
    .select()
    .from(tenants)
    .where(sql`${host} = ANY(${tenants.hostNames})`)
    .limit(1);
  return tenant;
}

export async function findDefaultTenant(db: DbOrTx): Promise<Tenant | undefined> {
  const [tenant] = await db
    .select()
    .from(tenants)
    .where(eq(tenants.isDefault, true))
    .orderBy(asc(tenants.createdAt))
    .limit(1);
  return tenant;
}

export async function findTenantById(db: DbOrTx, id: string): Promise<Tenant | undefined> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, id)).limit(1);
  return tenant;
}

export interface NewTenant {
  slug: string;
  name: string;
  hostNames?: string[];
  inseeCode?: string | null;
  isDefault?: boolean;
  settings?: Partial<TenantSettings>;
}

export async function insertTenant(db: DbOrTx, input: NewTenant): Promise<Tenant> {
  const [tenant] = await db
    .insert(tenants)
    .values({
      slug: input.slug,
      name: input.name,
      hostNames: (input.hostNames ?? []).map((host) => host.toLowerCase()),
      inseeCode: input.inseeCode ?? null,
      isDefault: input.isDefault ?? false,
      settings: withDefaultSettings(input.settings),
    })
    .returning();
  return tenant!;
}
