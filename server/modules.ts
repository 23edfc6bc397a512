/**
 * The modules Guichet is made of, in the order they are installed: a module comes after the
 * modules whose extension points and HTTP hooks it relies on (the town before the session).
 * Adding a capability is adding its manifest here.
 */
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
