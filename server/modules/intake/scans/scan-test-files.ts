import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { ocrTools } from './ocr';

/** Test letters: a real PDF with a text layer, written here, and its pages rasterised by pdftoppm. */

const run = promisify(execFile);

function pdfString(text: string): string {
  return `(${text.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)')})`;
}

/** An A4 PDF, one page per entry of `pages`, each line in 16 pt Helvetica (WinAnsi: French accents). */
export function letterPdf(pages: string[][]): Buffer {
  const objects: string[] = [];
  const pageIds = pages.map((_, index) => 4 + index * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((lines, index) => {
    const content = [
      'BT',
      '/F1 16 Tf',
      '24 TL',
      '72 760 Td',
      ...lines.map((line) => `${pdfString(line)} Tj T*`),
      'ET',
    ].join('\n');
    const pageId = pageIds[index]!;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] =
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id += 1) {
    offsets[id] = Buffer.byteLength(body, 'latin1');
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id += 1)
    body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export const sampleLetter = [
  'Mairie de Ville-sur-Test',
  'Service de la voirie',
  '',
  'Objet : lampadaire en panne',
  '',
  'Madame, Monsieur,',
  'Le lampadaire de la rue des Lilas ne fonctionne plus',
  'depuis une semaine. Je vous remercie de faire le',
  'nécessaire rapidement.',
  '',
  'Jean Dupont',
];

/** The first page of `pdf` as an image (PNG or TIFF) at `dpi`, through Debian's pdftoppm. */
export async function rasterise(pdf: Buffer, format: 'png' | 'tiff', dpi = 200): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'guichet-letter-'));
  try {
    await writeFile(path.join(dir, 'letter.pdf'), pdf);
    const out = path.join(dir, 'page');
    await run(ocrTools.pdftoppm, [
      `-${format}`,
      '-r',
      String(dpi),
      '-gray',
      '-singlefile',
      '-f',
      '1',
      '-l',
      '1',
      path.join(dir, 'letter.pdf'),
      out,
    ]);
    return await readFile(`${out}.${format === 'png' ? 'png' : 'tif'}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A scanner's PDF: each page only an image (no text layer), made from the first page of `pdf`
 * rasterised to grey pixels (PGM) and embedded as a Flate-compressed DeviceGray image.
 */
export async function imageOnlyPdf(pdf: Buffer, dpi = 150): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'guichet-letter-'));
  let pgm: Buffer;
  try {
    await writeFile(path.join(dir, 'letter.pdf'), pdf);
    const out = path.join(dir, 'page');
    await run(ocrTools.pdftoppm, [
      '-gray',
      '-r',
      String(dpi),
      '-singlefile',
      '-f',
      '1',
      '-l',
      '1',
      path.join(dir, 'letter.pdf'),
      out,
    ]);
    pgm = await readFile(`${out}.pgm`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // P5 <width> <height> <maxval> then the pixels, one byte each.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 64));
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = deflateSync(pgm.subarray(header[0].length, header[0].length + width * height));
  const content = '595 0 0 842 0 0 cm /Scan Do';
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (part: string | Buffer) => {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    chunks.push(bytes);
    size += bytes.length;
  };
  const object = (id: number, ...parts: (string | Buffer)[]) => {
    offsets[id] = size;
    push(`${id} 0 obj\n`);
    for (const part of parts) push(part);
    push('\nendobj\n');
  };
  push('%PDF-1.4\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(
    3,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Scan 5 0 R >> >> /Contents 4 0 R >>',
  );
  object(4, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  object(
    5,
    `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`,
    pixels,
    '\nendstream',
  );
  const xref = size;
  push(`xref\n0 6\n0000000000 65535 f \n`);
  for (let id = 1; id <= 5; id += 1) push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}
