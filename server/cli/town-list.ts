import { findAgentsOfTenant } from '../modules/accounts';
import { findTenants } from '../modules/organisation';
import { openCliContext, runCommand } from './cli-context';
import { describeTownList } from './town-report';

/** `npm run town:list`: the towns of this instance, their host names and how many agents they have. */
async function main(): Promise<number> {
  const cli = await openCliContext();
  try {
    const tenants = await findTenants(cli.db);
    const rows = [];
    for (const tenant of tenants) {
      const agents = await findAgentsOfTenant(cli.db, tenant.id);
      rows.push({ tenant, activeAgents: agents.filter((agent) => agent.isActive).length });
    }
    console.log(describeTownList(rows).join('\n'));
    return 0;
  } finally {
    await cli.close();
  }
}

runCommand(main);
