import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from './file-name';
import { mediaTypes } from './media-type';

describe('sanitizeFileName', () => {
  it('keeps an ordinary French name', () => {
    expect(sanitizeFileName('Relevé d’identité bancaire.pdf', mediaTypes.pdf)).toBe(
      'Relevé d’identité bancaire.pdf',
    );
    expect(sanitizeFileName('photo.JPEG', mediaTypes.jpeg)).toBe('photo.JPEG');
  });

  it('drops any folder part', () => {
    expect(sanitizeFileName('../../etc/passwd.pdf', mediaTypes.pdf)).toBe('passwd.pdf');
    expect(sanitizeFileName('C:\\Users\\camille\\scan.png', mediaTypes.png)).toBe('scan.png');
  });

  it('removes control and bidi characters and forbidden punctuation', () => {
    expect(sanitizeFileName('fac\u0000ture\r\n.pdf', mediaTypes.pdf)).toBe('facture.pdf');
    // "invoice‮fdp.exe" shows as "invoiceexe.pdf" in a right-to-left trick.
    expect(sanitizeFileName('invoice\u202Efdp.pdf', mediaTypes.pdf)).toBe('invoicefdp.pdf');
    expect(sanitizeFileName('a<b>:c|d?e*"f".pdf', mediaTypes.pdf)).toBe('a_b__c_d_e__f_.pdf');
  });

  it('adds the extension of the sniffed type when the name says otherwise', () => {
    expect(sanitizeFileName('scan.pdf', mediaTypes.png)).toBe('scan.pdf.png');
    expect(sanitizeFileName('sans extension', mediaTypes.odt)).toBe('sans extension.odt');
  });

  it('names a nameless file', () => {
    expect(sanitizeFileName('', mediaTypes.pdf)).toBe('piece-jointe.pdf');
    expect(sanitizeFileName(undefined, mediaTypes.jpeg)).toBe('piece-jointe.jpg');
    expect(sanitizeFileName('...', mediaTypes.gif)).toBe('piece-jointe.gif');
  });

  it('shortens to 200 characters, keeping the extension', () => {
    const name = sanitizeFileName(`${'é'.repeat(300)}.docx`, mediaTypes.docx);
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith('é.docx')).toBe(true);
  });
});
