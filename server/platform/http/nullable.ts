import { Type, type TSchema } from 'typebox';

/** The schema, or JSON null. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}
