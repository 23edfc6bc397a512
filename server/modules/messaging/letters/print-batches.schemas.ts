import { type Static, Type } from 'typebox';
import { isPrintableEnclosure } from './batch-documents';
import { SubjectViewSchema } from '../subjects.schemas';
import type { PrintBatch, PrintBatchSummary } from './print-batches.repository';
import type { LabelledLetter } from './print-batches.use-cases';

export const printBatchTags = ['backoffice', 'letters'];

export const PrintBatchStatusSchema = Type.Union(
  [Type.Literal('open'), Type.Literal('closed'), Type.Literal('posted')],
  {
    description:
      'open: letters are being added; closed: downloaded for printing (new letters go to the next batch); posted: handed to La Poste',
  },
);

const Timestamp = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const PrintBatchViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  batchDate: Type.String({ format: 'date', description: 'The town’s calendar day of the batch' }),
  status: PrintBatchStatusSchema,
  closedAt: Timestamp,
  postedAt: Timestamp,
  postedById: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type PrintBatchView = Static<typeof PrintBatchViewSchema>;

export const PrintBatchSummarySchema = Type.Object({
  ...PrintBatchViewSchema.properties,
  letterCount: Type.Integer({ minimum: 0 }),
  totalCostCents: Type.Integer({ minimum: 0, description: 'Sum of the letters’ costs, in cents' }),
  postedByName: Type.Union([Type.String(), Type.Null()]),
});

export const PrintBatchListQuerySchema = Type.Object({
  status: Type.Optional(PrintBatchStatusSchema),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});

export const PrintBatchListSchema = Type.Object({
  items: Type.Array(PrintBatchSummarySchema),
  total: Type.Integer({ description: 'Batches matching the filter, all pages together' }),
});

export const BatchLetterViewSchema = Type.Object({
  messageId: Type.String({ format: 'uuid' }),
  about: SubjectViewSchema,
  recipientName: Type.String(),
  postcode: Type.String(),
  city: Type.String(),
  costCents: Type.Union([Type.Integer({ minimum: 0, description: 'Cents' }), Type.Null()]),
  pageCount: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    description: 'Pages of the rendered letter, enclosures not counted (null when its PDF is missing)',
  }),
  enclosureCount: Type.Integer({
    minimum: 0,
    description: 'Enclosures printed after the letter (PDF, JPEG, PNG)',
  }),
  unprintedFiles: Type.Array(Type.String(), {
    description: 'Enclosures that cannot be printed, to add to the envelope by hand',
  }),
  renderedAt: Timestamp,
  pdfUrl: Type.String({ description: 'Where to download this letter’s PDF alone' }),
});

export const PrintBatchDetailSchema = Type.Object({
  ...PrintBatchViewSchema.properties,
  letters: Type.Array(BatchLetterViewSchema),
});

export const PrintBatchParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const BatchLetterParamsSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  messageId: Type.String({ format: 'uuid' }),
});

export const BatchDownloadQuerySchema = Type.Object({
  duplex: Type.Boolean({
    default: true,
    description:
      'Recto-verso (the default, as town print rooms print): each letter starts on a new sheet, a ' +
      'blank page following a letter with an odd number of pages (never after the last letter). ' +
      '`false` for one-sided printing: no blank page.',
  }),
});

export const PdfDownload = {
  description: 'The batch’s letters merged into one PDF, in print order',
  content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
};

export const LetterPdfDownload = {
  description: 'The rendered letter alone (A4), without its enclosures',
  content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
};

export const CsvDownload = {
  description:
    'The manifest: one line per letter (UTF-8 with a byte order mark, `;` separated): N°, Référence, ' +
    'Destinataire, Adresse, Code postal, Commune, Première page (where the letter starts in the merged ' +
    'PDF of the same `duplex` choice), Pages (the letter and its printed enclosures, the blank page not ' +
    'counted), Feuilles (sheets of paper: half the pages rounded up in recto-verso), Pièces à joindre à ' +
    'la main, Identifiant du message',
  content: { 'text/csv': { schema: Type.String() } },
};

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

export function toPrintBatchView(batch: PrintBatch): PrintBatchView {
  return {
    id: batch.id,
    batchDate: batch.batchDate,
    status: batch.status,
    closedAt: iso(batch.closedAt),
    postedAt: iso(batch.postedAt),
    postedById: batch.postedById,
    createdAt: batch.createdAt.toISOString(),
  };
}

export function toPrintBatchSummary(
  batch: PrintBatchSummary & { postedByName: string | null },
): Static<typeof PrintBatchSummarySchema> {
  return {
    ...toPrintBatchView(batch),
    letterCount: batch.letterCount,
    totalCostCents: batch.totalCostCents,
    postedByName: batch.postedByName,
  };
}

export function toBatchLetterView(
  batchId: string,
  letter: LabelledLetter,
): Static<typeof BatchLetterViewSchema> {
  return {
    messageId: letter.messageId,
    about:
      letter.subjectType && letter.subjectId
        ? { type: letter.subjectType, id: letter.subjectId, label: letter.reference }
        : null,
    recipientName: letter.letterAddress?.name ?? letter.toAddress ?? '',
    postcode: letter.letterAddress?.postcode ?? '',
    city: letter.letterAddress?.city ?? '',
    costCents: letter.costCents,
    pageCount: letter.letterPageCount,
    enclosureCount: letter.attachments.filter(isPrintableEnclosure).length,
    unprintedFiles: letter.attachments
      .filter((file) => !isPrintableEnclosure(file))
      .map((file) => file.fileName),
    renderedAt: iso(letter.letterRenderedAt),
    pdfUrl: `/api/v1/backoffice/print-batches/${batchId}/letters/${letter.messageId}/pdf`,
  };
}
