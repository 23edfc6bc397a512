import type { LetterAddress } from '../messaging.tables';
import {
  a4,
  addressWindow,
  bodyTopMm,
  foldLinesMm,
  footerTopMm,
  margins,
  pageNumberTopMm,
  placeDateTopMm,
  pointsOf,
  referenceTopMm,
  subjectTopMm,
} from './letter-layout';

/** Who writes: the town, and the department handling the request when there is one. */
export interface Letterhead {
  townName: string;
  departmentName?: string | null;
  /** Postal address, one line per line. */
  postalAddress?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface LetterContent {
  letterhead: Letterhead;
  /** The town the letter is written from (« Démo, le 29 novembre 2026 »). */
  place: string;
  date: Date;
  /** The request's reference, printed as « Réf. ». */
  reference?: string | null;
  recipient: LetterAddress;
  subject: string;
  /** Plain text; a blank line separates paragraphs, a single newline breaks the line. */
  body: string;
}

export interface RenderedLetter {
  pdf: Buffer;
  pageCount: number;
}

const nbsp = '\u00a0';
const textColour = '#1a1a1a';
const mutedColour = '#555555';

/**
 * Characters the standard PDF fonts can draw (WinAnsiEncoding: Latin-1 plus the typographic
 * quotes, dashes, €, œ…). Anything else would print as garbage, so it is replaced.
 */
const winAnsiExtras = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018,
  0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac,
  0x2122,
]);

function printableCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (character === '\n') return character;
  // Control characters (C0, DEL, C1) print nothing.
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return '';
  if (code <= 0xff || winAnsiExtras.has(code)) return character;
  return '?';
}

/** `text` with only characters the letter’s fonts can print (narrow spaces become no-break spaces). */
export function toPrintableText(text: string): string {
  const normalised = text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u2007\u2009\u202f]/g, nbsp)
    .replace(/[\u2010\u2011\u2212]/g, '-');
  return Array.from(normalised, printableCharacter).join('');
}

const longDate = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** « 29 novembre 2026 », « 1er décembre 2026 » (the town's calendar day). */
export function formatLetterDate(date: Date): string {
  return longDate.format(date).replace(/^1 /, '1er ');
}

/** The address block as La Poste reads it: name, street lines, then « POSTCODE TOWN » in capitals. */
export function addressLinesOf(address: LetterAddress): string[] {
  const clean = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
  const lastLine = `${clean(address.postcode)} ${clean(address.city).toLocaleUpperCase('fr-FR')}`.trim();
  return [clean(address.name), clean(address.line1), clean(address.line2), lastLine].filter(
    (line) => line !== '',
  );
}

function paragraphsOf(body: string): string[] {
  return toPrintableText(body)
    .split(/\n[ \u00a0]*\n/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, '').trimEnd())
    .filter((paragraph) => paragraph.trim() !== '');
}

function footerLineOf(letterhead: Letterhead): string {
  const parts = [
    letterhead.townName,
    ...(letterhead.postalAddress ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    letterhead.phone ? `Tél.${nbsp}: ${letterhead.phone}` : '',
    letterhead.email ?? '',
  ].filter(Boolean);
  return toPrintableText(parts.join(' – '));
}

/**
 * Renders a letter as an A4 PDF: the letterhead at the top left, the recipient's address in
 * the envelope window (see letter-layout.ts), place and date, reference, subject, the body in
 * paragraphs running over as many pages as needed, a footer with the town's contact details on
 * every page, and page numbers when there is more than one page.
 */
export async function renderLetterPdf(content: LetterContent): Promise<RenderedLetter> {
  // Loaded on the first letter: pdfkit weighs about 10 MiB that a server sending no letter never needs.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    bufferPages: true,
    margins: {
      top: pointsOf(margins.topMm + 5),
      bottom: pointsOf(margins.bottomMm),
      left: pointsOf(margins.leftMm),
      right: pointsOf(margins.rightMm),
    },
    info: {
      Title: toPrintableText(content.subject),
      Author: toPrintableText(content.letterhead.townName),
      Creator: 'Guichet',
      CreationDate: content.date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = pointsOf(margins.leftMm);
  const contentWidth = pointsOf(a4.widthMm - margins.leftMm - margins.rightMm);
  const { letterhead } = content;
  doc.fillColor(textColour);

  // Letterhead, left of the window.
  const letterheadWidth = pointsOf(addressWindow.leftMm - margins.leftMm - 8);
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .text(toPrintableText(letterhead.townName), left, pointsOf(margins.topMm), { width: letterheadWidth });
  if (letterhead.departmentName) {
    doc.moveDown(0.2).font('Helvetica').fontSize(10.5).text(toPrintableText(letterhead.departmentName), {
      width: letterheadWidth,
    });
  }
  const contactLines = [
    ...(letterhead.postalAddress ?? '').split('\n').map((line) => line.trim()),
    letterhead.phone ? `Tél.${nbsp}: ${letterhead.phone}` : '',
    letterhead.email ? `Courriel${nbsp}: ${letterhead.email}` : '',
  ].filter(Boolean);
  if (contactLines.length > 0) {
    doc
      .moveDown(0.4)
      .font('Helvetica')
      .fontSize(9)
      .fillColor(mutedColour)
      .text(toPrintableText(contactLines.join('\n')), { width: letterheadWidth, lineGap: 1 })
      .fillColor(textColour);
  }

  // The recipient, in the window.
  doc
    .font('Helvetica')
    .fontSize(10.5)
    .text(
      toPrintableText(addressLinesOf(content.recipient).join('\n')),
      pointsOf(addressWindow.leftMm),
      pointsOf(addressWindow.topMm + 2),
      { width: pointsOf(addressWindow.widthMm), lineBreak: false, lineGap: 1.5 },
    );

  // Fold marks, in the left margin, for folding by hand or by machine.
  for (const fold of foldLinesMm) {
    doc
      .moveTo(pointsOf(4), pointsOf(fold))
      .lineTo(pointsOf(9), pointsOf(fold))
      .lineWidth(0.4)
      .strokeColor('#999999')
      .stroke();
  }

  doc
    .font('Helvetica')
    .fontSize(10)
    .text(
      toPrintableText(`${content.place}, le ${formatLetterDate(content.date)}`),
      pointsOf(addressWindow.leftMm),
      pointsOf(placeDateTopMm),
      { width: pointsOf(addressWindow.widthMm) },
    );
  if (content.reference) {
    doc.text(toPrintableText(`Réf.${nbsp}: ${content.reference}`), left, pointsOf(referenceTopMm), {
      width: pointsOf(addressWindow.leftMm - margins.leftMm - 8),
    });
  }

  doc
    .font('Helvetica-Bold')
    .fontSize(10.5)
    .text(`Objet${nbsp}: `, left, pointsOf(subjectTopMm), { width: contentWidth, continued: true })
    .font('Helvetica')
    .text(toPrintableText(content.subject));

  doc.font('Helvetica').fontSize(10.5);
  doc.y = Math.max(doc.y + pointsOf(6), pointsOf(bodyTopMm));
  for (const paragraph of paragraphsOf(content.body)) {
    doc.text(paragraph, left, undefined, {
      width: contentWidth,
      align: 'justify',
      lineGap: 2,
      paragraphGap: pointsOf(3.5),
    });
  }

  // Footer and page numbers, drawn in the bottom margin of every page once the text is laid out.
  const range = doc.bufferedPageRange();
  const footer = footerLineOf(letterhead);
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const bottomMargin = doc.page.margins.bottom;
    // Writing inside the margin would otherwise make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(mutedColour)
      .text(footer, left, pointsOf(footerTopMm), { width: contentWidth, align: 'center' });
    if (range.count > 1) {
      doc.text(`Page ${index - range.start + 1} sur ${range.count}`, left, pointsOf(pageNumberTopMm), {
        width: contentWidth,
        align: 'right',
      });
    }
    doc.page.margins.bottom = bottomMargin;
  }
  doc.fillColor(textColour);
  doc.end();
  return done.then((pdf) => ({ pdf, pageCount: range.count }));
}
