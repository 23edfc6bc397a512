import type { FastifyReply } from 'fastify';
import type { AttachmentDownload, RequestAttachment } from '../../requests';
import { contentDisposition } from '../../../platform/http/content-disposition';
import { mediaTypes } from '../../../platform/storage/media-type';

/** What browsers show by themselves: images in an <img>, PDF in their viewer. Not TIFF. */
export const scanViewMediaTypes: ReadonlySet<string> = new Set([
  mediaTypes.pdf,
  mediaTypes.jpeg,
  mediaTypes.png,
]);

/**
 * Headers of a scan shown inline in the agent's page. The file was typed from its bytes at
 * upload and is never sniffed again (`nosniff`), so a PDF or an image cannot turn into a page of
 * this site. Its document is sandboxed (unique origin, no script of ours, no form, no plugin
 * beyond the browser's own PDF viewer), loads nothing, and only this site may frame it.
 */
export function scanViewHeaders(attachment: Pick<RequestAttachment, 'mediaType' | 'sizeBytes' | 'fileName'>) {
  return {
    'content-type': attachment.mediaType,
    'content-length': String(attachment.sizeBytes),
    // The download's header, with the file shown rather than saved.
    'content-disposition': contentDisposition(attachment.fileName).replace(/^attachment/, 'inline'),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox; frame-ancestors 'self'",
    'x-frame-options': 'SAMEORIGIN',
    'cache-control': 'private, no-store',
  };
}

/** Sends a scan to be shown inline (its type already checked against `scanViewMediaTypes`). */
export function sendScanView(reply: FastifyReply, { attachment, stream }: AttachmentDownload) {
  return reply.headers(scanViewHeaders(attachment)).send(stream);
}
