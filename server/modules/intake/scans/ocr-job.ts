import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AppContext } from '../../../app-context';
import { transaction } from '../../../platform/db/transaction';
import type { JobRecord } from '../../../platform/jobs/job-runner';
import {
  changeRequest,
  findRequestAttachments,
  findRequestById,
  hasTimelineEvent,
  lockRequest,
  type RequestAttachment,
  systemActor,
} from '../../requests';
import { extensionOf } from '../../../platform/storage/media-type';
import { type ExtractedText, extractText } from './ocr';

export const ocrJobType = 'ocr.extract';

/** The timeline shows this much of the text; the search gets up to `maxSearchChars`. */
export const ocrEventMaxChars = 2_000;
const maxSearchChars = 50_000;

const scanTypes = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/tiff']);

interface OcrPayload {
  requestId: string;
  /** In the order reception sent them (pages of one letter); default: every scan of the request. */
  attachmentIds?: string[];
}

interface FileResult extends ExtractedText {
  attachmentId: string;
  fileName: string;
}

async function readScan(ctx: AppContext, attachment: RequestAttachment, workDir: string, index: number) {
  const file = path.join(workDir, `scan-${index}.${extensionOf[attachment.mediaType] ?? 'bin'}`);
  await pipeline(await ctx.files.open(attachment.storageKey), createWriteStream(file, { mode: 0o600 }));
  const extracted = await extractText(file, attachment.mediaType);
  return { ...extracted, attachmentId: attachment.id, fileName: attachment.fileName } satisfies FileResult;
}

/**
 * `ocr.extract`: reads the text of a scanned letter's files (tesseract in French, or the PDF's
 * own text layer), appends it to the request's searchable text and writes an internal `ocr_done`
 * event with the text (truncated) and the page count, in one transaction (version bumped, so a
 * concurrent change cannot drop it). Run twice, it does nothing the second time. A failure writes
 * an internal `ocr_failed` event and is retried by the queue.
 */
export async function ocrExtractJob(job: JobRecord, ctx: AppContext): Promise<void> {
  const payload = job.payload as unknown as OcrPayload;
  const tenantId = job.tenantId;
  if (!tenantId || typeof payload.requestId !== 'string')
    throw new Error('ocr.extract needs a tenant and a requestId');
  const request = await findRequestById(ctx.db, tenantId, payload.requestId);
  if (!request) return;
  if (await hasTimelineEvent(ctx.db, tenantId, request.id, 'ocr_done')) return;

  const all = (await findRequestAttachments(ctx.db, tenantId, request.id)).filter((row) =>
    scanTypes.has(row.mediaType),
  );
  const scans = payload.attachmentIds
    ? payload.attachmentIds.flatMap((id) => all.filter((row) => row.id === id))
    : all;

  const workDir = await mkdtemp(path.join(tmpdir(), 'guichet-scan-'));
  let results: FileResult[];
  try {
    results = [];
    for (const [index, scan] of scans.entries()) results.push(await readScan(ctx, scan, workDir, index));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await transaction(ctx.db, async (tx) => {
      const locked = await lockRequest(tx, tenantId, request.id);
      if (!locked) return;
      await changeRequest(tx, ctx, locked, systemActor, {
        events: [
          {
            type: 'ocr_failed',
            visibility: 'internal',
            body: message.slice(0, 1_000),
            data: {
              attempt: job.attempts,
              maxAttempts: job.maxAttempts,
              willRetry: job.attempts < job.maxAttempts,
            },
          },
        ],
      });
    });
    throw error;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }

  const text = results
    .map((result) => result.text)
    .filter(Boolean)
    .join('\n\n');
  const pages = results.reduce((sum, result) => sum + result.pages, 0);
  await transaction(ctx.db, async (tx) => {
    const locked = await lockRequest(tx, tenantId, request.id);
    if (!locked) return;
    // Another run finished meanwhile (a retry after a lost lease): keep the first.
    if (await hasTimelineEvent(tx, tenantId, locked.id, 'ocr_done')) return;
    await changeRequest(tx, ctx, locked, systemActor, {
      searchText: text.slice(0, maxSearchChars),
      events: [
        {
          type: 'ocr_done',
          visibility: 'internal',
          body: text.length > ocrEventMaxChars ? `${text.slice(0, ocrEventMaxChars)}…` : text,
          data: {
            pages,
            characters: text.length,
            truncated: text.length > ocrEventMaxChars,
            files: results.map(({ attachmentId, fileName, pages: filePages, method }) => ({
              attachmentId,
              fileName,
              pages: filePages,
              method,
            })),
          },
        },
      ],
    });
  });
}
