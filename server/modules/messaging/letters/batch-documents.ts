import { PDFDocument } from 'pdf-lib';
import type { FileStore } from '../../../platform/storage/file-store';
import { isRenderedLetter } from './letter-adapter';
import { pointsOf } from './letter-layout';
import type { BatchLetter } from './print-batches.repository';

/** Enclosures the print room can print, after the letter itself. */
const printableMediaTypes = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/** Where one letter sits in the merged PDF. */
export interface LetterPages {
  messageId: string;
  firstPage: number;
  pageCount: number;
  /** Enclosures that cannot be printed (neither PDF nor JPEG or PNG): to add by hand. */
  unprintedFiles: string[];
}

export interface BatchDocument {
  pdf: Uint8Array;
  letters: LetterPages[];
}

async function readAll(files: FileStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await files.open(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The letter first, then its printable enclosures in the order they were attached. */
function printOrder(letter: BatchLetter) {
  const rendered = letter.attachments.filter(isRenderedLetter);
  const enclosures = letter.attachments.filter((file) => !isRenderedLetter(file));
  return {
    printable: [...rendered, ...enclosures.filter((file) => printableMediaTypes.has(file.mediaType))],
    unprinted: enclosures
      .filter((file) => !printableMediaTypes.has(file.mediaType))
      .map((file) => file.fileName),
  };
}

async function addImagePage(merged: PDFDocument, bytes: Buffer, mediaType: string) {
  const image = mediaType === 'image/png' ? await merged.embedPng(bytes) : await merged.embedJpg(bytes);
  const page = merged.addPage([pointsOf(210), pointsOf(297)]);
  const margin = pointsOf(10);
  const scale = Math.min(
    (page.getWidth() - 2 * margin) / image.width,
    (page.getHeight() - 2 * margin) / image.height,
    1,
  );
  const width = image.width * scale;
  const height = image.height * scale;
  page.drawImage(image, {
    x: (page.getWidth() - width) / 2,
    y: page.getHeight() - margin - height,
    width,
    height,
  });
}

/**
 * One PDF with every letter of the batch in print order (each letter followed by its printable
 * enclosures), and where each letter starts and how many pages it has, for the manifest.
 */
export async function buildBatchDocument(
  files: FileStore,
  letters: BatchLetter[],
  title: string,
): Promise<BatchDocument> {
  const merged = await PDFDocument.create();
  merged.setTitle(title);
  merged.setCreator('Guichet');
  const placed: LetterPages[] = [];
  for (const letter of letters) {
    const firstPage = merged.getPageCount() + 1;
    const { printable, unprinted } = printOrder(letter);
    for (const file of printable) {
      const bytes = await readAll(files, file.storageKey);
      if (file.mediaType === 'application/pdf') {
        const source = await PDFDocument.load(bytes, { updateMetadata: false });
        const pages = await merged.copyPages(source, source.getPageIndices());
        for (const page of pages) merged.addPage(page);
      } else {
        await addImagePage(merged, bytes, file.mediaType);
      }
    }
    placed.push({
      messageId: letter.messageId,
      firstPage,
      pageCount: merged.getPageCount() - firstPage + 1,
      unprintedFiles: unprinted,
    });
  }
  return { pdf: await merged.save(), letters: placed };
}

/**
 * A spreadsheet cell: quoted when it holds the separator, a quote or a line break; a leading
 * = + - @ is neutralised so that a name cannot run as a formula in the spreadsheet.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const manifestColumns = [
  'N°',
  'Référence',
  'Destinataire',
  'Adresse',
  'Code postal',
  'Commune',
  'Pages',
  'Première page',
  'Pièces à joindre à la main',
  'Identifiant du message',
] as const;

/**
 * The batch's manifest for the print room: one line per letter in print order. UTF-8 with a
 * byte order mark and `;` between cells, as French spreadsheet software expects; CRLF lines.
 */
export function buildManifestCsv(letters: BatchLetter[], pages: LetterPages[]): string {
  const pagesOf = new Map(pages.map((entry) => [entry.messageId, entry]));
  const lines = [manifestColumns.map(csvCell).join(';')];
  letters.forEach((letter, index) => {
    const address = letter.letterAddress;
    const placed = pagesOf.get(letter.messageId);
    lines.push(
      [
        index + 1,
        letter.reference ?? '',
        address?.name ?? letter.toAddress ?? '',
        [address?.line1, address?.line2].filter(Boolean).join(', '),
        address?.postcode ?? '',
        address?.city ?? '',
        placed?.pageCount ?? '',
        placed?.firstPage ?? '',
        placed?.unprintedFiles.join(', ') ?? '',
        letter.messageId,
      ]
        .map(csvCell)
        .join(';'),
    );
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
