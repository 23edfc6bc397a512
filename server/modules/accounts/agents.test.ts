import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMailTestApp, type MailTestContext } from '../../../test/build-mail-test-app';
import {
  buildAgent,
  buildCitizen,
  buildDepartment,
  buildTenant,
  uniqueSuffix,
} from '../../../test/factories';
import { buildAdminSession, type LoggedIn, type LoggedInAccount, logIn } from '../../../test/login';
import { type SmtpSink, tokenOfLink } from '../../../test/smtp-sink';
import { findUserByEmail } from './users.repository';

describe('agents: invitation and administration', () => {
  let sink: SmtpSink;
  let t: MailTestContext;
  let admin: LoggedInAccount;
  beforeAll(async () => {
    t = await buildMailTestApp();
    sink = t.sink;
    admin = await buildAdminSession(t);
  });
  afterAll(() => t.close());

  const newEmail = () => `agent-${uniqueSuffix()}@mairie.test`;
  const invite = (session: LoggedIn | undefined, payload: Record<string, unknown>) =>
    t.inject({ method: 'POST', url: '/api/v1/admin/agents', headers: session?.headers, payload });
  const patchAgent = (id: string, payload: Record<string, unknown>, session: LoggedIn = admin) =>
    t.inject({ method: 'PATCH', url: `/api/v1/admin/agents/${id}`, headers: session.headers, payload });
  const runJobs = () => t.app.ctx.jobs.runUntilIdle({ tenantId: t.tenant.id });

  it('invites an agent who follows the mailed link, sets a password and logs in', async () => {
    const department = await buildDepartment(t.app.ctx.db, t.tenant.id, { name: 'Voirie' });
    const email = newEmail();
    const response = await invite(admin, {
      email,
      firstName: 'Vincent',
      lastName: 'Voirie',
      roles: ['agent'],
      departmentIds: [department.id],
    });
    expect(response.statusCode).toBe(201);
    const { agent } = response.json();
    expect(agent).toMatchObject({
      kind: 'agent',
      email,
      roles: ['agent'],
      departmentIds: [department.id],
      emailVerified: false,
      isActive: true,
      invitationPending: true,
    });

    await runJobs();
    const mail = await sink.waitForMessage((message) => message.to.includes(email));
    expect(mail.subject).toBe(`Invitation à rejoindre l’espace agents – ${t.tenant.name}`);
    expect(mail.text).toContain('Alex Agent vous invite');
    const token = tokenOfLink(mail, '/agent/invitation');

    const summary = await t.inject({ method: 'GET', url: `/api/v1/auth/invitation?token=${token}` });
    expect(summary.statusCode).toBe(200);
    expect(summary.json()).toEqual({
      email,
      firstName: 'Vincent',
      lastName: 'Voirie',
      tenantName: t.tenant.name,
    });

    const noPasswordYet = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'nimporte quoi de long' },
      remoteAddress: '10.77.0.1',
    });
    expect(noPasswordYet.statusCode).toBe(401);

    const weak = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/invitation/accept',
      payload: { token, password: `${email.split('@')[0]}-2024` },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('WEAK_PASSWORD');

    const accepted = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/invitation/accept',
      payload: { token, password: 'pavés et nids de poule' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user).toMatchObject({
      email,
      emailVerified: true,
      departmentIds: [department.id],
    });
    expect(accepted.json().csrfToken).toEqual(expect.any(String));
    expect(accepted.cookies.find((c) => c.name === 'guichet_session')?.value).toBeTruthy();

    const reused = await t.inject({ method: 'GET', url: `/api/v1/auth/invitation?token=${token}` });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('INVALID_TOKEN');

    await logIn(t, email, 'pavés et nids de poule');
    const list = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/agents',
      headers: { cookie: admin.cookie },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.find((item: { email: string }) => item.email === email)).toMatchObject({
      invitationPending: false,
      isActive: true,
    });
  });

  it('lets only administrators manage agents: 401 anonymous, 403 citizen and non-admin agent', async () => {
    const payload = { email: newEmail(), firstName: 'A', lastName: 'B', roles: ['agent'], departmentIds: [] };
    const anonymous = await invite(undefined, payload);
    expect(anonymous.statusCode).toBe(401);
    expect((await t.inject({ method: 'GET', url: '/api/v1/admin/agents' })).statusCode).toBe(401);

    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const citizenSession = await logIn(t, citizen.email, citizen.password);
    const byCitizen = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/agents',
      headers: { cookie: citizenSession.cookie },
    });
    expect(byCitizen.statusCode).toBe(403);
    expect(byCitizen.json().code).toBe('FORBIDDEN');
    expect((await invite(citizenSession, payload)).statusCode).toBe(403);

    const manager = await buildAgent(t.app.ctx.db, t.tenant.id, { roles: ['manager', 'agent'] });
    const managerSession = await logIn(t, manager.email, manager.password);
    expect((await invite(managerSession, payload)).statusCode).toBe(403);
    expect((await patchAgent(manager.id, { roles: ['admin'] }, managerSession)).statusCode).toBe(403);
    expect(await findUserByEmail(t.app.ctx.db, t.tenant.id, payload.email)).toBeUndefined();
  });

  it('refuses departments of another town, unknown roles and a taken e-mail, writing nothing', async () => {
    const otherTown = await buildTenant(t.app.ctx.db);
    const foreignDepartment = await buildDepartment(t.app.ctx.db, otherTown.id);
    const email = newEmail();
    const foreign = await invite(admin, {
      email,
      firstName: 'A',
      lastName: 'B',
      roles: ['agent'],
      departmentIds: [foreignDepartment.id],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([expect.objectContaining({ field: 'departmentIds' })]);

    const badRole = await invite(admin, {
      email,
      firstName: 'A',
      lastName: 'B',
      roles: ['mayor'],
      departmentIds: [],
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().errors.map((e: { field: string }) => e.field)).toContain('roles.0');
    expect(await findUserByEmail(t.app.ctx.db, t.tenant.id, email)).toBeUndefined();

    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    const taken = await invite(admin, {
      email: citizen.email,
      firstName: 'A',
      lastName: 'B',
      roles: ['agent'],
      departmentIds: [],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('EMAIL_TAKEN');
  });

  it('changes roles and departments; deactivating an agent ends their sessions', async () => {
    const voirie = await buildDepartment(t.app.ctx.db, t.tenant.id);
    const etatCivil = await buildDepartment(t.app.ctx.db, t.tenant.id);
    const agent = await buildAgent(t.app.ctx.db, t.tenant.id, {
      roles: ['agent'],
      departmentIds: [voirie.id],
    });
    const agentSession = await logIn(t, agent.email, agent.password);

    const changed = await patchAgent(agent.id, {
      roles: ['agent', 'signatory'],
      departmentIds: [etatCivil.id],
      lastName: 'Renommé',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().agent).toMatchObject({
      roles: ['agent', 'signatory'],
      departmentIds: [etatCivil.id],
      lastName: 'Renommé',
    });
    const session = await t.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: agentSession.cookie },
    });
    expect(session.json().user).toMatchObject({
      roles: ['agent', 'signatory'],
      departmentIds: [etatCivil.id],
    });

    const deactivated = await patchAgent(agent.id, { isActive: false });
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json().agent.isActive).toBe(false);
    const after = await t.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: agentSession.cookie },
    });
    expect(after.statusCode).toBe(204);
    const login = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: agent.email, password: agent.password },
      remoteAddress: '10.77.0.2',
    });
    expect(login.statusCode).toBe(401);
  });

  it('does not let an administrator remove their own admin role or deactivate themselves', async () => {
    const demote = await patchAgent(admin.id, { roles: ['agent'] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json()).toMatchObject({ code: 'CANNOT_CHANGE_OWN_ACCESS', errors: [{ field: 'roles' }] });
    const deactivate = await patchAgent(admin.id, { isActive: false });
    expect(deactivate.statusCode).toBe(409);
    expect(deactivate.json().errors).toEqual([expect.objectContaining({ field: 'isActive' })]);
    const stillAdmin = await t.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: admin.cookie },
    });
    expect(stillAdmin.json().user.roles).toEqual(['admin']);
    expect((await patchAgent(admin.id, { roles: ['admin', 'manager'] })).statusCode).toBe(200);
  });

  it('answers 404 for an agent of another town or a citizen', async () => {
    const otherTown = await buildTenant(t.app.ctx.db);
    const foreignAgent = await buildAgent(t.app.ctx.db, otherTown.id);
    expect((await patchAgent(foreignAgent.id, { lastName: 'X' })).statusCode).toBe(404);
    const citizen = await buildCitizen(t.app.ctx.db, t.tenant.id);
    expect((await patchAgent(citizen.id, { roles: ['admin'] })).statusCode).toBe(404);
  });

  it('sends the invitation again (only the newest link works), not after acceptance', async () => {
    const email = newEmail();
    const created = await invite(admin, {
      email,
      firstName: 'Rose',
      lastName: 'Relance',
      roles: ['reception'],
      departmentIds: [],
    });
    const id = created.json().agent.id as string;
    await runJobs();
    const first = await sink.waitForMessage((message) => message.to.includes(email));

    const resend = await t.inject({
      method: 'POST',
      url: `/api/v1/admin/agents/${id}/invitation`,
      headers: admin.headers,
    });
    expect(resend.statusCode).toBe(202);
    await runJobs();
    const second = await sink.waitForMessage((message) => message.to.includes(email) && message !== first);

    const oldLink = await t.inject({
      method: 'GET',
      url: `/api/v1/auth/invitation?token=${tokenOfLink(first, '/agent/invitation')}`,
    });
    expect(oldLink.statusCode).toBe(400);
    const accepted = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/invitation/accept',
      payload: { token: tokenOfLink(second, '/agent/invitation'), password: 'accueil du public' },
    });
    expect(accepted.statusCode).toBe(200);

    const again = await t.inject({
      method: 'POST',
      url: `/api/v1/admin/agents/${id}/invitation`,
      headers: admin.headers,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVITATION_ALREADY_ACCEPTED');
  });
});
