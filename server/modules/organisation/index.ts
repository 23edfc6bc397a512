/**
 * The organisation module's public face: towns (tenants) and their settings, departments,
 * categories and the business calendar. Other modules import from here only.
 */
import type { ModuleManifest } from '../../platform/modules/module-manifest';
import { organisationPersonalData } from './organisation.personal-data';
import * as tables from './organisation.tables';
import { organisationRoutes } from './organisation.routes';
import { registerTenantResolution } from './tenancy';
import { findTownIds } from './tenants.repository';

export const organisationModule: ModuleManifest = {
  name: 'organisation',
  tables,
  personalData: organisationPersonalData,
  httpHooks: registerTenantResolution,
  routes: [organisationRoutes],
  extensions: { townIds: findTownIds },
};

export type { SilenceRule, TenantSettings } from './organisation.tables';
export {
  addCalendarDays,
  easterSunday,
  isWeekend,
  parisDayOf,
  parisEndOfDay,
  parisStartOfDay,
} from './business-calendar';
export { findCalendarClosureByDay, insertCalendarClosure } from './calendar-closures.repository';
export {
  findCategories,
  findCategoryByCode,
  findCategoryById,
  findCategoryNames,
  insertCategory,
} from './categories.repository';
export {
  findActiveDepartments,
  findDepartmentByCode,
  findDepartmentById,
  findDepartmentNames,
  findDepartmentIdsOfTenant,
  findDepartments,
  insertDepartment,
} from './departments.repository';
export { ensureDefaultTenant } from './use-cases/ensure-default-tenant';
export { withDefaultSettings, contactChannels, digitalChannels } from './tenant-settings';
export {
  findDefaultTenant,
  findTenantByHost,
  findTenantById,
  findTenantBySlug,
  findTenantSettings,
  insertTenant,
  lockTenantProvisioning,
  type Tenant,
} from './tenants.repository';
export { computeTenantDueDate } from './use-cases/compute-due-date';
export { computeSnapshotDueDate, findTownSnapshot, type TownSnapshot } from './town-snapshot';
export { loadBusinessCalendar } from './use-cases/load-business-calendar';
export { normaliseHost } from './tenancy';
export { findTenants } from './tenants.repository';
