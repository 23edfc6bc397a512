import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import type { Request } from '../requests.repository';
import { requestAttachments, requests } from '../requests.tables';

export type RequestAttachment = typeof requestAttachments.$inferSelect;
export type NewRequestAttachment = typeof requestAttachments.$inferInsert;

export interface FindRequestAttachmentsOptions {
  /** Only the attachments the citizen may see (visibility `public`). */
  publicOnly?: boolean;
}

/** The attachments of one request of `tenantId`, oldest first. */
export async function findRequestAttachments(
  db: DbOrTx,
  tenantId: string,
  requestId: string,
  options: FindRequestAttachmentsOptions = {},
): Promise<RequestAttachment[]> {
  const conditions = [eq(requestAttachments.tenantId, tenantId), eq(requestAttachments.requestId, requestId)];
  if (options.publicOnly) conditions.push(eq(requestAttachments.visibility, 'public'));
  return db
    .select()
    .from(requestAttachments)
    .where(and(...conditions))
    .orderBy(asc(requestAttachments.createdAt), asc(requestAttachments.id));
}

/** One attachment of one request of `tenantId`, or undefined. */
export async function findRequestAttachment(
  db: DbOrTx,
  tenantId: string,
  requestId: string,
  attachmentId: string,
): Promise<RequestAttachment | undefined> {
  const [row] = await db
    .select()
    .from(requestAttachments)
    .where(
      and(
        eq(requestAttachments.tenantId, tenantId),
        eq(requestAttachments.requestId, requestId),
        eq(requestAttachments.id, attachmentId),
      ),
    )
    .limit(1);
  return row;
}

/** How many attachments a request has (for the per-request limit). */
export async function countRequestAttachments(
  db: DbOrTx,
  tenantId: string,
  requestId: string,
): Promise<number> {
  const rows = await db
    .select({ id: requestAttachments.id })
    .from(requestAttachments)
    .where(and(eq(requestAttachments.tenantId, tenantId), eq(requestAttachments.requestId, requestId)));
  return rows.length;
}

export async function insertRequestAttachment(
  db: DbOrTx,
  values: NewRequestAttachment,
): Promise<RequestAttachment> {
  const [row] = await db.insert(requestAttachments).values(values).returning();
  return row!;
}

/** The request row, locked until the end of the transaction (serialises concurrent uploads). */
export async function lockRequest(
  db: DbOrTx,
  tenantId: string,
  requestId: string,
): Promise<Request | undefined> {
  const [request] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.tenantId, tenantId), eq(requests.id, requestId)))
    .for('update')
    .limit(1);
  return request;
}
