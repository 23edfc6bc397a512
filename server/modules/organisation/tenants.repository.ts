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

/** Every town of the instance, oldest first (the operator's `npm run town:list`). */
export async function findTenants(db: DbOrTx): Promise<Tenant[]> {
  return db.select().from(tenants).orderBy(asc(tenants.createdAt), asc(tenants.slug));
}

export async function findTenantById(db: DbOrTx, id: string): Promise<Tenant | undefined> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, id)).limit(1);
  return tenant;
}

/** A town's settings with the defaults filled in (the defaults when the town is unknown). */
export async function findTenantSettings(db: DbOrTx, tenantId: string): Promise<TenantSettings> {
  const [tenant] = await db
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  return withDefaultSettings(tenant?.settings);
}

/** Every town's id, or only `tenantId` when it exists (the recurring jobs run per town). */
export async function findTownIds(db: DbOrTx, tenantId?: string): Promise<string[]> {
  const rows = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(tenantId ? eq(tenants.id, tenantId) : undefined);
  return rows.map((row) => row.id);
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

export async function findTenantBySlug(db: DbOrTx, slug: string): Promise<Tenant | undefined> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return tenant;
}

/**
 * Locks the tenant's row until the end of the transaction: changes that must see a stable
 * picture of the tenant (department hierarchy, settings read-modify-write) queue up behind it.
 */
export async function lockTenant(tx: DbOrTx, id: string): Promise<Tenant | undefined> {
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, id)).for('update').limit(1);
  return tenant;
}

export interface TenantChanges {
  name?: string;
  inseeCode?: string | null;
  isDefault?: boolean;
  settings?: TenantSettings;
}

export async function updateTenant(
  db: DbOrTx,
  id: string,
  changes: TenantChanges,
  updatedAt: Date,
): Promise<Tenant | undefined> {
  const [tenant] = await db
    .update(tenants)
    .set({ ...changes, updatedAt })
    .where(eq(tenants.id, id))
    .returning();
  return tenant;
}

/** Any fixed number: only tenant provisioning takes this advisory lock. */
const TENANT_PROVISIONING_LOCK_ID = 7_240_532;

/**
 * Serialises tenant provisioning (demo seed, default tenant) until the end of the transaction,
 * so app instances starting together on one PostgreSQL database do not create a town twice.
 */
export async function lockTenantProvisioning(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${TENANT_PROVISIONING_LOCK_ID})`);
}
