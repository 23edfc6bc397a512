/**
 * The modules Guichet is made of, in the order they are installed: a module comes after the
 * modules whose extension points and HTTP hooks it relies on (the town before the session).
 * Adding a capability is adding its manifest here.
 */
import { is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { accountsModule } from './modules/accounts';
import { intakeModule } from './modules/intake';
import { messagingModule } from './modules/messaging';
import { organisationModule } from './modules/organisation';
import { requestsModule } from './modules/requests';
import type { ModuleManifest } from './platform/modules/module-manifest';

export const applicationModules: readonly ModuleManifest[] = [
  organisationModule,
  accountsModule,
  messagingModule,
  requestsModule,
  intakeModule,
];

/**
 * The names of the modules' tables that hold `tenant_id`: what the tenant query guard checks.
 * The jobs queue is the platform's: the worker claims and leases jobs of every town by id, on purpose.
 */
export function tenantOwnedTables(): Set<string> {
  const tables = applicationModules.flatMap((manifest) => Object.values(manifest.tables));
  return new Set(
    tables
      .filter((table): table is PgTable => is(table, PgTable))
      .map((table) => getTableConfig(table))
      .filter((config) => config.columns.some((column) => column.name === 'tenant_id'))
      .map((config) => config.name),
  );
}
