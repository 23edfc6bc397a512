import type { Readable } from 'node:stream';
import type { AppContext } from '../../../app-context';
import { citizenOf, requireSignedIn, type Principal } from '../../../platform/auth/principal';
import { agentActorFor } from '../backoffice/actions/request-change';
import { transaction } from '../../../platform/db/transaction';
import { AppError, invalidField } from '../../../platform/http/app-error';
import { type FileSource, FileTooLargeError, type StagedFile } from '../../../platform/storage/file-store';
import { requireVisibleRequest } from '../backoffice.policy';
import { requireOwnRequest } from '../requests.policy';
import { findRequestById } from '../requests.repository';
import type { EventVisibility } from '../requests.tables';
import {
  countRequestAttachments,
  findRequestAttachment,
  findRequestAttachments,
  lockRequest,
  type RequestAttachment,
} from './attachments.repository';
import { requireRoomForAttachment, requireUploadAllowed, type Uploader } from './attachments.policy';
import { recordAttachment } from './record-attachment';
import { sanitizeFileName } from '../../../platform/storage/file-name';
import { allowedMediaTypes, isAllowedMediaType, sniffMediaType } from '../../../platform/storage/media-type';

export function attachmentTooLarge(maxBytes: number): AppError {
  return new AppError('ATTACHMENT_TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes.`, {
    maxBytes,
  });
}

/**
 * Checks, before any byte is read, that `uploader` may add a file to the request (ownership,
 * tracking code or agent scope; status; room left). The same checks run again, under a lock, when
 * the attachment is saved.
 */
export async function checkUploadAllowed(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  requestId: string,
  uploader: Uploader,
): Promise<void> {
  const { tenantId } = principal;
  const request = requireUploadAllowed(uploader, await findRequestById(ctx.db, tenantId, requestId));
  requireRoomForAttachment(await countRequestAttachments(ctx.db, tenantId, request.id));
}

export interface ReceivedFile {
  staged: StagedFile;
  mediaType: string;
}

/**
 * Streams the upload into a temporary file of the store, refusing it as soon as it passes
 * `maxBytes` (413), then judges its type from its bytes (415 unless allowed). On refusal nothing
 * is kept; otherwise the caller commits it (`addAttachment`) or discards it.
 */
export async function receiveFile(
  ctx: Pick<AppContext, 'files'>,
  source: FileSource,
  maxBytes: number,
): Promise<ReceivedFile> {
  let staged: StagedFile;
  try {
    staged = await ctx.files.stage(source, { maxBytes });
  } catch (error) {
    if (error instanceof FileTooLargeError) throw attachmentTooLarge(maxBytes);
    throw error;
  }
  try {
    if (staged.sizeBytes === 0) throw invalidField('file', 'is empty');
    const mediaType = await sniffMediaType(staged.read, staged.sizeBytes);
    if (!isAllowedMediaType(mediaType)) {
      throw new AppError(
        'ATTACHMENT_TYPE_REFUSED',
        `Files of type ${mediaType} are not accepted (judged from the content, not the name).`,
        { detectedType: mediaType, allowedTypes: [...allowedMediaTypes.keys()] },
      );
    }
    return { staged, mediaType };
  } catch (error) {
    await staged.discard();
    throw error;
  }
}

/**
 * Who uploads, as the policy sees them: an agent with their scope, or a citizen (their account,
 * or the tracking code of a request filed without one).
 */
export async function uploaderOf(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  audience: 'citizen' | 'agent',
  trackingCode?: string,
): Promise<Uploader> {
  if (audience === 'agent') {
    const { user, scope } = await agentActorFor(ctx, principal);
    return { kind: 'agent', user, scope };
  }
  const citizen = citizenOf(principal);
  return { kind: 'citizen', citizenId: citizen?.id ?? null, trackingCode };
}

export interface AddAttachmentInput {
  requestId: string;
  uploader: Uploader;
  file: ReceivedFile;
  /** The name the client gave; sanitised here. */
  fileName: string | undefined;
  /** Agents choose; a citizen's files are always public (they see them). */
  visibility?: EventVisibility;
}

/**
 * Saves an attachment in one transaction: the request is locked and checked again (scope,
 * status, at most 10 files), the file moved into place, then the row and its `attachment_added`
 * event (public when the attachment is) are written. Live updates go out after the commit.
 */
export async function addAttachment(
  ctx: AppContext,
  principal: Principal,
  input: AddAttachmentInput,
): Promise<RequestAttachment> {
  const { uploader, file } = input;
  const { tenantId } = principal;
  const visibility: EventVisibility = uploader.kind === 'agent' ? (input.visibility ?? 'internal') : 'public';
  const fileName = sanitizeFileName(input.fileName, file.mediaType);

  try {
    return await transaction(ctx.db, async (tx) => {
      const request = requireUploadAllowed(uploader, await lockRequest(tx, tenantId, input.requestId));
      requireRoomForAttachment(await countRequestAttachments(tx, tenantId, request.id));
      // The owner's account, or nobody for a file sent with the tracking code.
      const actorId =
        uploader.kind === 'agent'
          ? uploader.user.id
          : request.citizenId !== null && request.citizenId === uploader.citizenId
            ? uploader.citizenId
            : null;
      const stored = await file.staged.commit();
      return recordAttachment(
        tx,
        ctx,
        request,
        { kind: uploader.kind, id: actorId },
        {
          fileName,
          mediaType: file.mediaType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
          storageKey: stored.key,
          visibility,
        },
      );
    });
  } finally {
    // Refused under the lock (or failed): the temporary file goes. After commit this does nothing.
    await file.staged.discard();
  }
}

/** The public attachments of the citizen's own request (404 if not theirs). */
export async function listOwnAttachments(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  requestId: string,
) {
  const { id: citizenId, tenantId } = requireSignedIn(principal);
  const request = requireOwnRequest({ id: citizenId }, await findRequestById(ctx.db, tenantId, requestId));
  return findRequestAttachments(ctx.db, tenantId, request.id, { publicOnly: true });
}

/** Every attachment of a request the agent's scope covers (404 otherwise). */
export async function listAttachmentsForAgent(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal,
  requestId: string,
) {
  const { scope } = await agentActorFor(ctx, principal);
  const request = requireVisibleRequest(scope, await findRequestById(ctx.db, scope.tenantId, requestId));
  return findRequestAttachments(ctx.db, scope.tenantId, request.id);
}

export interface AttachmentDownload {
  attachment: RequestAttachment;
  stream: Readable;
}

function attachmentNotFound(): AppError {
  return new AppError('ATTACHMENT_NOT_FOUND', 'No such attachment.');
}

/**
 * An attachment and its bytes: for the citizen, a public attachment of their own request; for
 * an agent, any attachment of a request within scope. Anything else is a 404.
 */
export async function openAttachment(
  ctx: Pick<AppContext, 'db' | 'files'>,
  principal: Principal,
  audience: 'citizen' | 'agent',
  requestId: string,
  attachmentId: string,
): Promise<AttachmentDownload> {
  const { tenantId } = principal;
  const request = await findRequestById(ctx.db, tenantId, requestId);
  if (audience === 'agent') requireVisibleRequest((await agentActorFor(ctx, principal)).scope, request);
  else requireOwnRequest(requireSignedIn(principal), request);
  const attachment = await findRequestAttachment(ctx.db, tenantId, requestId, attachmentId);
  if (!attachment) throw attachmentNotFound();
  if (audience === 'citizen' && attachment.visibility !== 'public') throw attachmentNotFound();
  return { attachment, stream: await ctx.files.open(attachment.storageKey) };
}
