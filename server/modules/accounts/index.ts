/**
 * The accounts module's public face: citizens and agents (one users table), sessions, roles and
 * department memberships, OpenID Connect. Other modules import from here only.
 */
import type { ModuleManifest } from '../../platform/modules/module-manifest';
import { accountsPersonalData } from './accounts.personal-data';
import * as tables from './accounts.tables';
import { accountSubjectHandler, findRecipientAccount } from './account-subject';
import { accountTemplates } from './account-templates';
import { accountsRoutes } from './accounts.routes';
import { oidcRoutes } from './oidc/oidc.routes';
import { registerSessionLoading } from './session-hooks';

export const accountsModule: ModuleManifest = {
  name: 'accounts',
  tables,
  personalData: accountsPersonalData,
  httpHooks: registerSessionLoading,
  routes: [accountsRoutes, oidcRoutes],
  extensions: {
    messageTemplates: accountTemplates,
    messageSubjects: [accountSubjectHandler],
    messageRecipientAccounts: findRecipientAccount,
  },
};

export type { PostalAddress } from './accounts.tables';
export { PostalAddressSchema } from './accounts.schemas';
export { insertAccount } from './insert-account';
export { tenantBaseUrl, type TenantAddress } from './links';
export { hashPassword } from './password';
export { bootstrapAdmin } from './use-cases/bootstrap-admin';
export {
  findDepartmentIdsOfUser,
  findUserByEmail,
  findUserById,
  insertUser,
  setDepartmentMemberships,
  type User,
} from './users.repository';
export { queueInvitation } from './account-mails';
export { findAgentsOfTenant } from './users.repository';
export {
  containsPattern,
  findAccountIdsWithPhone,
  findActiveAgents,
  findActiveAgentsWithRole,
  findCitizensWithPhone,
  findPersonNames,
  searchCitizenAccounts,
  type CitizenAccountRow,
  type PersonName,
} from './people.repository';
