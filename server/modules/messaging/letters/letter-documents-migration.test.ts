import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../../test/factories';
import { openEmptyDatabase } from '../../../../test/test-database';
import type { DatabaseHandle } from '../../../platform/db/client';
import { outboundMessages, printBatches } from '../messaging.tables';

const migrationsFolder = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../platform/db/migrations',
);

/** The migrations folder as it was before `tag`: its journal stops at the migration before. */
function migrationsBefore(tag: string): string {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const entries = journal.entries.slice(
    0,
    journal.entries.findIndex((entry) => entry.tag === tag),
  );
  const folder = mkdtempSync(path.join(tmpdir(), 'guichet-migrations-'));
  mkdirSync(path.join(folder, 'meta'));
  writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const entry of entries) {
    copyFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  }
  return folder;
}

async function migrateTo(database: DatabaseHandle, folder: string) {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
  } else {
    await migrateNodePostgres(database.db as unknown as NodePgDatabase, { migrationsFolder: folder });
  }
}

describe('migration 0008: letters get their own columns', () => {
  let fresh: Awaited<ReturnType<typeof openEmptyDatabase>>;

  beforeAll(async () => {
    fresh = await openEmptyDatabase('guichet_letters');
  }, 180_000);
  afterAll(() => fresh?.dispose());

  it('moves the rendered PDF of a letter batched the old way out of its attachments, and nothing else', async () => {
    const { database } = fresh;
    await migrateTo(database, migrationsBefore('0008_letter_documents'));
    const tenant = await buildTenant(database.db);
    const [batch] = await database.db
      .insert(printBatches)
      .values({ tenantId: tenant.id, batchDate: '2026-11-20', status: 'closed' })
      .returning({ id: printBatches.id });
    const rendered = {
      storageKey: 'aa/bb/rendered',
      fileName: 'guichet-courrier-2026-000001.pdf',
      mediaType: 'application/pdf',
    };
    const enclosure = { storageKey: 'cc/dd/enclosure', fileName: 'plan.pdf', mediaType: 'application/pdf' };
    const photo = { storageKey: 'ee/ff/photo', fileName: 'photo.jpg', mediaType: 'image/jpeg' };
    const insertOld = async (
      key: string,
      values: { channel: string; batched: boolean; attachments: unknown[] },
    ) => {
      // The columns of 0007 only: the table has no letter columns yet.
      const result = (await database.db.execute(
        sqlInsert(tenant.id, key, values.channel, values.batched ? batch!.id : null, values.attachments),
      )) as unknown as { rows: { id: string }[] };
      return result.rows[0]!.id;
    };
    const batched = await insertOld('batched', {
      channel: 'letter',
      batched: true,
      attachments: [rendered, enclosure, photo],
    });
    // Not batched yet: a file of that name is a real enclosure (the old adapter had not run).
    const queued = await insertOld('queued', {
      channel: 'letter',
      batched: false,
      attachments: [{ ...enclosure, fileName: 'guichet-courrier-copie.pdf' }],
    });
    const email = await insertOld('email', { channel: 'email', batched: false, attachments: [enclosure] });

    await database.migrate();

    const rowOf = async (id: string) => {
      const [row] = await database.db.select().from(outboundMessages).where(eq(outboundMessages.id, id));
      return row!;
    };
    expect(await rowOf(batched)).toMatchObject({
      letterPdfKey: 'aa/bb/rendered',
      letterPageCount: null,
      letterRenderedAt: new Date('2026-11-20T09:05:00Z'),
      attachments: [enclosure, photo],
    });
    expect(await rowOf(queued)).toMatchObject({
      letterPdfKey: null,
      letterRenderedAt: null,
      attachments: [{ ...enclosure, fileName: 'guichet-courrier-copie.pdf' }],
    });
    expect(await rowOf(email)).toMatchObject({ letterPdfKey: null, attachments: [enclosure] });
  }, 180_000);
});

/** An outbound message as the 0007 schema stores it, sent at 09:05 when batched. */
function sqlInsert(
  tenantId: string,
  key: string,
  channel: string,
  printBatchId: string | null,
  attachments: unknown[],
) {
  const sentAt = printBatchId ? '2026-11-20T09:05:00Z' : null;
  return sql`
    INSERT INTO outbound_messages
      (tenant_id, message_key, channel, body_text, attachments, status, print_batch_id, sent_at, updated_at)
    VALUES (${tenantId}, ${key}, ${channel}, 'Bonjour', ${JSON.stringify(attachments)}::jsonb,
      ${printBatchId ? 'sent' : 'queued'}, ${printBatchId}, ${sentAt}, '2026-11-20T09:00:00Z')
    RETURNING id`;
}
