/** Small TypeBox building blocks shared by the API schemas of every module (and readable by the web). */
import { Type, type TSchema } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const Instant = Type.String({ format: 'date-time' });

/** The schema, or JSON null. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/** A string among `values`, typed as their union (TypeBox's Union over a mapped array loses the literals). */
export function OneOf<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** A phone number as people type it: digits, spaces, dots, dashes, an optional leading +. */
export const PhoneInput = Type.String({
  pattern: '^\\+?[0-9][0-9 .()-]{5,24}$',
  description: 'Phone number: digits, spaces, dots, dashes, an optional leading +',
});

/** A person's first or last name. */
export const PersonName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
