import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildAgent, buildCitizen } from '../../../../test/factories';
import { findUserByEmail } from '../users.repository';
import { bootstrapAdmin } from './bootstrap-admin';
import { outboundMessages } from '../../messaging/messaging.tables';
import { and, eq } from 'drizzle-orm';

describe('bootstrapAdmin (ADMIN_EMAIL at start)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('invites the address as administrator when the town has none, once', async () => {
    const email = `dsi-${t.tenant.slug}@ville.test`;
    expect(await bootstrapAdmin(t.app.ctx, { tenantId: t.tenant.id, email })).toBe('invited');
    const invited = await findUserByEmail(t.app.ctx.db, t.tenant.id, email);
    expect(invited).toMatchObject({ kind: 'agent', roles: ['admin'], passwordHash: null });
    const mails = await t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(
        and(
          eq(outboundMessages.tenantId, t.tenant.id),
          eq(outboundMessages.templateKey, 'account_invitation'),
        ),
      );
    expect(mails.map((mail) => [mail.channel, mail.toAddress])).toContainEqual(['email', email]);

    // A second start changes nothing: the town has its administrator (invited).
    expect(await bootstrapAdmin(t.app.ctx, { tenantId: t.tenant.id, email })).toBe('admin-exists');
  });

  it('promotes an existing agent and never turns a citizen into an agent', async () => {
    const other = await buildTestApp();
    try {
      const agent = await buildAgent(other.app.ctx.db, other.tenant.id, { roles: ['reception'] });
      await buildCitizen(other.app.ctx.db, other.tenant.id, { email: 'habitant@example.test' });
      expect(
        await bootstrapAdmin(other.app.ctx, { tenantId: other.tenant.id, email: 'habitant@example.test' }),
      ).toBe('email-used-by-citizen');
      expect(await bootstrapAdmin(other.app.ctx, { tenantId: other.tenant.id, email: agent.email })).toBe(
        'admin-exists',
      );
      const promoted = await findUserByEmail(other.app.ctx.db, other.tenant.id, agent.email);
      expect(promoted?.roles.sort()).toEqual(['admin', 'reception']);
    } finally {
      await other.close();
    }
  });
});
