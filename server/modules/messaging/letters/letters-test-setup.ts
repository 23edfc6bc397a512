import { decodePDFRawStream, PDFArray, PDFDocument, type PDFPage, PDFRawStream } from 'pdf-lib';
import type { TestContext } from '../../../../test/build-test-app';
import { uniqueSuffix } from '../../../../test/factories';
import type { OutboundMessage } from '../channel-adapter';
import { type LetterAddress, outboundMessages } from '../messaging.tables';
import { millimetresOf } from './letter-layout';

/** A piece of text as drawn on a page: where its baseline starts, in mm from the top-left corner. */
export interface PlacedText {
  text: string;
  xMm: number;
  /** Baseline, from the top of the sheet. */
  yMm: number;
  fontSize: number;
}

/** WinAnsiEncoding bytes 0x80–0x9f that differ from Latin-1. */
const winAnsiHigh: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x8c: 'Œ',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x96: '–',
  0x97: '—',
  0x9c: 'œ',
};

function decodeHex(hex: string): string {
  let text = '';
  for (let index = 0; index + 1 < hex.length; index += 2) {
    const code = Number.parseInt(hex.slice(index, index + 2), 16);
    text += winAnsiHigh[code] ?? String.fromCharCode(code);
  }
  return text;
}

function contentOf(page: PDFPage): string {
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  return streams
    .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream)
    .map((stream) => Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'))
    .join('\n');
}

/**
 * The text runs of a page as pdfkit writes them (`1 0 0 1 x y Tm`, `/F1 size Tf`, `[<hex> …] TJ`;
 * the two flips pdfkit puts around them cancel out), with their positions. Enough to check where
 * a line of our own letters is printed, not a general PDF text extractor.
 */
export function placedTextOf(page: PDFPage): PlacedText[] {
  const heightMm = millimetresOf(page.getHeight());
  const placed: PlacedText[] = [];
  let x = 0;
  let y = 0;
  let fontSize = 0;
  for (const line of contentOf(page).split('\n')) {
    const matrix = line.match(/^1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm$/);
    if (matrix) {
      x = Number(matrix[1]);
      y = Number(matrix[2]);
      continue;
    }
    const font = line.match(/^\/\S+ ([\d.]+) Tf$/);
    if (font) {
      fontSize = Number(font[1]);
      continue;
    }
    if (line.endsWith('TJ')) {
      // `<hex> n` pairs: a gap wider than a space (justified text) stands for the space.
      let text = '';
      for (const match of line.matchAll(/<([0-9a-f]*)>\s*(-?[\d.]+)?/g)) {
        text += decodeHex(match[1]!);
        if (match[2] !== undefined && Number(match[2]) <= -200) text += ' ';
      }
      text = text.trimEnd();
      placed.push({ text, xMm: millimetresOf(x), yMm: heightMm - millimetresOf(y), fontSize });
    }
  }
  return placed;
}

export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes);
}

export const sampleAddress: LetterAddress = {
  name: 'Mme Élise Dupont',
  line1: '12 rue des Lilas',
  line2: 'Bâtiment B',
  postcode: '75011',
  city: 'Paris',
};

/** A body long enough to run over `paragraphs / 10` pages or so. */
export function longBody(paragraphs: number): string {
  return Array.from(
    { length: paragraphs },
    (_, index) =>
      `Paragraphe ${index + 1}. Nous avons bien reçu votre demande et l’avons transmise au service ` +
      'concerné, qui vous répondra dans les meilleurs délais. Nous vous remercions de votre patience.',
  ).join('\n\n');
}

/** A queued letter of the test's tenant, as the messaging pipeline records it. */
export async function insertQueuedLetter(
  t: TestContext,
  values: {
    requestId?: string | null;
    letterAddress?: LetterAddress | null;
    subject?: string;
    bodyText?: string;
    queuedAt?: Date;
  } = {},
): Promise<OutboundMessage> {
  const address = values.letterAddress === undefined ? sampleAddress : values.letterAddress;
  const [row] = await t.app.ctx.db
    .insert(outboundMessages)
    .values({
      tenantId: t.tenant.id,
      messageKey: `test-letter-${uniqueSuffix()}`,
      ...(values.requestId ? { subjectType: 'request', subjectId: values.requestId } : {}),
      channel: 'letter',
      toAddress: address?.name ?? null,
      letterAddress: address,
      subject: values.subject ?? 'Votre demande',
      bodyText: values.bodyText ?? 'Madame,\n\nVotre demande a bien été reçue.\n\nCordialement.',
      status: 'sending',
      attempts: 1,
      queuedAt: values.queuedAt ?? t.app.ctx.clock.now(),
    })
    .returning();
  return row!;
}
