import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../app-context';
import { systemPrincipal } from '../../../platform/auth/principal';
import { users } from '../accounts.tables';
import { findUserByEmail } from '../users.repository';
import { inviteAgent } from './invite-agent';

export type BootstrapAdminOutcome = 'admin-exists' | 'invited' | 'email-used-by-citizen';

/**
 * First start of a real town (no demo): when the tenant has no active administrator, invite
 * `email` as administrator. The invitation mail carries the link to choose a password.
 */
export async function bootstrapAdmin(
  ctx: AppContext,
  input: { tenantId: string; email: string },
): Promise<BootstrapAdminOutcome> {
  const [admin] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.tenantId, input.tenantId),
        eq(users.kind, 'agent'),
        eq(users.isActive, true),
        sql`'admin' = ANY(${users.roles})`,
      ),
    )
    .limit(1);
  if (admin) return 'admin-exists';

  const existing = await findUserByEmail(ctx.db, input.tenantId, input.email);
  if (existing?.kind === 'citizen') return 'email-used-by-citizen';
  if (existing) {
    // An agent without the admin role (or deactivated) is promoted rather than invited twice.
    await ctx.db
      .update(users)
      .set({ roles: [...new Set([...existing.roles, 'admin'])], isActive: true, updatedAt: ctx.clock.now() })
      .where(and(eq(users.tenantId, input.tenantId), eq(users.id, existing.id)));
    return 'admin-exists';
  }
  await inviteAgent(ctx, systemPrincipal(input.tenantId, 'bootstrap-admin'), {
    email: input.email,
    firstName: 'Administrateur',
    lastName: '',
    roles: ['admin'],
    departmentIds: [],
  });
  return 'invited';
}
