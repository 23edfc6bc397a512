import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { messageTemplates } from '../messaging.tables';
import type { MessageTemplateDefinition, TemplateText } from './template-registry';

export type StoredTemplate = typeof messageTemplates.$inferSelect;

/** The town's wording of a template, or the default one. */
export async function findEffectiveTemplate(
  db: DbOrTx,
  tenantId: string,
  definition: MessageTemplateDefinition,
): Promise<TemplateText & { isCustom: boolean }> {
  const key = definition.key;
  const [row] = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.tenantId, tenantId), eq(messageTemplates.key, key)))
    .limit(1);
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
