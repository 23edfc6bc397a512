import { bigint, pgTable, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per town: a version that database triggers set, in the same transaction, on any change
 * of what the town caches hold (the town, its categories, departments, calendar closures and
 * message templates; migration 0013). A cache keeps what it loaded with the version it read
 * before loading, and trusts it only while the version is unchanged (see town-cache.ts). Versions
 * come from a sequence, which a rollback never gives back: a version seen inside a transaction
 * that rolled back is never the version of other content. No foreign key: the row only says
 * "changed", and must not stand in the way of removing a town.
 */
export const townVersions = pgTable('town_versions', {
  tenantId: uuid('tenant_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});
