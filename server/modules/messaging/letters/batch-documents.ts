import type { PDFDocument } from 'pdf-lib';
import type { FileStore } from '../../../platform/storage/file-store';
import { a4, pointsOf } from './letter-layout';
import type { BatchLetter } from './print-batches.repository';

/** Enclosures the print room can print, after the letter itself. */
const printableMediaTypes = new Set(['application/pdf', 'image/jpeg', 'image/png']);

export function isPrintableEnclosure(file: { mediaType: string }): boolean {
  return printableMediaTypes.has(file.mediaType);
}

/** Where one letter (with its printable enclosures) sits in the merged PDF. */
export interface LetterPages {
  messageId: string;
  /** 1-based page of the merged PDF where the letter starts. */
  firstPage: number;
  /** The letter's pages and its enclosures', without the blank page added for duplex. */
  pageCount: number;
  /** Sheets of paper it takes: half its pages rounded up when printed recto-verso. */
  sheetCount: number;
  /** Enclosures that cannot be printed (neither PDF nor JPEG or PNG): to add by hand. */
  unprintedFiles: string[];
}

export interface BatchDocument {
  pdf: Uint8Array;
  letters: LetterPages[];
}

export interface BatchDocumentOptions {
  title: string;
  /**
   * Recto-verso: each letter then starts on a new sheet, so a blank page follows a letter with an
   * odd number of pages, except the last one (the PDF ends with it; a print job starts on a new
   * sheet anyway).
   */
  duplex: boolean;
}

/** Sheets of paper for `pages` pages. */
export function sheetsOf(pages: number, duplex: boolean): number {
  return duplex ? Math.ceil(pages / 2) : pages;
}

/** Whether a blank page must follow this letter so that the next one starts on a new sheet. */
export function needsBlankPageAfter(pages: number, duplex: boolean, isLast: boolean): boolean {
  return duplex && !isLast && pages % 2 === 1;
}

export async function readStoredFile(files: FileStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await files.open(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Pages of a stored PDF. */
/** pdf-lib, loaded on first use (about 9 MiB that a server printing no batch never needs). */
const loadPdfLib = () => import('pdf-lib');

export async function countPdfPages(files: FileStore, key: string): Promise<number> {
  const { PDFDocument } = await loadPdfLib();
  const source = await PDFDocument.load(await readStoredFile(files, key), { updateMetadata: false });
  return source.getPageCount();
}

/** The letter first, then its printable enclosures in the order they were attached. */
function printOrder(letter: BatchLetter) {
  if (!letter.letterPdfKey) {
    throw new Error(`Letter ${letter.messageId} is in a print batch without a rendered PDF.`);
  }
  return {
    printable: [
      { storageKey: letter.letterPdfKey, mediaType: 'application/pdf' },
      ...letter.attachments.filter(isPrintableEnclosure),
    ],
    unprinted: letter.attachments.filter((file) => !isPrintableEnclosure(file)).map((file) => file.fileName),
  };
}

const a4Points: [number, number] = [pointsOf(a4.widthMm), pointsOf(a4.heightMm)];

async function addImagePage(merged: PDFDocument, bytes: Buffer, mediaType: string) {
  const image = mediaType === 'image/png' ? await merged.embedPng(bytes) : await merged.embedJpg(bytes);
  const page = merged.addPage(a4Points);
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
 * enclosures, then a blank A4 page when duplex needs one), and where each letter starts, how many
 * pages and sheets it takes, for the manifest.
 */
export async function buildBatchDocument(
  files: FileStore,
  letters: BatchLetter[],
  options: BatchDocumentOptions,
): Promise<BatchDocument> {
  const { PDFDocument } = await loadPdfLib();
  const merged = await PDFDocument.create();
  merged.setTitle(options.title);
  merged.setCreator('Guichet');
  const placed: LetterPages[] = [];
  for (const [index, letter] of letters.entries()) {
    const firstPage = merged.getPageCount() + 1;
    const { printable, unprinted } = printOrder(letter);
    for (const file of printable) {
      const bytes = await readStoredFile(files, file.storageKey);
      if (file.mediaType === 'application/pdf') {
        const source = await PDFDocument.load(bytes, { updateMetadata: false });
        const pages = await merged.copyPages(source, source.getPageIndices());
        for (const page of pages) merged.addPage(page);
      } else {
        await addImagePage(merged, bytes, file.mediaType);
      }
    }
    const pageCount = merged.getPageCount() - firstPage + 1;
    if (needsBlankPageAfter(pageCount, options.duplex, index === letters.length - 1)) {
      merged.addPage(a4Points);
    }
    placed.push({
      messageId: letter.messageId,
      firstPage,
      pageCount,
      sheetCount: sheetsOf(pageCount, options.duplex),
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

/**
 * The manifest's columns. « Première page »: where the letter starts in the merged PDF (1-based);
 * « Pages »: its pages with its printed enclosures, the blank page added for recto-verso not
 * counted; « Feuilles »: the sheets of paper it takes (half its pages rounded up in recto-verso), so
 * that the print room can check the run against the printer's counter.
 */
export const manifestColumns = [
  'N°',
  'Référence',
  'Destinataire',
  'Adresse',
  'Code postal',
  'Commune',
  'Première page',
  'Pages',
  'Feuilles',
  'Pièces à joindre à la main',
  'Identifiant du message',
] as const;

/**
 * The batch's manifest for the print room: one line per letter in print order. UTF-8 with a
 * byte order mark and `;` between cells, as French spreadsheet software expects; CRLF lines.
 */
export function buildManifestCsv(
  letters: (BatchLetter & { reference: string | null })[],
  pages: LetterPages[],
): string {
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
        placed?.firstPage ?? '',
        placed?.pageCount ?? '',
        placed?.sheetCount ?? '',
        placed?.unprintedFiles.join(', ') ?? '',
        letter.messageId,
      ]
        .map(csvCell)
        .join(';'),
    );
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
