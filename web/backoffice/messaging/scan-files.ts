import { apiHref } from '../../api/client';
import type { AgentTimelineEntry, Attachment } from '../../api/backoffice';

/** How the page shows a scan: an image inline, a PDF in the browser's viewer, a TIFF as a link only. */
export type ScanKind = 'image' | 'pdf' | 'tiff';

const kinds: Record<string, ScanKind> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'application/pdf': 'pdf',
  // Browsers other than Safari cannot show TIFF: it is downloaded.
  'image/tiff': 'tiff',
};

export interface ScanFile {
  attachment: Attachment;
  kind: ScanKind;
  /** Where the browser shows the file inline (null for a TIFF, which it cannot show). */
  viewUrl: string | null;
}

/** The inline view of a scan (the download, with `Content-Disposition: inline`). */
export function scanViewUrl(requestId: string, attachmentId: string): string {
  return apiHref('/backoffice/requests/{id}/scans/{attachmentId}', { path: { id: requestId, attachmentId } });
}

/** The request's scans (PDF, JPEG, PNG, TIFF) in the order of its attachments, each with how to show it. */
export function findScans(requestId: string, attachments: Attachment[]): ScanFile[] {
  return attachments.flatMap((attachment) => {
    const kind = kinds[attachment.mediaType];
    if (!kind) return [];
    return [{ attachment, kind, viewUrl: kind === 'tiff' ? null : scanViewUrl(requestId, attachment.id) }];
  });
}

/** The text read on the scans (the internal `ocr_done` event), or where its reading stands. */
export type RecognisedText =
  | { state: 'pending' }
  | { state: 'failed'; willRetry: boolean }
  | { state: 'done'; text: string; isTruncated: boolean; excerptLength: number; pages: number };

/** From the request's timeline: the OCR result once done, else its last failure, else pending. */
export function recognisedTextOf(timeline: AgentTimelineEntry[]): RecognisedText {
  const done = timeline.find((entry) => entry.type === 'ocr_done');
  if (done) {
    const text = done.body ?? '';
    const isTruncated = done.data.truncated === true;
    return {
      state: 'done',
      text,
      isTruncated,
      // A truncated text ends with « … », not part of the letter.
      excerptLength: isTruncated && text.endsWith('…') ? text.length - 1 : text.length,
      pages: typeof done.data.pages === 'number' ? done.data.pages : 0,
    };
  }
  const failures = timeline.filter((entry) => entry.type === 'ocr_failed');
  const last = failures.reduce<AgentTimelineEntry | undefined>(
    (latest, entry) => (!latest || entry.at >= latest.at ? entry : latest),
    undefined,
  );
  if (last) return { state: 'failed', willRetry: 'willRetry' in last.data && last.data.willRetry === true };
  return { state: 'pending' };
}

/** Zoom steps of an image scan, in percent of the frame's width. */
export const zoomLevels = [100, 150, 200, 300] as const;

/** The next zoom level up (`direction` 1) or down (-1), staying within the steps. */
export function nextZoom(current: number, direction: 1 | -1): number {
  const index = zoomLevels.findIndex((level) => level === current);
  const from = index === -1 ? 0 : index;
  return zoomLevels[Math.min(Math.max(from + direction, 0), zoomLevels.length - 1)]!;
}
