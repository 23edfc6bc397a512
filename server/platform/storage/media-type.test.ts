import { describe, expect, it } from 'vitest';
import { sampleFiles } from '../../modules/requests/attachments/attachment-test-files';
import { isAllowedMediaType, mediaTypes, sniffBuffer } from './media-type';

describe('sniffing the media type from the bytes', () => {
  it.each([
    ['pdf', mediaTypes.pdf],
    ['png', mediaTypes.png],
    ['jpeg', mediaTypes.jpeg],
    ['gif', mediaTypes.gif],
    ['webp', mediaTypes.webp],
    ['tiff', mediaTypes.tiff],
    ['heic', mediaTypes.heic],
    ['heifGeneric', mediaTypes.heif],
    ['odt', mediaTypes.odt],
    ['docx', mediaTypes.docx],
  ] as const)('accepts %s as %s', async (sample, expected) => {
    const detected = await sniffBuffer(sampleFiles[sample]);
    expect(detected).toBe(expected);
    expect(isAllowedMediaType(detected)).toBe(true);
  });

  it.each([
    ['exe', 'application/x-msdownload'],
    ['elf', 'application/x-executable'],
    ['html', 'text/html'],
    ['svg', 'image/svg+xml'],
    ['text', 'text/plain'],
    ['zip', 'application/zip'],
    ['ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['avif', 'image/avif'],
    ['mp4', 'video/mp4'],
  ] as const)('refuses %s, detected as %s', async (sample, expected) => {
    const detected = await sniffBuffer(sampleFiles[sample]);
    expect(detected).toBe(expected);
    expect(isAllowedMediaType(detected)).toBe(false);
  });

  it('tells SVG and HTML apart even after a byte-order mark and blank lines', async () => {
    expect(await sniffBuffer(Buffer.from('\ufeff\n\n  <svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(
      'image/svg+xml',
    );
    expect(await sniffBuffer(Buffer.from('\n<HTML><body>hi</body></HTML>'))).toBe('text/html');
  });

  it('does not take a zip with a forged mimetype entry but no content for an OpenDocument', async () => {
    const { buildZip } = await import('../../modules/requests/attachments/attachment-test-files');
    const forged = buildZip([['mimetype', 'application/vnd.oasis.opendocument.text']]);
    expect(await sniffBuffer(forged)).toBe('application/zip');
  });

  it('calls unknown binary data application/octet-stream', async () => {
    expect(await sniffBuffer(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe]))).toBe('application/octet-stream');
  });
});
