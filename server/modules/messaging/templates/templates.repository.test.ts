import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildTenant, type TestTenant } from '../../../../test/factories';
import { getTestDatabase, testDatabaseUrl } from '../../../../test/test-database';
import { openDatabase, type DatabaseHandle } from '../../../platform/db/client';
import type { MessageTemplateDefinition } from './template-registry';
import {
  deleteTemplate,
  findEffectiveTemplate,
  townTemplatesCache,
  upsertTemplate,
} from './templates.repository';

const definition: MessageTemplateDefinition = {
  key: 'acknowledgement',
  label: 'Accusé de réception',
  subject: 'Défaut',
  body: 'Corps par défaut',
  shortBody: null,
  variables: {},
};

describe('findEffectiveTemplate (the town’s wordings, cached and checked by the town’s version)', () => {
  let database: DatabaseHandle;
  let tenant: TestTenant;
  let agentId: string;
  beforeAll(async () => {
    database = await getTestDatabase();
    tenant = await buildTenant(database.db);
    agentId = (await buildAgent(database.db, tenant.id)).id;
  });

  const save = (subject: string, db = database.db) =>
    upsertTemplate(db, {
      tenantId: tenant.id,
      key: definition.key,
      subject,
      body: 'Corps',
      shortBody: null,
      updatedById: agentId,
      now: new Date(),
    });

  it('gives the default, then the town’s wording once saved, then the default again once removed', async () => {
    expect(await findEffectiveTemplate(database.db, tenant.id, definition)).toMatchObject({
      subject: 'Défaut',
      isCustom: false,
    });
    await save('Première version');
    expect(await findEffectiveTemplate(database.db, tenant.id, definition)).toMatchObject({
      subject: 'Première version',
      isCustom: true,
    });
    await save('Deuxième version');
    expect(await findEffectiveTemplate(database.db, tenant.id, definition)).toMatchObject({
      subject: 'Deuxième version',
    });
    await deleteTemplate(database.db, tenant.id, definition.key);
    expect(await findEffectiveTemplate(database.db, tenant.id, definition)).toMatchObject({
      subject: 'Défaut',
      isCustom: false,
    });
  });

  it('reads the templates again only after a change', async () => {
    await findEffectiveTemplate(database.db, tenant.id, definition);
    const loads = townTemplatesCache.loads;
    await findEffectiveTemplate(database.db, tenant.id, definition);
    expect(townTemplatesCache.loads).toBe(loads);
    await save('Troisième version');
    await findEffectiveTemplate(database.db, tenant.id, definition);
    expect(townTemplatesCache.loads).toBe(loads + 1);
  });

  describe.skipIf(!testDatabaseUrl())('across two processes (two PostgreSQL handles)', () => {
    let other: DatabaseHandle;
    beforeAll(async () => {
      other = await openDatabase({ databaseUrl: testDatabaseUrl()!, poolSize: 2 });
    });
    afterAll(async () => {
      await other.close();
    });

    it('sees on one handle the wording saved through the other', async () => {
      await save('Vue par le premier');
      expect((await findEffectiveTemplate(database.db, tenant.id, definition)).subject).toBe(
        'Vue par le premier',
      );
      await save('Changée par le second', other.db);
      expect((await findEffectiveTemplate(database.db, tenant.id, definition)).subject).toBe(
        'Changée par le second',
      );
    });
  });
});
