/**
 * What a request's intake needs of its town, read from a per-process cache checked against the
 * town's version on each use (platform/db/town-cache.ts): the town and its settings, its
 * categories and departments by id, its business calendar. The snapshot's objects are shared by
 * every reader: frozen, never to be changed.
 */
import type { DbOrTx } from '../../platform/db/client';
import { AppError } from '../../platform/http/app-error';
import { createTownCache } from '../../platform/db/town-cache';
import {
  computeDueDate,
  createBusinessCalendar,
  type BusinessCalendar,
  type DueDate,
} from './business-calendar';
import { findCalendarClosures } from './calendar-closures.repository';
import { findCategories, type Category } from './categories.repository';
import { findDepartments, type Department } from './departments.repository';
import type { TenantSettings } from './organisation.tables';
import { withDefaultSettings } from './tenant-settings';
import { findTenantById, type Tenant } from './tenants.repository';

export interface TownSnapshot {
  /** Undefined when no town has this id. */
  readonly tenant: Readonly<Tenant> | undefined;
  /** With the defaults filled in. */
  readonly settings: Readonly<TenantSettings>;
  readonly categories: ReadonlyMap<string, Readonly<Category>>;
  readonly departments: ReadonlyMap<string, Readonly<Department>>;
  /** Public holidays of its region and every closure of the town (only days ahead ever count). */
  readonly calendar: BusinessCalendar;
}

async function loadTownSnapshot(db: DbOrTx, tenantId: string): Promise<TownSnapshot> {
  const tenant = await findTenantById(db, tenantId);
  const categories = await findCategories(db, tenantId);
  const departments = await findDepartments(db, tenantId);
  const closures = await findCalendarClosures(db, tenantId);
  return Object.freeze({
    tenant: tenant ? Object.freeze(tenant) : undefined,
    settings: Object.freeze(withDefaultSettings(tenant?.settings)),
    categories: new Map(categories.map((category) => [category.id, Object.freeze(category)])),
    departments: new Map(departments.map((department) => [department.id, Object.freeze(department)])),
    calendar: createBusinessCalendar({
      inseeCode: tenant?.inseeCode ?? null,
      closedDays: closures.map((closure) => closure.day),
    }),
  });
}

const townSnapshots = createTownCache(loadTownSnapshot);

/** The town's snapshot: one read of its version when it has not changed since last loaded. */
export function findTownSnapshot(db: DbOrTx, tenantId: string): Promise<TownSnapshot> {
  return townSnapshots.get(db, tenantId);
}

/** The cache itself, for its tests. */
export const townSnapshotCache = townSnapshots;

/**
 * When a request received at `receivedAt` with a deadline of `businessDays` falls due, on the
 * snapshot's calendar: the same answer as `computeTenantDueDate`, without reading the closures.
 */
export function computeSnapshotDueDate(
  snapshot: TownSnapshot,
  receivedAt: Date,
  businessDays: number,
): DueDate {
  if (!snapshot.tenant) throw new AppError('TENANT_NOT_FOUND', 'No town is served at this address.');
  return computeDueDate(receivedAt, businessDays, snapshot.calendar);
}
