import { domainToASCII } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMailTestApp, type MailTestContext } from '../../test/build-mail-test-app';
import { uniqueSuffix } from '../../test/factories';
import { tokenOfLink } from '../../test/smtp-sink';
import { users } from '../modules/accounts/accounts.tables';
import { outboundMessages } from '../modules/messaging/messaging.tables';
import { tenants } from '../modules/organisation/organisation.tables';
import { defaultTenantSettings } from '../modules/organisation/tenant-settings';
import { findTenantBySlug } from '../modules/organisation/tenants.repository';
import { jobs } from '../platform/jobs/jobs.tables';
import { AppError } from '../platform/http/app-error';
import { createTown, type CreateTownInput } from './create-town';

describe('createTown (npm run town:create)', () => {
  let t: MailTestContext;
  beforeAll(async () => {
    t = await buildMailTestApp();
  });
  afterAll(() => t.close());

  /** Distinct names, slugs and hosts per run: the PostgreSQL test database keeps earlier runs. */
  function newTownInput(overrides: Partial<CreateTownInput> = {}): CreateTownInput {
    const suffix = uniqueSuffix();
    return {
      name: `Ville de Saint-Exemple-${suffix}`,
      hostNames: [`Saint-Exemple-${suffix}.test`, `www.saint-exemple-${suffix}.test`],
      adminEmail: `DGS-${suffix}@saint-exemple.test`,
      inseeCode: '12345',
      ...overrides,
    };
  }

  async function validationErrorOf(promise: Promise<unknown>) {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    return (error as AppError).details?.errors as { field: string; message: string }[];
  }

  it('creates the town with default settings and invites its administrator, who can then log in', async () => {
    const input = newTownInput();
    const result = await createTown(t.app.ctx, input);
    expect(result.outcome).toBe('created');
    if (result.outcome !== 'created') return;
    const host = input.hostNames[0]!.toLowerCase();
    expect(result.tenant).toMatchObject({
      name: input.name,
      slug: input.name.replace('Ville de ', '').toLowerCase(),
      hostNames: [host, input.hostNames[1]],
      inseeCode: '12345',
      isDefault: false,
      settings: defaultTenantSettings,
    });
    expect(result.admin).toMatchObject({
      tenantId: result.tenant.id,
      kind: 'agent',
      email: input.adminEmail.toLowerCase(),
      roles: ['admin'],
      passwordHash: null,
    });
    expect(result.baseUrl).toBe(`http://${host}:${new URL(t.app.ctx.config.publicUrl).port}`);

    // Queued, not sent: the message and its dispatch job wait for the worker.
    const [message] = await t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.tenantId, result.tenant.id));
    expect(message).toMatchObject({
      templateKey: 'account_invitation',
      channel: 'email',
      status: 'queued',
      toAddress: result.admin.email,
    });
    const queuedJobs = await t.app.ctx.db.select().from(jobs).where(eq(jobs.tenantId, result.tenant.id));
    expect(queuedJobs.map((job) => job.status)).toEqual(['pending']);

    await t.app.ctx.jobs.runUntilIdle({ tenantId: result.tenant.id });
    const mail = await t.sink.waitForMessage((caught) => caught.to.includes(result.admin.email));
    expect(mail.subject).toBe(`Invitation à rejoindre l’espace agents – ${input.name}`);
    expect(mail.text).toContain(`${result.baseUrl}/agent/invitation?token=`);
    const token = tokenOfLink(mail, '/agent/invitation');

    // The link works on the new town's own host name, and nowhere else.
    const onTown = { host: `${host}:${new URL(t.app.ctx.config.publicUrl).port}` };
    const onOtherTown = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/invitation/accept',
      payload: { token, password: 'un mot de passe solide' },
    });
    expect(onOtherTown.statusCode).toBe(400);
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitation/accept',
      headers: onTown,
      payload: { token, password: 'un mot de passe solide' },
    });
    expect(accepted.statusCode).toBe(200);
    const cookie = `guichet_session=${accepted.cookies.find((c) => c.name === 'guichet_session')!.value}`;
    const tenant = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/tenant',
      headers: { ...onTown, cookie },
    });
    expect(tenant.statusCode).toBe(200);
    expect(tenant.json()).toMatchObject({ name: input.name, inseeCode: '12345' });
  });

  it('changes nothing the second time: the town exists', async () => {
    const input = newTownInput({ slug: `saint-exemple-${uniqueSuffix()}` });
    const first = await createTown(t.app.ctx, input);
    expect(first.outcome).toBe('created');
    const before = await findTenantBySlug(t.app.ctx.db, input.slug!);

    const again = await createTown(t.app.ctx, {
      ...input,
      name: input.name.toUpperCase(),
      hostNames: ['autre-adresse.test'],
      adminEmail: 'quelqu-un-d-autre@saint-exemple.test',
    });
    expect(again).toMatchObject({ outcome: 'exists', sameName: true, tenant: { id: before!.id } });
    expect(await findTenantBySlug(t.app.ctx.db, input.slug!)).toEqual(before);
    const agents = await t.app.ctx.db.select().from(users).where(eq(users.tenantId, before!.id));
    expect(agents.map((agent) => agent.email)).toEqual([input.adminEmail.toLowerCase()]);
    const mails = await t.app.ctx.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.tenantId, before!.id));
    expect(mails).toHaveLength(1);

    // The same slug asked for another town: it exists too, and the result says it is another one.
    const otherTown = await createTown(t.app.ctx, newTownInput({ slug: input.slug }));
    expect(otherTown).toMatchObject({ outcome: 'exists', sameName: false, tenant: { id: before!.id } });
  });

  it('refuses a host name another town answers on, naming it, and creates nothing', async () => {
    const first = newTownInput();
    await createTown(t.app.ctx, first);
    const second = newTownInput({ hostNames: ['nouvelle-commune.test', first.hostNames[1]!] });
    const errors = await validationErrorOf(createTown(t.app.ctx, second));
    expect(errors).toEqual([
      {
        field: 'host',
        message: `"${first.hostNames[1]}" already serves the town « ${first.name} » (slug ${first.name.replace('Ville de ', '').toLowerCase()})`,
      },
    ]);
    const created = await t.app.ctx.db.select().from(tenants).where(eq(tenants.name, second.name));
    expect(created).toEqual([]);
  });

  it('names every invalid option at once', async () => {
    const errors = await validationErrorOf(
      createTown(t.app.ctx, {
        name: '   ',
        hostNames: ['https://mairie.test/portail', 'mairie.test:8443', 'localhost', '192.168.1.10', 'a..b'],
        adminEmail: 'dgs@',
        inseeCode: '1234',
      }),
    );
    expect(errors.map((error) => error.field)).toEqual([
      'name',
      'insee',
      'admin-email',
      'host',
      'host',
      'host',
      'host',
      'host',
    ]);
    expect(errors[3]!.message).toContain('without scheme or path');
    expect(errors[4]!.message).toContain('without port');
    expect(errors[5]!.message).toContain('with a domain');
    expect(errors[6]!.message).toContain('not an IP address');

    const noHost = await validationErrorOf(createTown(t.app.ctx, newTownInput({ hostNames: [] })));
    expect(noHost).toEqual([{ field: 'host', message: expect.stringContaining('is required') }]);
    const badSlug = await validationErrorOf(createTown(t.app.ctx, newTownInput({ slug: 'Saint Exemple' })));
    expect(badSlug.map((error) => error.field)).toEqual(['slug']);
  });

  it('refuses the host of PUBLIC_URL: it is the default town’s address', async () => {
    const errors = await validationErrorOf(
      createTown(
        { ...t.app.ctx, config: { ...t.app.ctx.config, publicUrl: 'https://guichet.agglo.test' } },
        newTownInput({ hostNames: ['guichet.agglo.test'] }),
      ),
    );
    expect(errors).toEqual([
      {
        field: 'host',
        message: '"guichet.agglo.test" is the host of PUBLIC_URL, the address of the default town',
      },
    ]);
  });

  it('stores an internationalised host name as browsers send it (punycode)', async () => {
    const suffix = uniqueSuffix();
    const result = await createTown(
      t.app.ctx,
      newTownInput({
        name: `Commune de Sainte-Cécile-${suffix}`,
        hostNames: [`sainte-cécile-${suffix}.test`],
      }),
    );
    expect(result.outcome).toBe('created');
    expect(result.tenant.slug).toBe(`sainte-cecile-${suffix}`);
    expect(result.tenant.hostNames).toEqual([domainToASCII(`sainte-cécile-${suffix}.test`)]);
    expect(result.tenant.hostNames[0]).toMatch(/^xn--/);
    const admins = await t.app.ctx.db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, result.tenant.id), eq(users.kind, 'agent')));
    expect(admins).toHaveLength(1);
  });
});
