import { type Static, Type } from 'typebox';
import { Instant, Nullable, OneOf, Uuid } from '../../../../common/schemas';
import { TimelineEventSchema } from '../../../../common/timeline-events';
import { type RequestPhase, requestPhases, type RequestStatus, requestStatuses } from '../lifecycle';
import { requestChannels, requestPriorities } from '../requests.tables';

/** TypeBox schemas of the back office's read side: queue, request detail, directory. */

export const tags = ['backoffice'];

export const Id = Uuid;
export { Instant };
export const Status = Type.Unsafe<RequestStatus>({ type: 'string', enum: [...requestStatuses] });
const Phase = Type.Unsafe<RequestPhase>({ type: 'string', enum: [...requestPhases] });
export const Channel = OneOf(requestChannels);
export const Priority = OneOf(requestPriorities);

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

/** One timeline event as agents read it: one schema per event type (common/timeline-events.ts). */
export const TimelineEvent = TimelineEventSchema;

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

export const PostalAddressView = Type.Object({
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

export const DepartmentItem = Type.Object({ id: Id, name: Type.String(), parentId: Nullable(Id) });

export const AssigneeQuery = Type.Object(
  { departmentId: Type.Optional(Id) },
  { additionalProperties: false },
);

export const AssigneeItem = Type.Object({ id: Id, name: Type.String(), departmentIds: Type.Array(Id) });
