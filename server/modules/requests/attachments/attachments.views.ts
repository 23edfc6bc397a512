import type { RequestAttachment } from './attachments.repository';

export type AttachmentAudience = 'citizen' | 'agent';

/** Where each audience downloads an attachment. */
export function attachmentDownloadUrl(audience: AttachmentAudience, requestId: string, attachmentId: string) {
  const base = audience === 'agent' ? '/api/v1/backoffice/requests' : '/api/v1/requests';
  return `${base}/${requestId}/attachments/${attachmentId}`;
}

export function toAttachmentView(attachment: RequestAttachment, audience: AttachmentAudience) {
  return {
    id: attachment.id,
    fileName: attachment.fileName,
    mediaType: attachment.mediaType,
    sizeBytes: attachment.sizeBytes,
    visibility: attachment.visibility,
    uploadedByKind: attachment.uploadedByKind,
    createdAt: attachment.createdAt.toISOString(),
    downloadUrl: attachmentDownloadUrl(audience, attachment.requestId, attachment.id),
  };
}

export { contentDisposition } from '../../../platform/http/content-disposition';
