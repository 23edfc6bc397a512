import { describe, expect, it } from 'vitest';
import {
  buildSmsPdus,
  concatenationOf,
  countSegments,
  decodeGsm7,
  decodeUcs2,
  encodeGsm7,
  encodeUcs2,
  encodingOf,
  gsmSeptetsOf,
  normaliseSmsText,
  splitIntoParts,
  unitsOf,
} from './segments';

describe('GSM 03.38 alphabet', () => {
  it('has the French accents of the default alphabet (é è à ù Ç) as one septet', () => {
    for (const char of ['é', 'è', 'à', 'ù', 'É', 'Ç', '@', '£', '$', '_', '\n']) {
      expect(gsmSeptetsOf(char), char).toBe(1);
    }
    expect(encodingOf('Votre demande a été enregistrée, merci, à demain.')).toBe('gsm7');
    expect(encodingOf('À bientôt')).toBe('ucs2');
  });

  it('counts the extension table (€ [ ] { } ^ ~ \\ | form feed) as two septets', () => {
    for (const char of ['€', '[', ']', '{', '}', '^', '~', '\\', '|', '\f']) {
      expect(gsmSeptetsOf(char), char).toBe(2);
    }
    expect(unitsOf('Total : 2,70 €')).toBe(15);
    expect(encodingOf('[a]{b}^~\\|€')).toBe('gsm7');
  });

  it('needs UCS-2 for ç, œ, ’, « », ê, â, î, ô, û and emojis', () => {
    for (const text of [
      'reçue',
      'cœur',
      'l’école',
      '« Bonjour »',
      'fenêtre',
      'pâte',
      'île',
      'hôtel',
      'sûr',
      'merci 👍',
    ]) {
      expect(encodingOf(text), text).toBe('ucs2');
      expect(gsmSeptetsOf([...text].find((c) => gsmSeptetsOf(c) === undefined)!)).toBeUndefined();
    }
  });

  it('round-trips GSM-7 (unpacked) and UCS-2', () => {
    const text = 'Mairie : votre rendez-vous à 9h30, tarif 12 € [réf. 2026-000123] {ok} ^~\\|';
    expect(decodeGsm7(encodeGsm7(text))).toBe(text);
    // 0x09 is « Ç » only: phones show it as the capital, so « ç » is never encoded there.
    expect(decodeGsm7(encodeGsm7('Ç'))).toBe('Ç');
    expect(() => encodeGsm7('reçue')).toThrow(RangeError);
    expect([...encodeGsm7('€')]).toEqual([0x1b, 0x65]);
    expect([...encodeGsm7('@A')]).toEqual([0x00, 0x41]);
    expect([...encodeGsm7('Ç')]).toEqual([0x09]);
    expect(() => encodeGsm7('œ')).toThrow(RangeError);
    const emoji = 'Bien reçu 👍 « merci »';
    expect(decodeUcs2(encodeUcs2(emoji))).toBe(emoji);
    expect(encodeUcs2('é').toString('hex')).toBe('00e9');
  });
});

describe('normaliseSmsText', () => {
  it('turns French typography into GSM-7 characters', () => {
    const text = 'L’accueil de la mairie\u00a0: « ouvert » lundi\u202f! Rendez-vous – salle 2… cœur';
    const normalised = normaliseSmsText(text);
    expect(normalised).toBe('L\'accueil de la mairie : "ouvert" lundi ! Rendez-vous - salle 2... coeur');
    expect(encodingOf(normalised)).toBe('gsm7');
  });

  it('keeps accented letters, even those that need UCS-2', () => {
    expect(normaliseSmsText('fenêtre à réparer')).toBe('fenêtre à réparer');
  });

  it('writes « ç » as « c » when the rest is GSM-7, so that phones never show « reÇue »', () => {
    const text = normaliseSmsText('Votre demande a bien été reçue, ça avance. Ça aussi.');
    expect(text).toBe('Votre demande a bien été recue, ca avance. Ça aussi.');
    expect(encodingOf(text)).toBe('gsm7');
    expect(decodeGsm7(encodeGsm7(text))).toBe(text);
  });

  it('keeps « ç » in a text that is UCS-2 anyway (it displays correctly there)', () => {
    const text = normaliseSmsText('Votre fenêtre a été reçue');
    expect(text).toBe('Votre fenêtre a été reçue');
    expect(encodingOf(text)).toBe('ucs2');
    expect(decodeUcs2(encodeUcs2(text))).toBe(text);
  });
});

describe('segment counting', () => {
  it('fits 160 GSM-7 septets in one segment, then 153 per part', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', segments: 1, remaining: 0 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ segments: 2, units: 161 });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
    expect(countSegments('').segments).toBe(1);
  });

  it('counts extension characters twice', () => {
    expect(countSegments('€'.repeat(80)).segments).toBe(1);
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
    expect(countSegments('a' + '€'.repeat(80)).segments).toBe(2);
  });

  it('fits 70 UCS-2 units in one segment, then 67 per part', () => {
    expect(countSegments('œ'.repeat(70))).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(countSegments('œ'.repeat(71)).segments).toBe(2);
    expect(countSegments('œ'.repeat(134)).segments).toBe(2);
    expect(countSegments('œ'.repeat(135)).segments).toBe(3);
  });

  it('counts an emoji as two UTF-16 units', () => {
    expect(countSegments('👍'.repeat(35))).toMatchObject({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(countSegments('👍'.repeat(35) + 'a').segments).toBe(2);
  });

  it('costs one GSM-7 segment instead of two UCS-2 ones once the apostrophe is normalised', () => {
    const text =
      'Bonjour, votre demande 2026-000123 a bien été reçue par la mairie. Nous vous répondrons d’ici le 15 décembre. Suivi : https://guichet.example/s/BCDFGHJK';
    expect(countSegments(text)).toMatchObject({ encoding: 'ucs2', segments: 3 });
    expect(countSegments(normaliseSmsText(text))).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });
});

describe('splitting for concatenation', () => {
  it('does not split a message that fits', () => {
    expect(splitIntoParts('Bonjour')).toEqual(['Bonjour']);
    expect(splitIntoParts('')).toEqual([]);
  });

  it('splits GSM-7 into parts of 153 septets and never splits an escape sequence', () => {
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
    const parts = splitIntoParts(text);
    expect(parts).toEqual(['a'.repeat(152), '€' + 'b'.repeat(10)]);
    expect(parts.join('')).toBe(text);
    for (const part of splitIntoParts('x'.repeat(500))) expect(unitsOf(part)).toBeLessThanOrEqual(153);
  });

  it('splits UCS-2 into parts of 67 units and never splits a surrogate pair', () => {
    const text = 'é'.repeat(66) + '👍' + 'œ'.repeat(10);
    const parts = splitIntoParts(text);
    expect(parts).toEqual(['é'.repeat(66), '👍' + 'œ'.repeat(10)]);
    expect(parts.join('')).toBe(text);
  });

  it('builds one PDU per part with a concatenation UDH and the data coding', () => {
    const single = buildSmsPdus('Bonjour à tous', 7);
    expect(single).toHaveLength(1);
    expect(single[0]).toMatchObject({ dataCoding: 0, esmClass: 0 });

    const long = buildSmsPdus('é'.repeat(200) + ' œ', 42);
    expect(long).toHaveLength(4);
    long.forEach((pdu, index) => {
      expect(pdu.dataCoding).toBe(8);
      expect(pdu.esmClass).toBe(0x40);
      expect([...pdu.shortMessage.subarray(0, 6)]).toEqual([0x05, 0x00, 0x03, 42, 4, index + 1]);
      expect(concatenationOf(pdu.shortMessage.subarray(0, 6))).toEqual({
        reference: 42,
        total: 4,
        sequence: index + 1,
      });
      expect(pdu.shortMessage.length - 6).toBeLessThanOrEqual(134);
    });
    expect(long.map((pdu) => decodeUcs2(pdu.shortMessage.subarray(6))).join('')).toBe('é'.repeat(200) + ' œ');

    const gsm = buildSmsPdus('x'.repeat(200), 1);
    expect(gsm.map((pdu) => pdu.shortMessage.length - 6)).toEqual([153, 47]);
  });
});
