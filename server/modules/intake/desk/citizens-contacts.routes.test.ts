import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildCitizen } from '../../../../test/factories';
import { type LoggedInAccount, logInAccount, logInNewAgent } from '../../../../test/login';
import { createFixedClock } from '../../../platform/clock';
import { users } from '../../accounts/accounts.tables';
import { insertUser, updateUser } from '../../accounts/users.repository';
import { departments, tenants } from '../../organisation/organisation.tables';
import { updateTenant } from '../../organisation/tenants.repository';
import {
  buildNamedCategory,
  buildNamedDepartment,
  seedRequest,
} from '../../requests/backoffice/backoffice-test-setup';

describe('back-office citizens, informational contacts, departments and assignees', () => {
  let t: TestContext;
  const clock = createFixedClock('2026-12-04T09:00:00Z');
  let agent: LoggedInAccount;

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    agent = await logInNewAgent(t, ['reception']);
  });
  afterAll(() => t.close());

  const get = (url: string, who: LoggedInAccount = agent) =>
    t.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const post = (url: string, payload: Record<string, unknown>, who: LoggedInAccount = agent) =>
    t.inject({ method: 'POST', url, headers: who.headers, payload });

  describe('citizens', () => {
    it('finds citizen accounts by name without accents, e-mail or phone, with their request count', async () => {
      const db = t.app.ctx.db;
      const helene = await insertUser(db, {
        tenantId: t.tenant.id,
        kind: 'citizen',
        email: 'helene.lefevre@example.test',
        firstName: 'Hélène',
        lastName: 'Lefèvre',
        phone: '06 12 34 56 78',
      });
      await insertUser(db, {
        tenantId: t.tenant.id,
        kind: 'citizen',
        email: 'marc_dupont@example.test',
        firstName: 'Marc',
        lastName: 'Dupont',
      });
      // An agent with a matching name is not a citizen.
      await insertUser(db, {
        tenantId: t.tenant.id,
        kind: 'agent',
        email: 'helene.agent@mairie.test',
        firstName: 'Hélène',
        lastName: 'Lefèvre',
        roles: ['agent'],
      });
      await seedRequest(t, { subject: 'Première', citizenId: helene.id, contact: null });
      await seedRequest(t, { subject: 'Seconde', citizenId: helene.id, contact: null });

      const byName = await get('/api/v1/backoffice/citizens?q=helene%20lefevre');
      expect(byName.statusCode, byName.body).toBe(200);
      expect(byName.json()).toEqual([
        {
          id: helene.id,
          firstName: 'Hélène',
          lastName: 'Lefèvre',
          email: 'helene.lefevre@example.test',
          phone: '06 12 34 56 78',
          postalAddress: null,
          requestCount: 2,
        },
      ]);
      const ids = async (q: string) =>
        (await get(`/api/v1/backoffice/citizens?q=${encodeURIComponent(q)}`))
          .json()
          .map((c: { id: string }) => c.id);
      expect(await ids('LEFÈVRE')).toEqual([helene.id]);
      expect(await ids('0612 34')).toEqual([helene.id]);
      expect(await ids('helene.lefevre@')).toEqual([helene.id]);
      // `_` and `%` are searched literally, not as wildcards.
      expect(await ids('c_d')).toEqual([expect.any(String)]);
      expect(await ids('%%')).toEqual([]);
      expect(await ids('zzzz')).toEqual([]);

      const tooShort = await get('/api/v1/backoffice/citizens?q=h');
      expect(tooShort.statusCode).toBe(400);
      expect(JSON.stringify(tooShort.json().errors)).toContain('q');
    });

    it('opens an account without a password that the person can claim later; e-mail taken is 409', async () => {
      const email = `nouveau-${randomUUID()}@example.test`;
      const created = await post('/api/v1/backoffice/citizens', {
        firstName: 'Léa',
        lastName: 'Moreau',
        email: email.toUpperCase(),
        phone: '07 00 00 00 01',
        postalAddress: { line1: '2 rue Basse', postcode: '13001', city: 'Marseille' },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toEqual({
        id: expect.any(String),
        firstName: 'Léa',
        lastName: 'Moreau',
        email,
        phone: '07 00 00 00 01',
        postalAddress: { line1: '2 rue Basse', postcode: '13001', city: 'Marseille' },
        requestCount: 0,
      });
      const [row] = await t.app.ctx.db.select().from(users).where(eq(users.id, created.json().id));
      expect(row).toMatchObject({ kind: 'citizen', passwordHash: null, emailVerifiedAt: null, roles: [] });

      const again = await post('/api/v1/backoffice/citizens', {
        firstName: 'Léa',
        lastName: 'Moreau',
        email,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('EMAIL_TAKEN');
      const bad = await post('/api/v1/backoffice/citizens', {
        firstName: ' ',
        lastName: 'Moreau',
        email: 'nope',
      });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json().errors)).toContain('email');
    });

    it('is for agents only', async () => {
      const citizen = await logInAccount(t, await buildCitizen(t.app.ctx.db, t.tenant.id));
      expect((await get('/api/v1/backoffice/citizens?q=martin', citizen)).statusCode).toBe(403);
      expect((await get('/api/v1/backoffice/contacts', citizen)).statusCode).toBe(403);
    });
  });

  describe('informational contacts', () => {
    it('records a contact with the unit cost of its channel from the town’s settings, and lists them', async () => {
      const [tenant] = await t.app.ctx.db.select().from(tenants).where(eq(tenants.id, t.tenant.id));
      await updateTenant(
        t.app.ctx.db,
        t.tenant.id,
        {
          settings: {
            ...tenant!.settings,
            unitCostsCents: { ...tenant!.settings.unitCostsCents, counter: 1450 },
          },
        },
        clock.now(),
      );
      const department = await buildNamedDepartment(t, 'État civil');
      const category = await buildNamedCategory(t, 'Passeport', department.id);
      const counter = await post('/api/v1/backoffice/contacts', {
        channel: 'counter',
        subject: 'Renseignement passeport',
        note: 'Liste des pièces remise',
        categoryId: category.id,
        departmentId: department.id,
        contact: { name: 'Paul Roux' },
      });
      expect(counter.statusCode, counter.body).toBe(201);
      expect(counter.json()).toEqual({
        id: expect.any(String),
        channel: 'counter',
        subject: 'Renseignement passeport',
        occurredAt: '2026-12-04T09:00:00.000Z',
        unitCostCents: 1450,
      });
      clock.advance(60_000);
      const phone = await post('/api/v1/backoffice/contacts', {
        channel: 'phone',
        subject: 'Horaires de la mairie',
      });
      expect(phone.statusCode).toBe(201);
      expect(phone.json().unitCostCents).toBe(500);

      const listed = await get('/api/v1/backoffice/contacts');
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json()).toMatchObject({
        total: 2,
        items: [
          {
            id: phone.json().id,
            channel: 'phone',
            unitCostCents: 500,
            category: null,
            agent: { id: agent.id, name: 'Alex Agent' },
          },
          {
            id: counter.json().id,
            unitCostCents: 1450,
            note: 'Liste des pièces remise',
            category: { id: category.id, name: 'Passeport' },
            department: { id: department.id, name: 'État civil' },
            contactName: 'Paul Roux',
            citizenId: null,
          },
        ],
      });
      const period = await get(
        `/api/v1/backoffice/contacts?from=2026-12-04T09:00:30.000Z&to=2026-12-05T00:00:00.000Z&pageSize=1`,
      );
      expect(period.json()).toMatchObject({ total: 1, items: [{ id: phone.json().id }] });
    });

    it('refuses unknown categories, departments, citizens and channels with a 400', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ channel: 'phone', subject: 'Question', categoryId: randomUUID() }, 'categoryId'],
        [{ channel: 'phone', subject: 'Question', departmentId: randomUUID() }, 'departmentId'],
        [{ channel: 'phone', subject: 'Question', citizenId: agent.id }, 'citizenId'],
        [{ channel: 'web', subject: 'Question' }, 'channel'],
        [{ channel: 'phone', subject: 'Q' }, 'subject'],
      ];
      for (const [payload, field] of cases) {
        const response = await post('/api/v1/backoffice/contacts', payload);
        expect(response.statusCode, field).toBe(400);
        expect(JSON.stringify(response.json().errors), field).toContain(field);
      }
    });
  });

  describe('departments and assignees', () => {
    it('lists active departments and active agents, of one department or all', async () => {
      const db = t.app.ctx.db;
      const parks = await buildNamedDepartment(t, 'Espaces verts');
      const parksNorth = await buildNamedDepartment(t, 'Espaces verts nord', parks.id);
      const closed = await buildNamedDepartment(t, 'Ancien service');
      await db.update(departments).set({ isActive: false }).where(eq(departments.id, closed.id));
      const gardener = await logInNewAgent(t, ['agent'], { departmentIds: [parks.id, parksNorth.id] });
      const retired = await logInNewAgent(t, ['agent'], { departmentIds: [parks.id] });
      await updateUser(db, t.tenant.id, retired.id, { isActive: false }, clock.now());

      const listed = await get('/api/v1/backoffice/departments');
      expect(listed.statusCode).toBe(200);
      expect(listed.json()).toContainEqual({ id: parks.id, name: 'Espaces verts', parentId: null });
      expect(listed.json()).toContainEqual({
        id: parksNorth.id,
        name: 'Espaces verts nord',
        parentId: parks.id,
      });
      expect(listed.json().map((d: { id: string }) => d.id)).not.toContain(closed.id);

      const ofParks = await get(`/api/v1/backoffice/assignees?departmentId=${parks.id}`);
      expect(ofParks.statusCode, ofParks.body).toBe(200);
      expect(ofParks.json()).toEqual([
        { id: gardener.id, name: 'Alex Agent', departmentIds: [parks.id, parksNorth.id].sort() },
      ]);
      const all = (await get('/api/v1/backoffice/assignees')).json().map((a: { id: string }) => a.id);
      expect(all).toContain(agent.id);
      expect(all).toContain(gardener.id);
      expect(all).not.toContain(retired.id);
    });
  });
});
