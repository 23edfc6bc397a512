/**
 * SMS text rules (pure): the GSM 03.38 default alphabet and its extension table, when a text needs
 * UCS-2, how many segments it costs, and how it is split for concatenation with a UDH.
 *
 * Limits (3GPP TS 23.038 / 23.040): one GSM-7 message carries 160 septets, a part of a
 * concatenated one 153 (the 6-octet UDH takes 7 septets); UCS-2 carries 70 UTF-16 units, 67 per
 * part. An extension character (€ [ ] { } ^ ~ \ | and form feed) costs two septets (ESC + code)
 * and is never split across parts; a surrogate pair (emoji) costs two UTF-16 units and is never
 * split either.
 */

/** The GSM 03.38 default alphabet; the index of a character is its septet (0x1B is the escape). */
const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: character → code after the escape septet. */
const gsmExtension: Record<string, number> = {
  '\f': 0x0a,
  '^': 0x14,
  '{': 0x28,
  '}': 0x29,
  '\\': 0x2f,
  '[': 0x3c,
  '~': 0x3d,
  ']': 0x3e,
  '|': 0x40,
  '€': 0x65,
};

const basicSeptet = new Map<string, number>();
for (let index = 0; index < gsmBasic.length; index += 1) {
  const char = gsmBasic[index]!;
  if (index !== 0x1b) basicSeptet.set(char, index);
}
// Position 0x09 is « Ç » (U+00C7) only. Unicode's GSM0338 mapping suggests encoding the
// lower-case « ç » there too, but handsets and SMSCs show that code as the capital: « reçue »
// reached phones as « reÇue ». So « ç » is not in the alphabet: `normaliseSmsText` writes it « c »
// when the rest of the text is GSM-7 (« recue », 160 characters per segment), and a text that is
// UCS-2 anyway keeps its « ç ».

const basicChar = new Map<number, string>();
for (let index = 0; index < gsmBasic.length; index += 1) basicChar.set(index, gsmBasic[index]!);
const extensionChar = new Map<number, string>(
  Object.entries(gsmExtension).map(([char, code]) => [code, char]),
);

export type SmsEncoding = 'gsm7' | 'ucs2';

export const singleSegmentLimit: Record<SmsEncoding, number> = { gsm7: 160, ucs2: 70 };
export const concatenatedSegmentLimit: Record<SmsEncoding, number> = { gsm7: 153, ucs2: 67 };

/** Septets a character takes in GSM-7: 1, 2 for the extension table, undefined when not in it. */
export function gsmSeptetsOf(char: string): 1 | 2 | undefined {
  if (basicSeptet.has(char)) return 1;
  if (char in gsmExtension) return 2;
  return undefined;
}

export function isGsm7(text: string): boolean {
  for (const char of text) if (gsmSeptetsOf(char) === undefined) return false;
  return true;
}

/** GSM-7 when every character is in the default alphabet or its extension, otherwise UCS-2. */
export function encodingOf(text: string): SmsEncoding {
  return isGsm7(text) ? 'gsm7' : 'ucs2';
}

/**
 * Typographic normalisation applied to every outbound SMS before counting and sending: the French
 * typographic apostrophe ’ becomes ', non-breaking and thin spaces become plain spaces, « » and
 * curly quotes become ", … becomes ..., dashes become -, œ/Œ become oe/OE. Without it one ’ or one
 * non-breaking space before « ? » switches a whole message to UCS-2 (70 characters per segment
 * instead of 160). Accented letters of the GSM alphabet (é è à ù…) are kept; others (ê, â, î…)
 * are kept too and make the message UCS-2: the text is not altered beyond typography, except
 * « ç », written « c » when it is the only character keeping the text out of GSM-7 (see above).
 */
export function normaliseSmsText(text: string): string {
  const typographic = normaliseTypography(text);
  if (!typographic.includes('ç')) return typographic;
  const withoutCedilla = typographic.replace(/ç/g, 'c');
  return isGsm7(withoutCedilla) ? withoutCedilla : typographic;
}

function normaliseTypography(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u02bc]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/«[\u00a0\u202f\u2009 ]?/g, '"')
    .replace(/[\u00a0\u202f\u2009 ]?»/g, '"')
    .replace(/[\u00a0\u202f\u2007\u2009\u200a\u2002\u2003]/g, ' ')
    .replace(/\u2026/g, '...')
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2212]/g, '-')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/\u200b|\ufeff/g, '');
}

/** The counting units of a text: septets (GSM-7) or UTF-16 code units (UCS-2). */
export function unitsOf(text: string, encoding: SmsEncoding = encodingOf(text)): number {
  if (encoding === 'ucs2') return text.length;
  let septets = 0;
  for (const char of text) septets += gsmSeptetsOf(char) ?? 1;
  return septets;
}

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 units (UCS-2). */
  units: number;
  segments: number;
  /** Units left in the last segment before another one is needed. */
  remaining: number;
}

/** How many segments `text` costs as it is (normalise it first with `normaliseSmsText`). */
export function countSegments(text: string): SegmentCount {
  const encoding = encodingOf(text);
  const parts = splitIntoParts(text, encoding);
  const units = unitsOf(text, encoding);
  const limit = parts.length <= 1 ? singleSegmentLimit[encoding] : concatenatedSegmentLimit[encoding];
  const lastUnits = parts.length === 0 ? 0 : unitsOf(parts[parts.length - 1]!, encoding);
  return { encoding, units, segments: Math.max(parts.length, 1), remaining: limit - lastUnits };
}

/**
 * The parts of a text for concatenation (one part when it fits in a single segment; none for an
 * empty text). Never splits an extension character or a surrogate pair.
 */
export function splitIntoParts(text: string, encoding: SmsEncoding = encodingOf(text)): string[] {
  if (text === '') return [];
  if (unitsOf(text, encoding) <= singleSegmentLimit[encoding]) return [text];
  const limit = concatenatedSegmentLimit[encoding];
  const parts: string[] = [];
  let current = '';
  let currentUnits = 0;
  // Iterating a string yields code points: a surrogate pair stays whole.
  for (const char of text) {
    const cost = encoding === 'ucs2' ? char.length : (gsmSeptetsOf(char) ?? 1);
    if (currentUnits + cost > limit) {
      parts.push(current);
      current = '';
      currentUnits = 0;
    }
    current += char;
    currentUnits += cost;
  }
  if (current !== '') parts.push(current);
  return parts;
}

/** GSM-7 unpacked (one septet per octet, as SMPP carries data_coding 0). Throws on a non-GSM character. */
export function encodeGsm7(text: string): Buffer {
  const septets: number[] = [];
  for (const char of text) {
    const basic = basicSeptet.get(char);
    if (basic !== undefined) {
      septets.push(basic);
      continue;
    }
    const extension = gsmExtension[char];
    if (extension === undefined) throw new RangeError(`Character not in GSM 03.38: ${JSON.stringify(char)}`);
    septets.push(0x1b, extension);
  }
  return Buffer.from(septets);
}

/** Unpacked GSM-7 back to text (0x09 is « Ç »; unknown codes become spaces, as phones show them). */
export function decodeGsm7(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < bytes.length; index += 1) {
    const septet = bytes[index]! & 0x7f;
    if (septet === 0x1b && index + 1 < bytes.length) {
      index += 1;
      text += extensionChar.get(bytes[index]! & 0x7f) ?? ' ';
      continue;
    }
    text += basicChar.get(septet) ?? ' ';
  }
  return text;
}

export function encodeUcs2(text: string): Buffer {
  const buffer = Buffer.alloc(text.length * 2);
  for (let index = 0; index < text.length; index += 1)
    buffer.writeUInt16BE(text.charCodeAt(index), index * 2);
  return buffer;
}

export function decodeUcs2(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index + 1 < bytes.length; index += 2) {
    text += String.fromCharCode((bytes[index]! << 8) | bytes[index + 1]!);
  }
  return text;
}

/** The concatenation UDH (IEI 0x00, 8-bit reference): 05 00 03 ref total seq. */
export function concatenationUdh(reference: number, total: number, sequence: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, sequence]);
}

export interface SmsPdu {
  /** SMPP data_coding: 0 (SMSC default alphabet, GSM-7) or 8 (UCS-2). */
  dataCoding: 0 | 8;
  /** esm_class: 0x40 (UDH indicator) for parts of a concatenated message. */
  esmClass: number;
  /** UDH (when concatenated) followed by the encoded text. */
  shortMessage: Buffer;
  text: string;
}

/**
 * The submit_sm payloads of one message: a single PDU, or one per part with a concatenation UDH
 * sharing `reference` (0–255). Parts are limited to 255.
 */
export function buildSmsPdus(text: string, reference: number): SmsPdu[] {
  const encoding = encodingOf(text);
  const parts = splitIntoParts(text, encoding);
  if (parts.length > 255) throw new RangeError('An SMS cannot have more than 255 parts');
  const encode = encoding === 'gsm7' ? encodeGsm7 : encodeUcs2;
  const dataCoding = encoding === 'gsm7' ? 0 : 8;
  if (parts.length <= 1) {
    return [{ dataCoding, esmClass: 0, shortMessage: encode(parts[0] ?? ''), text: parts[0] ?? '' }];
  }
  return parts.map((part, index) => ({
    dataCoding,
    esmClass: 0x40,
    shortMessage: Buffer.concat([concatenationUdh(reference, parts.length, index + 1), encode(part)]),
    text: part,
  }));
}

/** The concatenation facts of a UDH (8- or 16-bit reference), or undefined when it has none. */
export function concatenationOf(
  udh: Uint8Array,
): { reference: number; total: number; sequence: number } | undefined {
  // udh[0] is the UDH length; then information elements: IEI, length, data.
  let offset = 1;
  while (offset + 1 < udh.length) {
    const iei = udh[offset]!;
    const length = udh[offset + 1]!;
    const data = udh.subarray(offset + 2, offset + 2 + length);
    if (iei === 0x00 && length === 3) return { reference: data[0]!, total: data[1]!, sequence: data[2]! };
    if (iei === 0x08 && length === 4) {
      return { reference: (data[0]! << 8) | data[1]!, total: data[2]!, sequence: data[3]! };
    }
    offset += 2 + length;
  }
  return undefined;
}
