import { Type } from 'typebox';
import { Nullable, Uuid } from '../../../common/schemas';

/** What a message, a notification or a letter is about: `request` and its id, with its reference. */
export const SubjectViewSchema = Nullable(
  Type.Object({
    type: Type.String({ description: 'request, account…' }),
    id: Uuid,
    label: Nullable(Type.String({ description: 'How lists name it: a request’s reference' })),
  }),
);
