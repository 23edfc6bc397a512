import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { createTownCache } from '../../../platform/db/town-cache';
import { messageTemplates } from '../messaging.tables';
import type { MessageTemplateDefinition, TemplateText } from './template-registry';

export type StoredTemplate = typeof messageTemplates.$inferSelect;

/**
 * The town's own wordings by key, cached per process and checked against the town's version on
 * each use (platform/db/town-cache.ts: any change of `message_templates` changes it).
 */
export const townTemplatesCache = createTownCache(
  async (db, tenantId) =>
    new Map((await findTenantTemplates(db, tenantId)).map((row) => [row.key, Object.freeze(row)])),
);

/** The town's wording of a template, or the default one. */
export async function findEffectiveTemplate(
  db: DbOrTx,
  tenantId: string,
  definition: MessageTemplateDefinition,
): Promise<TemplateText & { isCustom: boolean }> {
  const row = (await townTemplatesCache.get(db, tenantId)).get(definition.key);
  if (row) return { subject: row.subject, body: row.body, shortBody: row.shortBody, isCustom: true };
  return {
    subject: definition.subject,
    body: definition.body,
    shortBody: definition.shortBody,
    isCustom: false,
  };
}

export async function findTenantTemplates(db: DbOrTx, tenantId: string): Promise<StoredTemplate[]> {
  return db.select().from(messageTemplates).where(eq(messageTemplates.tenantId, tenantId));
}

export async function upsertTemplate(
  db: DbOrTx,
  values: { tenantId: string; key: string; updatedById: string; now: Date } & TemplateText,
): Promise<void> {
  const row = {
    tenantId: values.tenantId,
    key: values.key,
    subject: values.subject,
    body: values.body,
    shortBody: values.shortBody,
    updatedById: values.updatedById,
    updatedAt: values.now,
  };
  await db
    .insert(messageTemplates)
    .values(row)
    .onConflictDoUpdate({
      target: [messageTemplates.tenantId, messageTemplates.key],
      set: {
        subject: row.subject,
        body: row.body,
        shortBody: row.shortBody,
        updatedById: row.updatedById,
        updatedAt: row.updatedAt,
      },
    });
}

export async function deleteTemplate(db: DbOrTx, tenantId: string, key: string): Promise<void> {
  await db
    .delete(messageTemplates)
    .where(and(eq(messageTemplates.tenantId, tenantId), eq(messageTemplates.key, key)));
}
