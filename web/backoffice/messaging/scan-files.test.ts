import { describe, expect, it } from 'vitest';
import type { AgentTimelineEntry, Attachment } from '../../api/backoffice';
import { findScans, nextZoom, recognisedTextOf, scanViewUrl } from './scan-files';

function attachment(id: string, mediaType: string): Attachment {
  return {
    id,
    fileName: `${id}.bin`,
    mediaType,
    sizeBytes: 1000,
    visibility: 'internal',
    uploadedByKind: 'agent',
    createdAt: '2026-11-02T09:00:00.000Z',
    downloadUrl: `/api/v1/backoffice/requests/r1/attachments/${id}`,
  };
}

function event(
  type: AgentTimelineEntry['type'],
  at: string,
  body: string | null,
  data: Record<string, unknown>,
): AgentTimelineEntry {
  // Test data of the event's own type (the union of the contract, checked by the server).
  return {
    id: `${type}-${at}`,
    at,
    type,
    visibility: 'internal',
    actor: { id: null, name: 'Système', kind: 'system' },
    body,
    data,
  } as AgentTimelineEntry;
}

describe('scans shown beside the qualification', () => {
  it('keeps the scans in order and says how each is shown', () => {
    const scans = findScans('r1', [
      attachment('a', 'application/pdf'),
      attachment('b', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      attachment('c', 'image/png'),
      attachment('d', 'image/tiff'),
      attachment('e', 'image/jpeg'),
      attachment('f', 'image/gif'),
    ]);
    expect(scans.map((scan) => [scan.attachment.id, scan.kind, scan.viewUrl])).toEqual([
      ['a', 'pdf', '/api/v1/backoffice/requests/r1/scans/a'],
      ['c', 'image', '/api/v1/backoffice/requests/r1/scans/c'],
      ['d', 'tiff', null],
      ['e', 'image', '/api/v1/backoffice/requests/r1/scans/e'],
    ]);
    expect(findScans('r1', [])).toEqual([]);
  });

  it('escapes the ids in the view address', () => {
    expect(scanViewUrl('a/b', 'c?d')).toBe('/api/v1/backoffice/requests/a%2Fb/scans/c%3Fd');
  });

  it('zooms by steps, within bounds', () => {
    expect(nextZoom(100, 1)).toBe(150);
    expect(nextZoom(300, 1)).toBe(300);
    expect(nextZoom(150, -1)).toBe(100);
    expect(nextZoom(100, -1)).toBe(100);
    expect(nextZoom(123, 1)).toBe(150);
  });
});

describe('the recognised text of a letter', () => {
  it('is pending until the OCR job wrote its event', () => {
    expect(recognisedTextOf([event('created', '2026-11-02T09:00:00Z', null, {})])).toEqual({
      state: 'pending',
    });
  });

  it('tells the last failure and whether the job will try again', () => {
    const timeline = [
      event('ocr_failed', '2026-11-02T09:01:00Z', 'tesseract', { willRetry: true }),
      event('ocr_failed', '2026-11-02T09:05:00Z', 'tesseract', { willRetry: false }),
    ];
    expect(recognisedTextOf(timeline)).toEqual({ state: 'failed', willRetry: false });
    expect(recognisedTextOf([...timeline].reverse())).toEqual({ state: 'failed', willRetry: false });
    expect(recognisedTextOf(timeline.slice(0, 1))).toEqual({ state: 'failed', willRetry: true });
  });

  it('gives the text once read, even after a failed attempt', () => {
    const timeline = [
      event('ocr_failed', '2026-11-02T09:01:00Z', 'timeout', { willRetry: true }),
      event('ocr_done', '2026-11-02T09:03:00Z', 'Madame le Maire,…', { pages: 2, truncated: true }),
    ];
    expect(recognisedTextOf(timeline)).toEqual({
      state: 'done',
      text: 'Madame le Maire,…',
      isTruncated: true,
      excerptLength: 16,
      pages: 2,
    });
    expect(recognisedTextOf([event('ocr_done', '2026-11-02T09:03:00Z', '', { pages: 1 })])).toEqual({
      state: 'done',
      text: '',
      isTruncated: false,
      excerptLength: 0,
      pages: 1,
    });
  });
});
