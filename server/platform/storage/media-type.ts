/**
 * What a file is, judged from its bytes (magic numbers), never from its name or the type the
 * browser claims. A small signature table rather than a library: the `file-type` package needs
 * Node 22, and the handful of formats a town accepts are easy to tell apart. Zip-based office
 * documents (OpenDocument, Office Open XML) are told apart by their entries.
 */

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export type ReadBytes = (position: number, length: number) => Promise<Buffer>;

export const mediaTypes = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  tiff: 'image/tiff',
  odt: 'application/vnd.oasis.opendocument.text',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** What citizens and agents may attach, with a French label for messages. */
export const allowedMediaTypes: ReadonlyMap<string, string> = new Map([
  [mediaTypes.pdf, 'PDF'],
  [mediaTypes.jpeg, 'JPEG'],
  [mediaTypes.png, 'PNG'],
  [mediaTypes.gif, 'GIF'],
  [mediaTypes.webp, 'WebP'],
  [mediaTypes.heic, 'HEIC'],
  [mediaTypes.heif, 'HEIF'],
  [mediaTypes.tiff, 'TIFF'],
  [mediaTypes.odt, 'ODT'],
  [mediaTypes.docx, 'DOCX'],
]);

export function isAllowedMediaType(mediaType: string): boolean {
  return allowedMediaTypes.has(mediaType);
}

/** The usual file extension of an allowed type (to fix up a download name that has none). */
export const extensionOf: Readonly<Record<string, string>> = {
  [mediaTypes.pdf]: 'pdf',
  [mediaTypes.jpeg]: 'jpg',
  [mediaTypes.png]: 'png',
  [mediaTypes.gif]: 'gif',
  [mediaTypes.webp]: 'webp',
  [mediaTypes.heic]: 'heic',
  [mediaTypes.heif]: 'heif',
  [mediaTypes.tiff]: 'tif',
  [mediaTypes.odt]: 'odt',
  [mediaTypes.docx]: 'docx',
};

/** How many leading bytes `sniffHead` needs. */
export const headLength = 4096;

const ascii = (buffer: Buffer, start: number, end: number) => buffer.toString('latin1', start, end);
const startsWith = (buffer: Buffer, bytes: number[], offset = 0) =>
  buffer.length >= offset + bytes.length && bytes.every((byte, index) => buffer[offset + index] === byte);

const heicBrands = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const heifBrands = new Set(['mif1', 'msf1']);

/** The ISO base media file (`ftyp` box): HEIC/HEIF images, but also AVIF, MP4, QuickTime… */
function sniffFtyp(head: Buffer): string | undefined {
  if (head.length < 16 || ascii(head, 4, 8) !== 'ftyp') return undefined;
  const boxSize = Math.min(head.readUInt32BE(0), head.length);
  const major = ascii(head, 8, 12);
  const brands = [major];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(head, offset, offset + 4));
  if (heicBrands.has(major)) return mediaTypes.heic;
  if (major === 'avif' || major === 'avis') return 'image/avif';
  if (heifBrands.has(major)) {
    if (brands.some((brand) => heicBrands.has(brand))) return mediaTypes.heic;
    if (brands.includes('avif')) return 'image/avif';
    return mediaTypes.heif;
  }
  if (major === 'qt  ') return 'video/quicktime';
  if (major.startsWith('3g')) return 'video/3gpp';
  return 'video/mp4';
}

/** Text formats that must never be served back as is (HTML, SVG: scripts), and plain text. */
function sniffText(head: Buffer): string | undefined {
  let start = 0;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) start = 3;
  const sample = head.toString('utf8', start, Math.min(head.length, 1024)).trimStart().toLowerCase();
  if (/^<!doctype html|^<html|^<head|^<body|^<script|^<iframe|^<!--/.test(sample)) return 'text/html';
  if (/^<svg/.test(sample) || (sample.startsWith('<?xml') && sample.includes('<svg'))) return 'image/svg+xml';
  if (sample.startsWith('<?xml')) return 'application/xml';
  if (sample.startsWith('#!')) return 'text/x-shellscript';
  if (sample.startsWith('{\\rtf')) return 'application/rtf';
  // No control characters other than tab, line feed, form feed, carriage return and escape.
  const binary = head.subarray(start).some((byte) => byte < 0x20 && ![9, 10, 12, 13, 27].includes(byte));
  if (head.length > start && !binary) return 'text/plain';
  return undefined;
}

/**
 * The media type of a file from its first bytes (`headLength` of them is enough), or
 * `application/zip` for any zip archive (see `sniffMediaType` for what is inside), or
 * `application/octet-stream` when nothing matches.
 */
export function sniffHead(head: Buffer): string {
  if (head.length === 0) return 'application/x-empty';
  if (ascii(head, 0, 5) === '%PDF-') return mediaTypes.pdf;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return mediaTypes.jpeg;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return mediaTypes.png;
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return mediaTypes.gif;
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return mediaTypes.webp;
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    return mediaTypes.tiff;
  }
  const ftyp = sniffFtyp(head);
  if (ftyp) return ftyp;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return 'application/zip';
  }
  if (ascii(head, 0, 2) === 'MZ') return 'application/x-msdownload';
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return 'application/x-executable';
  if (startsWith(head, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(head, [0xfe, 0xed, 0xfa, 0xcf])) {
    return 'application/x-mach-binary';
  }
  if (startsWith(head, [0xca, 0xfe, 0xba, 0xbe])) return 'application/java-vm';
  if (startsWith(head, [0x1f, 0x8b])) return 'application/gzip';
  if (ascii(head, 0, 6) === 'Rar!\x1a\x07') return 'application/vnd.rar';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'application/x-7z-compressed';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'application/x-ole-storage';
  if (ascii(head, 0, 2) === 'BM') return 'image/bmp';
  if (ascii(head, 0, 4) === '8BPS') return 'image/vnd.adobe.photoshop';
  return sniffText(head) ?? 'application/octet-stream';
}

const eocdSignature = 0x06054b50;
const centralEntrySignature = 0x02014b50;
const localEntrySignature = 0x04034b50;
/** The end-of-central-directory record is 22 bytes plus a comment of at most 65 535. */
const eocdSearchLength = 22 + 0xffff;
const maxCentralDirectoryBytes = 4 * 1024 * 1024;

/** The entry names of a zip archive from its central directory, or undefined if unreadable. */
async function readZipEntryNames(read: ReadBytes, size: number): Promise<string[] | undefined> {
  const tailStart = Math.max(0, size - eocdSearchLength);
  const tail = await read(tailStart, size - tailStart);
  let eocd = -1;
  for (let offset = tail.length - 22; offset >= 0; offset -= 1) {
    if (tail.readUInt32LE(offset) === eocdSignature) {
      eocd = offset;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  // Zip64 archives (0xFFFFFFFF) and absurd directories are not office documents we accept.
  if (directorySize > maxCentralDirectoryBytes || directoryOffset + directorySize > size) return undefined;
  const directory = await read(directoryOffset, directorySize);
  const names: string[] = [];
  let offset = 0;
  while (offset + 46 <= directory.length && directory.readUInt32LE(offset) === centralEntrySignature) {
    const nameLength = directory.readUInt16LE(offset + 28);
    const extraLength = directory.readUInt16LE(offset + 30);
    const commentLength = directory.readUInt16LE(offset + 32);
    names.push(directory.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** OpenDocument: the first entry is `mimetype`, stored uncompressed, holding the media type. */
function openDocumentType(head: Buffer): string | undefined {
  if (head.length < 30 || head.readUInt32LE(0) !== localEntrySignature) return undefined;
  const method = head.readUInt16LE(8);
  const compressedSize = head.readUInt32LE(18);
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  if (method !== 0 || ascii(head, 30, 30 + nameLength) !== 'mimetype' || compressedSize > 200)
    return undefined;
  const start = 30 + nameLength + extraLength;
  const value = ascii(head, start, start + compressedSize);
  return /^application\/vnd\.oasis\.opendocument\.[a-z.-]+$/.test(value) ? value : undefined;
}

async function sniffZip(head: Buffer, read: ReadBytes, size: number): Promise<string> {
  const names = await readZipEntryNames(read, size);
  if (!names) return 'application/zip';
  const openDocument = openDocumentType(head);
  if (openDocument && names.includes('mimetype') && names.includes('content.xml')) return openDocument;
  if (names.includes('[Content_Types].xml')) {
    if (names.includes('word/document.xml')) return mediaTypes.docx;
    if (names.includes('xl/workbook.xml')) {
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    }
    if (names.includes('ppt/presentation.xml')) {
      return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
    }
  }
  return 'application/zip';
}

/** The media type of a whole file of `size` bytes, read through `read`. */
export async function sniffMediaType(read: ReadBytes, size: number): Promise<string> {
  const head = await read(0, Math.min(size, headLength));
  const fromHead = sniffHead(head);
  if (fromHead !== 'application/zip') return fromHead;
  return sniffZip(head, read, size);
}

/** `sniffMediaType` over bytes in memory. */
export function sniffBuffer(bytes: Buffer): Promise<string> {
  return sniffMediaType(
    async (position, length) => bytes.subarray(position, position + length),
    bytes.length,
  );
}
