/**
 * A phone number as French readers expect it: a national number in pairs (« 06 39 98 12 34 »),
 * whether it was stored as typed, as digits (`0639981234`) or in E.164 (`+33639981234`). Other
 * international numbers keep their + and are grouped after the country code when it is known
 * (overseas departments); anything else is shown as it was given.
 */
const pairs = (digits: string): string => digits.replace(/(\d{2})(?=\d)/g, '$1 ');

/** Country codes of the French overseas departments, whose numbers follow the national plan. */
const overseasCodes = ['262', '590', '594', '596'];

export function formatPhone(value: string): string {
  const trimmed = value.trim();
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) return trimmed;
  const digits = trimmed.replace(/\(0\)/g, '').replace(/\D/g, '');
  if (!trimmed.startsWith('+') && !trimmed.startsWith('00')) {
    return /^0\d{9}$/.test(digits) ? pairs(digits) : trimmed;
  }
  const international = trimmed.startsWith('00') ? digits.slice(2) : digits;
  if (/^33\d{9}$/.test(international)) return pairs(`0${international.slice(2)}`);
  const overseas = overseasCodes.find((code) => international.startsWith(code));
  if (overseas && international.length === overseas.length + 9) {
    const national = international.slice(overseas.length);
    return `+${overseas} ${national[0]} ${pairs(national.slice(1))}`;
  }
  return trimmed;
}
