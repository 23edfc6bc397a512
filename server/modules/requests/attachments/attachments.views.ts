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

/** ASCII stand-in for old clients, then the exact UTF-8 name (RFC 6266 / RFC 8187). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
