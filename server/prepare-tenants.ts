import type { AppContext } from './app-context';
import { demoAccounts, demoPassword, demoTown } from './demo/demo-town';
import { seedDemoTown } from './demo/seed-demo-town';
import { ensureDefaultTenant } from './modules/organisation';

/**
 * Start-up: seeds the demo town when DEMO is on, otherwise makes sure a default tenant exists so
 * that localhost answers. Returns the lines main.ts prints (demo accounts, what to do next).
 */
export async function prepareTenants(
  ctx: Pick<AppContext, 'config' | 'db' | 'clock' | 'modules' | 'bus'>,
): Promise<string[]> {
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

  const { tenant, created } = await ensureDefaultTenant(ctx);
  if (!created) return [`  town: ${tenant.name}`];
  return [
    `  town: created the default town “${tenant.name}” (slug ${tenant.slug}). Set its name, INSEE code,`,
    '    departments and categories in the back office (/agent, Administration) as an administrator.',
  ];
}
