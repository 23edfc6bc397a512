/**
 * Phone numbers in E.164 (`+33612345678`), the form every SMS row and opt-out is keyed by.
 * French national numbers (10 digits starting with 0) become +33…, except the overseas mobile
 * ranges, which belong to their own country codes (ARCEP numbering plan: 0690/0691 Guadeloupe
 * and Saint-Martin +590, 0694 Guyane +594, 0696/0697 Martinique +596, 0692/0693 La Réunion and
 * 0639 Mayotte +262).
 */

const overseasMobilePrefixes: Record<string, string> = {
  '690': '590',
  '691': '590',
  '694': '594',
  '696': '596',
  '697': '596',
  '692': '262',
  '693': '262',
  '639': '262',
};

export class InvalidPhoneNumberError extends Error {
  override name = 'InvalidPhoneNumberError';
  constructor(readonly input: string) {
    super(`« ${input} » n’est pas un numéro de téléphone valide`);
  }
}

/**
 * E.164 for a French or international number written in any usual way (spaces, dots, dashes,
 * parentheses, `00` or `+` international prefix, `33…` as SMSCs give it); undefined when it is
 * not a phone number.
 */
export function normalisePhoneNumber(input: string): string | undefined {
  const trimmed = input.trim();
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) return undefined;
  const hasPlus = trimmed.startsWith('+');
  // "+33 (0)6 12…": the national 0 in parentheses is dropped.
  let digits = trimmed.replace(/\(0\)/g, '').replace(/\D/g, '');
  if (!hasPlus && digits.startsWith('00')) digits = digits.slice(2);
  else if (!hasPlus && /^0[1-9]\d{8}$/.test(digits)) {
    const national = digits.slice(1);
    const overseas = overseasMobilePrefixes[national.slice(0, 3)];
    digits = overseas ? `${overseas}${national}` : `33${national}`;
  } else if (!hasPlus && !/^33[1-9]\d{8}$/.test(digits) && !/^(590|594|596|262)\d{9}$/.test(digits)) {
    // Neither national nor an international form we recognise without its +.
    return undefined;
  }
  if (digits.startsWith('330')) digits = `33${digits.slice(3)}`;
  if (digits.startsWith('33') && !/^33[1-9]\d{8}$/.test(digits)) return undefined;
  if (!/^[1-9]\d{7,14}$/.test(digits)) return undefined;
  return `+${digits}`;
}

export function requirePhoneNumber(input: string): string {
  const phone = normalisePhoneNumber(input);
  if (!phone) throw new InvalidPhoneNumberError(input);
  return phone;
}

/** Whether an E.164 number can receive SMS: French mobiles (06, 07, overseas mobiles) or any foreign number. */
export function canReceiveSms(e164: string): boolean {
  if (e164.startsWith('+33')) return /^\+33[67]\d{8}$/.test(e164);
  if (/^\+(590|594|596|262)/.test(e164)) return /^\+(590|594|596|262)(69\d|639)\d{6}$/.test(e164);
  return true;
}

/**
 * The ways one E.164 number may have been typed into a contact or an account, digits only
 * (compared with the stored value stripped of everything but digits and +).
 */
export function storedFormsOf(e164: string): string[] {
  const digits = e164.slice(1);
  const forms = new Set([e164, digits, `00${digits}`]);
  if (digits.startsWith('33')) forms.add(`0${digits.slice(2)}`);
  for (const [prefix, country] of Object.entries(overseasMobilePrefixes)) {
    if (digits.startsWith(`${country}${prefix}`)) forms.add(`0${digits.slice(country.length)}`);
  }
  return [...forms];
}
