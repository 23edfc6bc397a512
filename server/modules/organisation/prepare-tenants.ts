import type { AppContext } from '../../app-context';
import { demoAccounts, demoPassword, demoTown } from '../../demo/demo-town';
import { seedDemoTown } from '../../demo/seed-demo-town';
import {
  findDefaultTenant,
  findTenantBySlug,
  insertTenant,
  lockTenantProvisioning,
  updateTenant,
} from './tenants.repository';
import { transaction } from '../../platform/db/transaction';

const defaultTown = { slug: 'default', name: 'Ma commune' };

/**
 * Start-up: seeds the demo town when DEMO is on, otherwise makes sure a default tenant exists so
 * that localhost answers. Returns the lines main.ts prints (demo accounts, what to do next).
 */
export async function prepareTenants(ctx: Pick<AppContext, 'config' | 'db' | 'clock'>): Promise<string[]> {
  if (ctx.config.demo) {
    const { tenant, created } = await seedDemoTown(ctx);
    const where = tenant.isDefault
      ? `${ctx.config.publicUrl} (also http://${demoTown.hostNames[0]}:${ctx.config.port})`
      : `http://${demoTown.hostNames[0]}:${ctx.config.port} (another town is the default one)`;
    const width = Math.max(...demoAccounts.map((account) => account.email.length));
    return [
      `  demo town: ${tenant.name} at ${where}${created.tenants ? ', just created' : ''}`,
      `  demo accounts (password for all: ${demoPassword}):`,
      ...demoAccounts.map((account) => `    ${account.email.padEnd(width)}  ${account.description}`),
      '  (DEMO=false leaves the demo town out; it is off by default when NODE_ENV=production)',
    ];
  }

  const existing = await findDefaultTenant(ctx.db);
  if (existing) return [`  town: ${existing.name}`];
  const tenant = await transaction(ctx.db, async (tx) => {
    await lockTenantProvisioning(tx);
    const createdMeanwhile = await findDefaultTenant(tx);
    if (createdMeanwhile) return createdMeanwhile;
    const sameSlug = await findTenantBySlug(tx, defaultTown.slug);
    if (sameSlug) return (await updateTenant(tx, sameSlug.id, { isDefault: true }, ctx.clock.now()))!;
    return insertTenant(tx, { ...defaultTown, isDefault: true });
  });
  return [
    `  town: created the default town “${tenant.name}” (slug ${tenant.slug}). Set its name, INSEE code,`,
    '    departments and categories in the back office (/agent, Administration) as an administrator.',
  ];
}
