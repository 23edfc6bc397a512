import { extensionOf, mediaTypes } from './media-type';

export const fileNameMaxLength = 200;

/** Extensions that fit each allowed media type; a name with another one gets the right one added. */
const extensionsOf: Readonly<Record<string, readonly string[]>> = {
  [mediaTypes.pdf]: ['pdf'],
  [mediaTypes.jpeg]: ['jpg', 'jpeg', 'jpe', 'jfif'],
  [mediaTypes.png]: ['png'],
  [mediaTypes.gif]: ['gif'],
  [mediaTypes.webp]: ['webp'],
  [mediaTypes.heic]: ['heic', 'heif'],
  [mediaTypes.heif]: ['heif', 'heic'],
  [mediaTypes.tiff]: ['tif', 'tiff'],
  [mediaTypes.odt]: ['odt'],
  [mediaTypes.docx]: ['docx'],
};

/** Cut `value` to `max` code points (never in the middle of a surrogate pair). */
function truncate(value: string, max: number): string {
  const codePoints = Array.from(value);
  return codePoints.length <= max ? value : codePoints.slice(0, max).join('');
}

/**
 * A file name safe to store and to send back in `Content-Disposition`: no folder part, no control
 * or invisible formatting characters (bidi overrides that disguise `exe.pdf`), none of the
 * characters Windows forbids, at most 200 characters keeping the extension, and an extension that
 * matches the type sniffed from the content.
 */
export function sanitizeFileName(raw: string | undefined, mediaType: string): string {
  let name = (raw ?? '').normalize('NFC');
  // Keep only the last segment of a path, whichever separator the client's system uses.
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');

  const expected = extensionsOf[mediaType];
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  let stem = dot > 0 ? name.slice(0, dot) : name;
  let suffix = dot > 0 ? name.slice(dot) : '';
  if (expected && !expected.includes(extension)) {
    // The name lies about the content (or has no extension): keep it, add the true one.
    stem = name;
    suffix = `.${extensionOf[mediaType]}`;
  }
  if (!stem) stem = 'piece-jointe';
  suffix = truncate(suffix, 20);
  return truncate(stem, fileNameMaxLength - Array.from(suffix).length).replace(/[\s.]+$/, '') + suffix;
}
