import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { AppError } from '../../../platform/http/app-error';
import { identityProviders } from '../accounts.tables';

export type IdentityProvider = typeof identityProviders.$inferSelect;

export type NewIdentityProvider = Pick<
  IdentityProvider,
  | 'tenantId'
  | 'slug'
  | 'label'
  | 'issuerUrl'
  | 'clientId'
  | 'clientSecret'
  | 'scopes'
  | 'acrValues'
  | 'isEnabled'
>;

export type IdentityProviderChanges = Partial<Omit<NewIdentityProvider, 'tenantId'>>;

export async function findIdentityProviders(db: DbOrTx, tenantId: string): Promise<IdentityProvider[]> {
  return db
    .select()
    .from(identityProviders)
    .where(eq(identityProviders.tenantId, tenantId))
    .orderBy(asc(identityProviders.label), asc(identityProviders.slug));
}

/** The providers shown as buttons on the login page. */
export async function findEnabledIdentityProviders(
  db: DbOrTx,
  tenantId: string,
): Promise<{ slug: string; label: string }[]> {
  return db
    .select({ slug: identityProviders.slug, label: identityProviders.label })
    .from(identityProviders)
    .where(and(eq(identityProviders.tenantId, tenantId), eq(identityProviders.isEnabled, true)))
    .orderBy(asc(identityProviders.label), asc(identityProviders.slug));
}

export async function findIdentityProviderById(
  db: DbOrTx,
  tenantId: string,
  id: string,
): Promise<IdentityProvider | undefined> {
  const [provider] = await db
    .select()
    .from(identityProviders)
    .where(and(eq(identityProviders.tenantId, tenantId), eq(identityProviders.id, id)))
    .limit(1);
  return provider;
}

export async function findIdentityProviderBySlug(
  db: DbOrTx,
  tenantId: string,
  slug: string,
): Promise<IdentityProvider | undefined> {
  const [provider] = await db
    .select()
    .from(identityProviders)
    .where(and(eq(identityProviders.tenantId, tenantId), eq(identityProviders.slug, slug)))
    .limit(1);
  return provider;
}

export async function insertIdentityProvider(
  db: DbOrTx,
  values: NewIdentityProvider,
): Promise<IdentityProvider> {
  const [provider] = await db.insert(identityProviders).values(values).returning();
  return provider!;
}

export async function updateIdentityProvider(
  db: DbOrTx,
  tenantId: string,
  id: string,
  changes: IdentityProviderChanges,
): Promise<IdentityProvider | undefined> {
  const [provider] = await db
    .update(identityProviders)
    .set(changes)
    .where(and(eq(identityProviders.tenantId, tenantId), eq(identityProviders.id, id)))
    .returning();
  return provider;
}

/** Deletes the provider and, by cascade, the identities linked through it; false when absent. */
export async function deleteIdentityProvider(db: DbOrTx, tenantId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(identityProviders)
    .where(and(eq(identityProviders.tenantId, tenantId), eq(identityProviders.id, id)))
    .returning({ id: identityProviders.id });
  return deleted.length > 0;
}

/** The enabled provider `slug` of this tenant; IDENTITY_PROVIDER_NOT_FOUND when absent or disabled. */
export async function getEnabledIdentityProvider(
  db: DbOrTx,
  tenantId: string,
  slug: string,
): Promise<IdentityProvider> {
  const provider = await findIdentityProviderBySlug(db, tenantId, slug);
  if (!provider || !provider.isEnabled) {
    throw new AppError('IDENTITY_PROVIDER_NOT_FOUND', `No identity provider "${slug}" here.`);
  }
  return provider;
}
