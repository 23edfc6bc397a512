import { Type } from 'typebox';
import { Nullable } from '../../../platform/http/nullable';
import { messageMaxLength, Status } from '../requests.schemas';
import { requestPriorities, type RequestPriority } from '../requests.tables';

/** TypeBox schemas of the back-office actions on requests (qualify, assign, transition, notes…). */

export const actionTags = ['backoffice'];

const Id = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const Priority = Type.Unsafe<RequestPriority>({ type: 'string', enum: [...requestPriorities] });
const Ref = Type.Object({ id: Id, name: Type.String() });

export const reasonMaxLength = 2_000;

const Version = Type.Optional(
  Type.Integer({
    minimum: 1,
    description: 'The version the agent saw; if the request changed since, 409 REQUEST_CHANGED.',
  }),
);
const Comment = Type.Optional(
  Type.String({ maxLength: messageMaxLength, description: 'Internal remark, kept as an internal note.' }),
);
const Reason = Type.Optional(
  Type.String({
    maxLength: reasonMaxLength,
    description: 'Required to reject (shown to the citizen) and to reopen a closed request.',
  }),
);

export const ActionParams = Type.Object({ id: Id });

export const QualifyBody = Type.Object(
  {
    categoryId: Id,
    departmentId: Id,
    priority: Priority,
    duplicateOf: Type.Optional(Id),
    version: Version,
  },
  { additionalProperties: false },
);

export const AssignBody = Type.Object(
  { agentId: Nullable(Id), version: Version },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  { status: Status, comment: Comment, reason: Reason, duplicateOf: Type.Optional(Id), version: Version },
  { additionalProperties: false },
);

export const NoteBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: messageMaxLength }), version: Version },
  { additionalProperties: false },
);

export const AgentMessageBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: messageMaxLength }),
    isAnswer: Type.Optional(Type.Boolean()),
    version: Version,
  },
  { additionalProperties: false },
);

export const BulkBody = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: 200, uniqueItems: true }),
    action: Type.Union([Type.Literal('assign'), Type.Literal('transition')]),
    agentId: Type.Optional(Nullable(Id)),
    status: Type.Optional(Status),
    comment: Comment,
    reason: Reason,
  },
  { additionalProperties: false },
);

export const ActionResult = Type.Object({
  id: Id,
  status: Status,
  version: Type.Integer(),
  assigneeId: Nullable(Id),
  departmentId: Nullable(Id),
  dueAt: Nullable(Instant),
});

export const TimelineWriteResult = Type.Object({
  eventId: Id,
  id: Id,
  status: Status,
  version: Type.Integer(),
});

export const BulkResult = Type.Object({
  results: Type.Array(
    Type.Object({
      id: Id,
      ok: Type.Boolean(),
      status: Type.Optional(Status),
      error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
    }),
  ),
});

export const DuplicateSuggestion = Type.Object({
  id: Id,
  reference: Type.String(),
  subject: Type.String(),
  status: Status,
  receivedAt: Instant,
  category: Nullable(Ref),
  distanceMeters: Nullable(Type.Number()),
  similarity: Type.Number(),
});
