import { RequestGenerator, type GeneratorCategory } from '../../bench/generator';
import { buildRequestRows, RecentIds, type TownIds } from '../../bench/rows';
import { findUserByEmail } from '../modules/accounts';
import { addCalendarDays, parisDayOf } from '../modules/organisation';
import { findCategoryByCode } from '../modules/organisation';
import { findDepartmentByCode } from '../modules/organisation';
import { loadBusinessCalendar } from '../modules/organisation';
import { countTownRequests, importRequests } from '../modules/requests';
import type { DbOrTx } from '../platform/db/client';
import { demoAccounts, demoCategories, demoDepartments } from './demo-town';

/** About two months of a town's life in 60 requests: enough closed, answered, open and overdue ones. */
export const demoRequestCount = 60;
const demoSpanDays = 45;
const demoSeed = 2026;

const agentOfDepartment: Record<string, string> = {
  voirie: 'voirie@demo.guichet.fr',
  'etat-civil': 'etat-civil@demo.guichet.fr',
};
const adminEmail = 'admin@demo.guichet.fr';
const receptionEmail = 'accueil@demo.guichet.fr';
const signatoryEmail = 'maire@demo.guichet.fr';
const citizenEmail = 'camille.martin@example.fr';

/**
 * Gives the demo town living queues: ~60 requests from the bench generator over the last weeks,
 * on every channel, across the lifecycle (timeline events and phase timestamps coherent, some
 * overdue, some anonymous with a contact, some by the demo citizen). Runs in the seeding
 * transaction and does nothing when the town already has requests. Returns how many it added.
 */
export async function seedDemoRequests(tx: DbOrTx, tenantId: string, now: Date): Promise<number> {
  if ((await countTownRequests(tx, tenantId)) > 0) return 0;

  const departmentIds = new Map<string, string>();
  for (const department of demoDepartments) {
    const row = await findDepartmentByCode(tx, tenantId, department.code);
    if (row) departmentIds.set(department.code, row.id);
  }
  const categoryIds = new Map<string, string>();
  const categories: GeneratorCategory[] = [];
  for (const category of demoCategories) {
    const row = await findCategoryByCode(tx, tenantId, category.code);
    if (!row || !row.isActive) continue;
    categoryIds.set(category.code, row.id);
    categories.push({
      code: category.code,
      departmentCode: category.departmentCode,
      deadlineDays: row.deadlineDays,
    });
  }
  const userId = async (email: string) => (await findUserByEmail(tx, tenantId, email))?.id;
  const adminId = await userId(adminEmail);
  const receptionId = (await userId(receptionEmail)) ?? adminId;
  const signatoryId = (await userId(signatoryEmail)) ?? adminId;
  const citizenAccount = demoAccounts.find((account) => account.email === citizenEmail);
  const citizenId = await userId(citizenEmail);
  if (categories.length === 0 || !receptionId || !signatoryId || !citizenAccount || !citizenId) return 0;

  const agentsByDepartment = new Map<string, string[]>();
  for (const code of departmentIds.keys()) {
    const agentId = (agentOfDepartment[code] ? await userId(agentOfDepartment[code]) : undefined) ?? adminId;
    agentsByDepartment.set(code, agentId ? [agentId] : []);
  }
  const town: TownIds = {
    tenantId,
    categoryIds,
    departmentIds,
    agentsByDepartment,
    receptionId,
    signatoryId,
    citizenOf: () => ({
      id: citizenId,
      person: {
        firstName: citizenAccount.firstName,
        lastName: citizenAccount.lastName,
        email: citizenAccount.email,
        phone: citizenAccount.phone ?? '',
        postalAddress: citizenAccount.postalAddress!,
      },
    }),
  };

  const calendar = await loadBusinessCalendar(tx, tenantId, {
    fromDay: addCalendarDays(parisDayOf(now), -demoSpanDays),
  });
  const generator = new RequestGenerator({
    seed: demoSeed,
    count: demoRequestCount,
    end: now,
    spanDays: demoSpanDays,
    categories,
    citizenCount: 1,
    calendar,
    // A demo backlog: a few requests nobody got to, overdue by now.
    stalledShare: 0.08,
  });
  const recent = new RecentIds();
  const rows = [...generator].map((generated) => buildRequestRows(generated, town, recent));
  await importRequests(tx, tenantId, rows);
  return rows.length;
}
