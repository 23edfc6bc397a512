import { execFile } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Text out of a scanned letter with Debian's tools, each run through `execFile` (no shell) with
 * its arguments, a time limit and a private temporary folder:
 * - images (JPEG, PNG, TIFF with any number of pages): `tesseract <file> stdout -l fra`;
 * - PDF: `pdftotext` for the pages that carry a text layer, the others rasterised at 300 dpi by
 *   `pdftoppm` and read by tesseract.
 * Packages: tesseract-ocr, tesseract-ocr-fra, poppler-utils.
 */

const run = promisify(execFile);

export const ocrTools = {
  tesseract: '/usr/bin/tesseract',
  pdftotext: '/usr/bin/pdftotext',
  pdftoppm: '/usr/bin/pdftoppm',
  pdfinfo: '/usr/bin/pdfinfo',
};

/** Per page; a page of a scan at 300 dpi takes a few seconds. */
const pageTimeoutMs = 120_000;
const maxBuffer = 20 * 1024 * 1024;
/** Pages read from one PDF at most (a longer one is a file, not a letter). */
export const maxPdfPages = 50;
/** Below this many letters and digits, a PDF page is taken as having no text layer. */
const minTextLayerChars = 20;

export interface ExtractedText {
  text: string;
  pages: number;
  /** How the text was obtained: the PDF's own text, OCR, or both (page by page). */
  method: 'text_layer' | 'ocr' | 'mixed';
}

export class OcrUnavailableError extends Error {
  override name = 'OcrUnavailableError';
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Undefined when OCR can run here, else the reason (tests skip with it). */
export async function ocrUnavailableReason(): Promise<string | undefined> {
  const missing: string[] = [];
  for (const [name, file] of Object.entries(ocrTools)) if (!(await isExecutable(file))) missing.push(name);
  if (missing.length > 0) {
    return `${missing.join(', ')} not installed (apt-get install tesseract-ocr tesseract-ocr-fra poppler-utils)`;
  }
  try {
    const { stdout, stderr } = await run(ocrTools.tesseract, ['--list-langs'], { timeout: 30_000 });
    if (!`${stdout}\n${stderr}`.split(/\s+/).includes('fra')) {
      return 'tesseract has no French data (apt-get install tesseract-ocr-fra)';
    }
  } catch (error) {
    return `tesseract does not run: ${(error as Error).message}`;
  }
  return undefined;
}

async function requireTool(file: string): Promise<void> {
  if (!(await isExecutable(file))) {
    throw new OcrUnavailableError(
      `${path.basename(file)} is not installed (apt-get install tesseract-ocr tesseract-ocr-fra poppler-utils)`,
    );
  }
}

/** Pages of tesseract's or pdftotext's output, split on form feeds (the last one is empty). */
function splitPages(output: string): string[] {
  const pages = output.split('\f');
  if (pages.length > 1 && pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

function cleanText(text: string): string {
  return text
    .replace(/\r/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

async function tesseract(imageFile: string): Promise<string[]> {
  await requireTool(ocrTools.tesseract);
  const { stdout } = await run(ocrTools.tesseract, [imageFile, 'stdout', '-l', 'fra', '--psm', '3'], {
    timeout: 10 * 60_000,
    maxBuffer,
    // One thread: the machine's cores serve the web requests too.
    env: { PATH: '/usr/bin:/bin', OMP_THREAD_LIMIT: '1' },
  });
  return splitPages(stdout);
}

async function pdfPageCount(pdfFile: string): Promise<number> {
  await requireTool(ocrTools.pdfinfo);
  const { stdout } = await run(ocrTools.pdfinfo, [pdfFile], { timeout: 60_000, maxBuffer });
  const match = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!match) throw new Error('pdfinfo did not give the number of pages');
  return Number(match[1]);
}

async function readPdf(pdfFile: string, workDir: string): Promise<ExtractedText> {
  await requireTool(ocrTools.pdftotext);
  const pages = Math.min(await pdfPageCount(pdfFile), maxPdfPages);
  const { stdout } = await run(
    ocrTools.pdftotext,
    ['-enc', 'UTF-8', '-f', '1', '-l', String(pages), pdfFile, '-'],
    { timeout: pageTimeoutMs, maxBuffer },
  );
  const layer = splitPages(stdout);
  const texts: string[] = [];
  let ocrPages = 0;
  for (let page = 1; page <= pages; page += 1) {
    const own = layer[page - 1] ?? '';
    if ((own.match(/[\p{L}\p{N}]/gu) ?? []).length >= minTextLayerChars) {
      texts.push(own);
      continue;
    }
    // No text layer on this page (a scan): rasterise it and read it.
    await requireTool(ocrTools.pdftoppm);
    const prefix = path.join(workDir, `page-${page}`);
    await run(
      ocrTools.pdftoppm,
      ['-r', '300', '-gray', '-png', '-f', String(page), '-l', String(page), '-singlefile', pdfFile, prefix],
      { timeout: pageTimeoutMs, maxBuffer },
    );
    texts.push((await tesseract(`${prefix}.png`)).join('\n'));
    ocrPages += 1;
  }
  const method = ocrPages === 0 ? 'text_layer' : ocrPages === pages ? 'ocr' : 'mixed';
  return { text: cleanText(texts.join('\n\n')), pages, method };
}

/**
 * The text of one scanned file (`mediaType` as sniffed from its bytes) already on disk. Throws
 * OcrUnavailableError when a tool is missing, and the tool's error when it fails.
 */
export async function extractText(file: string, mediaType: string): Promise<ExtractedText> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'guichet-ocr-'));
  try {
    if (mediaType === 'application/pdf') return await readPdf(file, workDir);
    const pages = await tesseract(file);
    return { text: cleanText(pages.join('\n\n')), pages: Math.max(pages.length, 1), method: 'ocr' };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
