import { invalidField } from '../../platform/http/app-error';

/** `value` trimmed; a blank text is refused naming `field`. */
export function requireText(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw invalidField(field, 'must not be blank');
  return trimmed;
}

/** Like requireText for optional fields: `undefined` (unchanged) and `null` (cleared) pass through. */
export function optionalText(field: string, value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  return requireText(field, value);
}
