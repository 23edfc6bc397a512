import type { Cents } from '../../../common/money';
import type { CalendarClosure } from './calendar-closures.repository';
import type { Category } from './categories.repository';
import type { Department } from './departments.repository';
import { type ContactChannel, contactChannels, withDefaultSettings } from './tenant-settings';
import type { Tenant } from './tenants.repository';

/** Rows → the JSON shapes of organisation.schemas.ts. */

export function toPublicTenantView(tenant: Tenant) {
  return { id: tenant.id, slug: tenant.slug, name: tenant.name, inseeCode: tenant.inseeCode };
}

export function toAdminTenantView(tenant: Tenant) {
  const settings = withDefaultSettings(tenant.settings);
  const unitCostsCents = Object.fromEntries(
    contactChannels.map((channel) => [channel, settings.unitCostsCents[channel] ?? 0]),
  ) as Record<ContactChannel, Cents>;
  return {
    ...toPublicTenantView(tenant),
    hostNames: tenant.hostNames,
    isDefault: tenant.isDefault,
    settings: { ...settings, unitCostsCents },
  };
}

export function toDepartmentView(department: Department) {
  return {
    id: department.id,
    code: department.code,
    name: department.name,
    parentId: department.parentId,
    email: department.email,
    phone: department.phone,
    postalAddress: department.postalAddress,
    isActive: department.isActive,
  };
}

export function toPublicCategoryView(category: Category) {
  return {
    id: category.id,
    code: category.code,
    name: category.name,
    description: category.description,
    departmentId: category.defaultDepartmentId,
    deadlineDays: category.deadlineDays,
    silenceRule: category.silenceRule,
    silencePeriodDays: category.silencePeriodDays,
  };
}

export function toCategoryView(category: Category) {
  return { ...toPublicCategoryView(category), isActive: category.isActive };
}

export function toCalendarClosureView(closure: CalendarClosure) {
  return { id: closure.id, day: closure.day, label: closure.label };
}
