import { describe, expect, it } from 'vitest';
import { addressWindow, millimetresOf } from './letter-layout';
import {
  addressLinesOf,
  formatLetterDate,
  renderLetterPdf,
  toPrintableText,
  type LetterContent,
} from './letter-pdf';
import { loadPdf, longBody, placedTextOf, sampleAddress } from './letters-test-setup';

const content: LetterContent = {
  letterhead: {
    townName: 'Ville de Démo',
    departmentName: 'Service Voirie',
    postalAddress: 'Hôtel de ville\n1 place de la Mairie\n99000 Démo',
    phone: '01 23 45 67 89',
    email: 'voirie@demo.example',
  },
  place: 'Démo',
  date: new Date('2026-12-01T10:00:00Z'),
  reference: '2026-000123',
  recipient: sampleAddress,
  subject: 'Votre demande « Lampadaire en panne »',
  body: 'Madame,\n\nNous avons bien reçu votre demande.\n\nVeuillez agréer, Madame, nos salutations distinguées.',
};

describe('renderLetterPdf', () => {
  it('renders a one-page A4 letter that pdf-lib opens', async () => {
    const rendered = await renderLetterPdf(content);
    const pdf = await loadPdf(rendered.pdf);
    expect(rendered.pageCount).toBe(1);
    expect(pdf.getPageCount()).toBe(1);
    const page = pdf.getPage(0);
    expect(millimetresOf(page.getWidth())).toBeCloseTo(210, 0);
    expect(millimetresOf(page.getHeight())).toBeCloseTo(297, 0);
    const texts = placedTextOf(page).map((placed) => placed.text);
    expect(texts).toContain('Ville de Démo');
    expect(texts).toContain('Démo, le 1er décembre 2026');
    expect(texts).toContain('Réf.\u00a0: 2026-000123');
    expect(texts.join(' ')).toContain('Votre demande « Lampadaire en panne »');
    expect(texts.some((text) => text.startsWith('Page '))).toBe(false);
  });

  it('prints every line of the address inside the envelope window', async () => {
    const pdf = await loadPdf((await renderLetterPdf(content)).pdf);
    const placed = placedTextOf(pdf.getPage(0));
    const expected = ['Mme Élise Dupont', '12 rue des Lilas', 'Bâtiment B', '75011 PARIS'];
    for (const line of expected) {
      const found = placed.find((text) => text.text === line);
      expect(found, line).toBeDefined();
      // The baseline and the cap height (about 0.7 of the size) both inside the window.
      const capHeightMm = millimetresOf(found!.fontSize * 0.72);
      expect(found!.xMm).toBeGreaterThanOrEqual(addressWindow.leftMm - 0.01);
      expect(found!.xMm).toBeLessThan(addressWindow.leftMm + 5);
      expect(found!.yMm - capHeightMm).toBeGreaterThanOrEqual(addressWindow.topMm);
      expect(found!.yMm).toBeLessThanOrEqual(addressWindow.topMm + addressWindow.heightMm);
    }
    // Nothing else is printed in the window.
    const intruders = placed.filter(
      (text) =>
        !expected.includes(text.text) &&
        text.xMm >= addressWindow.leftMm - 1 &&
        text.yMm >= addressWindow.topMm &&
        text.yMm <= addressWindow.topMm + addressWindow.heightMm,
    );
    expect(intruders).toEqual([]);
  });

  it('runs a long body over several pages, numbered « Page n sur N »', async () => {
    const rendered = await renderLetterPdf({ ...content, body: longBody(40) });
    const pdf = await loadPdf(rendered.pdf);
    expect(rendered.pageCount).toBeGreaterThanOrEqual(3);
    expect(pdf.getPageCount()).toBe(rendered.pageCount);
    for (let index = 0; index < pdf.getPageCount(); index += 1) {
      const texts = placedTextOf(pdf.getPage(index)).map((placed) => placed.text);
      expect(texts).toContain(`Page ${index + 1} sur ${rendered.pageCount}`);
      expect(texts.some((text) => text.startsWith('Ville de Démo – Hôtel de ville'))).toBe(true);
    }
    const lastPage = placedTextOf(pdf.getPage(pdf.getPageCount() - 1)).map((placed) => placed.text);
    expect(lastPage.join(' ')).toContain('Paragraphe 40.');
  });
});

describe('letter text', () => {
  it('keeps French typography the standard fonts can print and replaces the rest', () => {
    expect(toPrintableText('Coût\u202f: 2,70\u00a0€ – « œuvre » ’')).toBe(
      'Coût\u00a0: 2,70\u00a0€ – « œuvre » ’',
    );
    expect(toPrintableText('Chantier 🚧 fini\u0007')).toBe('Chantier ? fini');
  });

  it('writes the first of the month « 1er » in the town’s time zone', () => {
    expect(formatLetterDate(new Date('2026-11-30T23:30:00Z'))).toBe('1er décembre 2026');
    expect(formatLetterDate(new Date('2026-12-02T10:00:00Z'))).toBe('2 décembre 2026');
  });

  it('puts the postcode and the town in capitals on the last line of the address', () => {
    expect(
      addressLinesOf({
        name: ' M.  Jean Martin ',
        line1: '3 allée des Ormes',
        postcode: '13001',
        city: 'Marseille',
      }),
    ).toEqual(['M. Jean Martin', '3 allée des Ormes', '13001 MARSEILLE']);
  });
});
