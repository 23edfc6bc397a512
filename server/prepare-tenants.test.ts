import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../test/build-test-app';
import { logIn } from '../test/login';
import { openEmptyDatabase } from '../test/test-database';
import { buildApp, type App } from './app';
import { loadConfig } from './config';
import { demoAccounts, demoPassword } from './demo/demo-town';
import { departmentMemberships, users } from './modules/accounts/accounts.tables';
import { createFixedClock } from './platform/clock';
import type { DatabaseHandle } from './platform/db/client';
import {
  calendarClosures,
  categories,
  departments,
  tenants,
} from './modules/organisation/organisation.tables';
import { prepareTenants } from './prepare-tenants';

/**
 * Start-up provisioning runs on a database of its own (an in-memory PGlite, or a new PostgreSQL
 * database next to TEST_DATABASE_URL): it creates default tenants, which the shared test database
 * must not get.
 */
async function openFreshDatabase(): Promise<{ database: DatabaseHandle; dispose(): Promise<void> }> {
  const fresh = await openEmptyDatabase('guichet_fresh', 3);
  await fresh.database.migrate();
  return fresh;
}

/** Migrating a new database and hashing the demo passwords take a while on a busy machine. */
const freshDatabaseTimeout = 180_000;

async function startApp(database: DatabaseHandle, demo: boolean): Promise<App> {
  const config = loadConfig(
    { NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'guichet-test-')), LOG_LEVEL: 'silent' },
    { sessionSecret: 'test-session-secret-0123456789abcdef', serveWeb: false, worker: false, demo },
  );
  const app = await buildApp(config, {
    database,
    clock: createFixedClock('2026-03-02T09:00:00Z'),
    logger: false,
  });
  await app.ready();
  return app;
}

/** A TestContext answering on `host`, for test/login.ts. */
function onHost(app: App, host: string): TestContext {
  return {
    app,
    tenant: undefined as never,
    inject: (options) => app.inject({ ...options, headers: { host, ...options.headers } }),
    close: () => app.close(),
  };
}

async function snapshot(app: App) {
  const db = app.ctx.db;
  return {
    tenants: await db.select().from(tenants).orderBy(asc(tenants.slug)),
    departments: await db.select().from(departments).orderBy(asc(departments.id)),
    categories: await db.select().from(categories).orderBy(asc(categories.id)),
    closures: await db.select().from(calendarClosures).orderBy(asc(calendarClosures.id)),
    users: await db.select().from(users).orderBy(asc(users.id)),
    memberships: await db.select().from(departmentMemberships).orderBy(asc(departmentMemberships.userId)),
  };
}

describe('demo town on a fresh database', () => {
  let fresh: Awaited<ReturnType<typeof openFreshDatabase>>;
  let app: App;
  let firstLines: string[];

  beforeAll(async () => {
    fresh = await openFreshDatabase();
    app = await startApp(fresh.database, true);
    firstLines = await prepareTenants(app.ctx);
  }, freshDatabaseTimeout);
  afterAll(async () => {
    await app?.close();
    await fresh?.dispose();
  });

  it('prints every demo account and the password', () => {
    const text = firstLines.join('\n');
    for (const account of demoAccounts) expect(text).toContain(account.email);
    expect(text).toContain(demoPassword);
    expect(text).toContain('Ville de Démo');
  });

  it('seeds the town as the default tenant with its departments, categories and closures', async () => {
    const db = app.ctx.db;
    const [town] = await db.select().from(tenants).where(eq(tenants.slug, 'demo'));
    expect(town).toMatchObject({ name: 'Ville de Démo', isDefault: true, inseeCode: '99999' });
    expect(town!.settings).toMatchObject({
      contactEmail: 'contact@demo.guichet.fr',
      contactPhone: expect.any(String),
    });

    const rows = await db.select().from(departments).where(eq(departments.tenantId, town!.id));
    expect(rows.map((row) => row.name).sort()).toEqual(
      [
        'Accueil',
        'Voirie',
        'Propreté',
        'Éclairage public',
        'État civil',
        'Urbanisme',
        'Éducation',
        'Espaces verts',
      ].sort(),
    );
    for (const row of rows)
      expect(row).toMatchObject({ email: expect.stringContaining('@'), phone: expect.any(String) });
    const byCode = new Map(rows.map((row) => [row.code, row]));
    expect(byCode.get('eclairage-public')!.parentId).toBe(byCode.get('voirie')!.id);

    const categoryRows = await db.select().from(categories).where(eq(categories.tenantId, town!.id));
    expect(categoryRows.length).toBeGreaterThanOrEqual(15);
    for (const row of categoryRows) {
      expect(row.defaultDepartmentId).not.toBeNull();
      expect(row.deadlineDays).toBeGreaterThanOrEqual(1);
    }
    expect(categoryRows.find((row) => row.code === 'nid-de-poule')!.defaultDepartmentId).toBe(
      byCode.get('voirie')!.id,
    );

    const closureDays = (
      await db.select().from(calendarClosures).where(eq(calendarClosures.tenantId, town!.id))
    ).map((row) => row.day);
    expect(closureDays).toEqual(expect.arrayContaining(['2026-05-15', '2027-05-07'])); // Fridays after Ascension
  });

  it('lets every demo account log in with the demo password, each with its roles', async () => {
    const localhost = onHost(app, 'localhost');
    const admin = await logIn(localhost, 'admin@demo.guichet.fr', demoPassword);
    const list = await localhost.inject({
      method: 'GET',
      url: '/api/v1/admin/departments',
      headers: admin.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(8);

    for (const account of demoAccounts) {
      const session = await logIn(localhost, account.email, demoPassword);
      const me = await localhost.inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: session.headers,
      });
      expect(me.statusCode, account.email).toBe(200);
      const user = me.json().user;
      expect(user, account.email).toMatchObject({
        kind: account.kind,
        roles: account.roles,
        emailVerified: true,
      });
      expect(user.departmentIds, account.email).toHaveLength(account.departmentCodes.length);
    }
    const camille = await app.ctx.db.select().from(users).where(eq(users.email, 'camille.martin@example.fr'));
    expect(camille[0]!.postalAddress).toMatchObject({
      city: expect.any(String),
      postcode: expect.any(String),
    });
  });

  it('answers on demo.localhost too', async () => {
    const response = await onHost(app, 'demo.localhost').inject({ method: 'GET', url: '/api/v1/tenant' });
    expect(response.json()).toMatchObject({ slug: 'demo', name: 'Ville de Démo' });
  });

  it('changes nothing and duplicates nothing when started again', async () => {
    const before = await snapshot(app);
    const lines = await prepareTenants(app.ctx);
    expect(lines.join('\n')).toContain('admin@demo.guichet.fr');
    expect(lines.join('\n')).not.toContain('just created');
    expect(await snapshot(app)).toEqual(before);
  });
});

describe('start-up without the demo', () => {
  let fresh: Awaited<ReturnType<typeof openFreshDatabase>>;
  let app: App;

  beforeAll(async () => {
    fresh = await openFreshDatabase();
    app = await startApp(fresh.database, false);
  }, freshDatabaseTimeout);
  afterAll(async () => {
    await app?.close();
    await fresh?.dispose();
  });

  it('creates the default town “Ma commune” once and says how to configure it', async () => {
    const lines = await prepareTenants(app.ctx);
    expect(lines.join('\n')).toContain('Ma commune');
    expect(lines.join('\n')).toContain('/agent');
    const response = await onHost(app, 'localhost').inject({ method: 'GET', url: '/api/v1/tenant' });
    expect(response.json()).toMatchObject({ slug: 'default', name: 'Ma commune' });

    const before = await snapshot(app);
    expect(await prepareTenants(app.ctx)).toEqual(['  town: Ma commune']);
    expect(await snapshot(app)).toEqual(before);
    expect(before.users).toEqual([]);
  });

  it('adds the demo town later without taking the default from the existing town', async () => {
    const lines = await prepareTenants({ ...app.ctx, config: { ...app.ctx.config, demo: true } });
    expect(lines.join('\n')).toContain('demo.localhost');
    const [demo] = await app.ctx.db.select().from(tenants).where(eq(tenants.slug, 'demo'));
    expect(demo!.isDefault).toBe(false);
    const onDemoHost = await onHost(app, 'demo.localhost').inject({ method: 'GET', url: '/api/v1/tenant' });
    expect(onDemoHost.json().name).toBe('Ville de Démo');
  });
});
