/**
 * A return path taken from the URL (`?retour=`) is only followed when it stays on this site:
 * a path starting with one slash, never `//host` or `/\host` (open redirects).
 */
export function safeReturnPath(value: string | null | undefined, fallback: string): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if ([...value].some((character) => character.charCodeAt(0) < 32)) return fallback;
  return value;
}

/** The login page of an area, remembering where to come back. */
export function loginPathFor(loginPath: string, returnPath: string): string {
  return `${loginPath}?retour=${encodeURIComponent(returnPath)}`;
}
