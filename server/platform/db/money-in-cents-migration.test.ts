import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, buildTenant } from '../../../test/factories';
import { migrateTo, migrationsBefore } from '../../../test/migrations';
import { openEmptyDatabase } from '../../../test/test-database';

/** Euros as floats as they were stored, with the binary noise that sums of floats leave. */
const storedEuros = [2.7, 0.05, 0.15000000000000002, 12, 0, 1.005, 14.5] as const;
const expectedCents = [270, 5, 15, 1200, 0, 101, 1450];

describe('migration 0010: money in integer cents', () => {
  let fresh: Awaited<ReturnType<typeof openEmptyDatabase>>;
  const before = migrationsBefore('0010_money_in_cents');

  beforeAll(async () => {
    fresh = await openEmptyDatabase('guichet_money');
  }, 180_000);
  afterAll(async () => {
    before.remove();
    await fresh?.dispose();
  });

  it('converts message costs, contact unit costs and every town’s unit costs to exact cents', async () => {
    const { database } = fresh;
    const rowsOf = async <T>(query: SQL) =>
      ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
    await migrateTo(database, before.folder);

    const tenant = await buildTenant(database.db);
    const agent = await buildAgent(database.db, tenant.id);
    // The columns of 0009: `cost` and `unit_cost` in euros, `unitCosts` in euros in the settings.
    for (const [index, euros] of [...storedEuros, null].entries()) {
      await database.db.execute(sql`
        INSERT INTO outbound_messages (tenant_id, message_key, channel, body_text, status, cost)
        VALUES (${tenant.id}, ${`message-${index}`}, 'sms', 'Bonjour', 'sent', ${euros}::float8)`);
      await database.db.execute(sql`
        INSERT INTO contact_records (tenant_id, channel, subject, agent_id, occurred_at, unit_cost)
        VALUES (${tenant.id}, 'counter', ${`contact-${index}`}, ${agent.id}, now(), ${euros}::float8)`);
    }
    const oldSettings = {
      defaultDeadlineDays: 10,
      autoCloseDays: 15,
      channelOrder: ['email', 'sms', 'portal'],
      contactEmail: 'mairie@ville.test',
      unitCosts: {
        counter: 12,
        phone: 0.15000000000000002,
        web: 3,
        api: 1.005,
        email: 0,
        sms: 0.05,
        letter: 2.7,
        pigeon: 'gratuit',
      },
    };
    await database.db.execute(
      sql`UPDATE tenants SET settings = ${JSON.stringify(oldSettings)}::jsonb WHERE id = ${tenant.id}`,
    );
    // A document that somehow has both keys keeps its cents; one without unit costs is left alone.
    const both = await buildTenant(database.db);
    await database.db.execute(sql`
      UPDATE tenants SET settings = ${JSON.stringify({
        defaultDeadlineDays: 15,
        unitCosts: { letter: 2.7, sms: 0.05 },
        unitCostsCents: { letter: 300 },
      })}::jsonb WHERE id = ${both.id}`);
    const none = await buildTenant(database.db);
    const noUnitCosts = {
      defaultDeadlineDays: 20,
      autoCloseDays: 7,
      channelOrder: ['portal', 'email', 'sms'],
    };
    await database.db.execute(
      sql`UPDATE tenants SET settings = ${JSON.stringify(noUnitCosts)}::jsonb WHERE id = ${none.id}`,
    );

    await database.migrate();

    const messages = await rowsOf<{ message_key: string; cost_cents: number | null }>(sql`
      SELECT message_key, cost_cents FROM outbound_messages WHERE tenant_id = ${tenant.id} ORDER BY message_key`);
    expect(messages.map((row) => row.cost_cents)).toEqual([...expectedCents, null]);
    const contacts = await rowsOf<{ subject: string; unit_cost_cents: number | null }>(sql`
      SELECT subject, unit_cost_cents FROM contact_records WHERE tenant_id = ${tenant.id} ORDER BY subject`);
    expect(contacts.map((row) => row.unit_cost_cents)).toEqual([...expectedCents, null]);

    const columns = await rowsOf<{ table_name: string; column_name: string; data_type: string }>(sql`
      SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_name IN ('outbound_messages', 'contact_records')
        AND column_name IN ('cost', 'unit_cost', 'cost_cents', 'unit_cost_cents')
      ORDER BY table_name`);
    expect(columns).toEqual([
      { table_name: 'contact_records', column_name: 'unit_cost_cents', data_type: 'integer' },
      { table_name: 'outbound_messages', column_name: 'cost_cents', data_type: 'integer' },
    ]);

    const settingsOf = async (id: string) =>
      (
        await rowsOf<{ settings: Record<string, unknown> }>(
          sql`SELECT settings FROM tenants WHERE id = ${id}`,
        )
      )[0]!.settings;
    const { unitCosts: _euros, ...untouched } = oldSettings;
    expect(await settingsOf(tenant.id)).toEqual({
      ...untouched,
      unitCostsCents: { counter: 1200, phone: 15, web: 300, api: 101, email: 0, sms: 5, letter: 270 },
    });
    expect(await settingsOf(both.id)).toEqual({
      defaultDeadlineDays: 15,
      unitCostsCents: { letter: 300, sms: 5 },
    });
    expect(await settingsOf(none.id)).toEqual(noUnitCosts);
  }, 180_000);
});
