import { Type, type Static } from 'typebox';
import { Nullable } from '../../../platform/http/nullable';
import { PostalAddressSchema } from '../../accounts/accounts.schemas';
import { requestPhases, requestStatuses, type RequestPhase, type RequestStatus } from '../lifecycle';
import { subjectMaxLength, subjectMinLength } from '../requests.schemas';
import { descriptionMaxLength, requestChannels, requestPriorities } from '../requests.tables';

/** TypeBox schemas of the back office's read side: queue, request detail, desk intake, citizens, contacts. */

export const tags = ['backoffice'];

export const Id = Type.String({ format: 'uuid' });
export const Instant = Type.String({ format: 'date-time' });
export const Status = Type.Unsafe<RequestStatus>({ type: 'string', enum: [...requestStatuses] });
const Phase = Type.Unsafe<RequestPhase>({ type: 'string', enum: [...requestPhases] });
/** A string among `values`, typed as their union (TypeBox's Union over a mapped array loses the literals). */
function OneOf<const T extends readonly string[]>(values: T) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
}
const Channel = OneOf(requestChannels);
const Priority = OneOf(requestPriorities);
const PhoneSchema = Type.String({
  pattern: '^\\+?[0-9][0-9 .()-]{5,24}$',
  description: 'Phone number: digits, spaces, dots, dashes, an optional leading +',
});
const NameSchema = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

export const Ref = Type.Object({ id: Id, name: Type.String() });
const NullableRef = Nullable(Ref);

export const IdParams = Type.Object({ id: Id });

export const queueSorts = ['due', 'received', 'relevance'] as const;
export type QueueSort = (typeof queueSorts)[number];

export const QueueQuery = Type.Object(
  {
    status: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Comma-separated statuses; default: the open ones; `all`: every status',
      }),
    ),
    departmentId: Type.Optional(Id),
    categoryId: Type.Optional(Id),
    channel: Type.Optional(Channel),
    assignee: Type.Optional(
      Type.String({
        pattern: '^(me|none|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
        description: 'A user id, `me` or `none`',
      }),
    ),
    overdue: Type.Optional(Type.Boolean({ description: 'true: due date passed and still open' })),
    dueWithinDays: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 365,
        description: 'Open and due within N days (overdue included)',
      }),
    ),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'French full-text search, or a reference' })),
    sort: Type.Optional(OneOf(queueSorts)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  { additionalProperties: false },
);
export type QueueQuery = Static<typeof QueueQuery>;

export const QueueItem = Type.Object({
  id: Id,
  reference: Type.String(),
  trackingCode: Type.String(),
  status: Status,
  phase: Phase,
  channel: Channel,
  priority: Priority,
  subject: Type.String(),
  category: NullableRef,
  department: NullableRef,
  assignee: NullableRef,
  requesterName: Nullable(Type.String()),
  receivedAt: Instant,
  dueAt: Nullable(Instant),
  updatedAt: Instant,
  overdue: Type.Boolean(),
  dueSoon: Type.Boolean({ description: 'Open and due within 2 days, not overdue' }),
  version: Type.Integer(),
});

export const QueuePage = Type.Object({
  items: Type.Array(QueueItem),
  total: Type.Integer({
    description: 'How many requests match; with `q`, counted up to 1000 (see `totalCapped`)',
  }),
  totalCapped: Type.Boolean({
    description: 'True when a search matches more than 1000 requests: only the 1000 most recent are ranked',
  }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

const Visibility = Type.Union([Type.Literal('public'), Type.Literal('internal')]);
const ActorKind = Type.Union([Type.Literal('citizen'), Type.Literal('agent'), Type.Literal('system')]);

export const TimelineEvent = Type.Object({
  id: Id,
  at: Instant,
  type: Type.String(),
  visibility: Visibility,
  actor: Type.Object({ id: Nullable(Id), name: Type.String(), kind: ActorKind }),
  body: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const AttachmentItem = Type.Object({
  id: Id,
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  visibility: Visibility,
  uploadedByKind: ActorKind,
  createdAt: Instant,
  downloadUrl: Type.String(),
});

export const OtherRequest = Type.Object({
  id: Id,
  reference: Type.String(),
  status: Status,
  subject: Type.String(),
  receivedAt: Instant,
  category: NullableRef,
});

const PostalAddressView = Type.Object({
  line1: Type.String(),
  line2: Type.Optional(Type.String()),
  postcode: Type.String(),
  city: Type.String(),
});

export const RequestForAgent = Type.Object({
  ...QueueItem.properties,
  description: Type.String(),
  location: Type.Object({
    address: Nullable(Type.String()),
    latitude: Nullable(Type.Number()),
    longitude: Nullable(Type.Number()),
  }),
  duplicateOf: Nullable(Type.Object({ id: Id, reference: Type.String() })),
  rejectionReason: Nullable(Type.String()),
  satisfaction: Nullable(Type.Object({ rating: Type.Integer(), comment: Nullable(Type.String()) })),
  qualifiedAt: Nullable(Instant),
  treatmentStartedAt: Nullable(Instant),
  answeredAt: Nullable(Instant),
  closedAt: Nullable(Instant),
  allowedTransitions: Type.Array(Status),
  timeline: Type.Array(TimelineEvent),
  attachments: Type.Array(AttachmentItem),
  requester: Type.Object({
    citizenId: Nullable(Id),
    name: Nullable(Type.String()),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    postalAddress: Nullable(PostalAddressView),
    otherRequests: Type.Array(OtherRequest),
  }),
});

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
    firstName: NameSchema,
    lastName: NameSchema,
    email: Type.String({ format: 'email', maxLength: 254 }),
    phone: Type.Optional(PhoneSchema),
    postalAddress: Type.Optional(PostalAddressSchema),
  },
  { additionalProperties: false },
);
export type CreateCitizenBody = Static<typeof CreateCitizenBody>;

export const DeskContactInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(PhoneSchema),
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

export const DepartmentItem = Type.Object({ id: Id, name: Type.String(), parentId: Nullable(Id) });

export const AssigneeQuery = Type.Object(
  { departmentId: Type.Optional(Id) },
  { additionalProperties: false },
);

export const AssigneeItem = Type.Object({ id: Id, name: Type.String(), departmentIds: Type.Array(Id) });
