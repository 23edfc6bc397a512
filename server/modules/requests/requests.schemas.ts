import { type Static, Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable';
import { type RequestPhase, requestPhases, type RequestStatus, requestStatuses } from './lifecycle';
import { descriptionMaxLength, subjectMaxLength, subjectMinLength } from '../../../common/requests';

/** TypeBox schemas of the citizen requests API (intake, own requests, public tracking). */

export const tags = ['requests'];

const Id = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
export const Status = Type.Unsafe<RequestStatus>({ type: 'string', enum: [...requestStatuses] });
const Phase = Type.Unsafe<RequestPhase>({ type: 'string', enum: [...requestPhases] });

export { subjectMaxLength, subjectMinLength };
export const messageMaxLength = 10_000;

export const IdParams = Type.Object({ id: Id });
export const TrackingParams = Type.Object({ trackingCode: Type.String({ minLength: 1, maxLength: 40 }) });

export const LocationInput = Type.Object(
  {
    address: Type.Optional(Type.String({ maxLength: 500 })),
    latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  },
  { additionalProperties: false },
);

export const ContactInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9][0-9 .()-]{5,24}$' })),
  },
  { additionalProperties: false },
);

export const SubmitRequestBody = Type.Object(
  {
    categoryId: Id,
    subject: Type.String({ minLength: subjectMinLength, maxLength: subjectMaxLength }),
    description: Type.String({ minLength: 1, maxLength: descriptionMaxLength }),
    location: Type.Optional(LocationInput),
    /** Required when nobody is logged in: a name and an e-mail or a phone number. */
    contact: Type.Optional(ContactInput),
  },
  { additionalProperties: false },
);
export type SubmitRequestBody = Static<typeof SubmitRequestBody>;

export const SubmittedRequest = Type.Object({
  id: Id,
  reference: Type.String(),
  trackingCode: Type.String(),
  status: Status,
  dueAt: Nullable(Instant),
});

export const CitizenMessageBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: messageMaxLength }) },
  { additionalProperties: false },
);

export const TimelineEntry = Type.Object({
  at: Instant,
  type: Type.String(),
  text: Type.String(),
});

const CategorySummary = Nullable(Type.Object({ id: Id, name: Type.String() }));

export const RequestSummary = Type.Object({
  id: Id,
  reference: Type.String(),
  trackingCode: Type.String(),
  status: Status,
  phase: Phase,
  category: CategorySummary,
  subject: Type.String(),
  createdAt: Instant,
  updatedAt: Instant,
  dueAt: Nullable(Instant),
});

export const RequestDetail = Type.Object({
  ...RequestSummary.properties,
  description: Type.String(),
  location: Type.Object({
    address: Nullable(Type.String()),
    latitude: Nullable(Type.Number()),
    longitude: Nullable(Type.Number()),
  }),
  /** Public events only: the citizen never sees internal notes. */
  timeline: Type.Array(TimelineEntry),
  /** The citizen's rating once given (survey offered when the request closes). */
  satisfaction: Nullable(Type.Object({ rating: Type.Integer(), comment: Nullable(Type.String()) })),
  /** Closed and not rated yet: the page offers the satisfaction survey. */
  canRate: Type.Boolean(),
});

/** The public tracking page: no name, address, e-mail, phone or internal note, ever. */
export const TrackingView = Type.Object({
  reference: Type.String(),
  status: Status,
  phase: Phase,
  category: Nullable(Type.String()),
  createdAt: Instant,
  updatedAt: Instant,
  dueAt: Nullable(Instant),
  timeline: Type.Array(TimelineEntry),
  /** The rating only, never the comment (it may carry personal data). */
  satisfaction: Nullable(Type.Object({ rating: Type.Integer() })),
  /** Closed and not rated yet: the page offers the satisfaction survey. */
  canRate: Type.Boolean(),
});
