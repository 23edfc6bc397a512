import type { TimelineEventDataOf } from '../../../../common/timeline-events';
import type { AppContext } from '../../../app-context';
import type { DbOrTx } from '../../../platform/db/client';
import { changeRequest, type RequestActor } from '../change-request';
import type { Request } from '../requests.repository';
import type { EventVisibility } from '../requests.tables';
import { insertRequestAttachment, type RequestAttachment } from './attachments.repository';

export interface StoredAttachment {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** Its key in the file store (already committed there). */
  storageKey: string;
  visibility: EventVisibility;
  /** Sorts the attachment among others added in the same instant (scanned pages keep their order). */
  createdAt?: Date;
  /** What the `attachment_added` event says of its origin (a scan, an e-mail). */
  origin?: Pick<TimelineEventDataOf<'attachment_added'>, 'scan' | 'channel'>;
}

/**
 * A stored file becomes an attachment of the request, in the caller's transaction: its row, and
 * its `attachment_added` event (public when the attachment is) through `changeRequest`, which
 * marks the request as changed without a new version.
 */
export async function recordAttachment(
  tx: DbOrTx,
  ctx: Pick<AppContext, 'bus' | 'clock'>,
  request: Request,
  actor: RequestActor,
  file: StoredAttachment,
): Promise<RequestAttachment> {
  const attachment = await insertRequestAttachment(tx, {
    tenantId: request.tenantId,
    requestId: request.id,
    fileName: file.fileName,
    mediaType: file.mediaType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    storageKey: file.storageKey,
    visibility: file.visibility,
    uploadedById: actor.id,
    uploadedByKind: actor.kind,
    createdAt: file.createdAt ?? ctx.clock.now(),
  });
  await changeRequest(tx, ctx, request, actor, {
    events: [
      {
        type: 'attachment_added',
        visibility: file.visibility,
        data: { attachmentId: attachment.id, fileName: file.fileName, ...file.origin },
      },
    ],
  });
  return attachment;
}
