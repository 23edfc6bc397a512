/** TypeBox schemas of desk intake: requests and informational contacts recorded by agents, citizen accounts. */
import { type Static, Type } from 'typebox';
import {
  descriptionMaxLength,
  requestPriorities,
  subjectMaxLength,
  subjectMinLength,
} from '../../../../common/requests';
import { Instant, Nullable, OneOf, PersonName, PhoneInput, Uuid as Id } from '../../../../common/schemas';
import { PostalAddressSchema } from '../../accounts';
import { Channel, PostalAddressView, Ref, Status } from '../../requests';

export const tags = ['backoffice'];
const Priority = OneOf(requestPriorities);
const NullableRef = Nullable(Ref);

export const CitizenSearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 2,
      maxLength: 100,
      description: 'Name, e-mail or phone (2 characters or more)',
    }),
  },
  { additionalProperties: false },
);

export const CitizenItem = Type.Object({
  id: Id,
  firstName: Type.String(),
  lastName: Type.String(),
  email: Type.String(),
  phone: Nullable(Type.String()),
  postalAddress: Nullable(PostalAddressView),
  requestCount: Type.Integer(),
});

export const CreateCitizenBody = Type.Object(
  {
    firstName: PersonName,
    lastName: PersonName,
    email: Type.String({ format: 'email', maxLength: 254 }),
    phone: Type.Optional(PhoneInput),
    postalAddress: Type.Optional(PostalAddressSchema),
  },
  { additionalProperties: false },
);
export type CreateCitizenBody = Static<typeof CreateCitizenBody>;

export const DeskContactInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(PhoneInput),
    postalAddress: Type.Optional(PostalAddressSchema),
  },
  { additionalProperties: false },
);

export const deskChannels = ['phone', 'counter', 'letter', 'email', 'sms', 'api'] as const;

export const DeskIntakeBody = Type.Object(
  {
    channel: OneOf(deskChannels),
    categoryId: Type.Optional(Id),
    priority: Type.Optional(Priority),
    subject: Type.String({ minLength: subjectMinLength, maxLength: subjectMaxLength }),
    description: Type.String({ minLength: 1, maxLength: descriptionMaxLength }),
    location: Type.Optional(
      Type.Object(
        {
          address: Type.Optional(Type.String({ maxLength: 500 })),
          latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
          longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
        },
        { additionalProperties: false },
      ),
    ),
    citizenId: Type.Optional(Id),
    contact: Type.Optional(DeskContactInput),
    receivedAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'When the town received it (e.g. a letter’s date)' }),
    ),
  },
  { additionalProperties: false },
);
export type DeskIntakeBody = Static<typeof DeskIntakeBody>;

export const DeskIntakeResult = Type.Object({
  id: Id,
  reference: Type.String(),
  trackingCode: Type.String(),
  status: Status,
  dueAt: Nullable(Instant),
});

export const contactRecordChannels = ['phone', 'counter', 'letter', 'email', 'sms'] as const;

export const RecordContactBody = Type.Object(
  {
    channel: OneOf(contactRecordChannels),
    subject: Type.String({ minLength: subjectMinLength, maxLength: subjectMaxLength }),
    note: Type.Optional(Type.String({ maxLength: descriptionMaxLength })),
    categoryId: Type.Optional(Id),
    departmentId: Type.Optional(Id),
    citizenId: Type.Optional(Id),
    contact: Type.Optional(DeskContactInput),
  },
  { additionalProperties: false },
);
export type RecordContactBody = Static<typeof RecordContactBody>;

export const RecordedContact = Type.Object({
  id: Id,
  channel: Channel,
  subject: Type.String(),
  occurredAt: Instant,
  unitCostCents: Nullable(Type.Integer({ minimum: 0, description: 'Cents: 270 is 2,70 €' })),
});

export const ContactListQuery = Type.Object(
  {
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  { additionalProperties: false },
);

export const ContactItem = Type.Object({
  ...RecordedContact.properties,
  note: Nullable(Type.String()),
  category: NullableRef,
  department: NullableRef,
  agent: Ref,
  citizenId: Nullable(Id),
  contactName: Nullable(Type.String()),
});

export const ContactPage = Type.Object({ items: Type.Array(ContactItem), total: Type.Integer() });
