import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { readSecurity, writeSecurity } from '../../../platform/http/openapi-security';
import { invalidField } from '../../../platform/http/app-error';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { principalOf, requireAgent } from '../../../platform/http/request-context';
import type { deliveryStatuses, outboundChannels } from '../messaging.tables';
import { SubjectViewSchema } from '../subjects.schemas';
import { findMessages, retryMessage } from './messages-admin';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const StatusSchema = Type.Union(
  [
    Type.Literal('queued'),
    Type.Literal('sending'),
    Type.Literal('sent'),
    Type.Literal('delivered'),
    Type.Literal('failed'),
  ],
  { description: 'queued → sending (handed over, outcome unknown) → sent → delivered | failed' },
);
const ChannelSchema = Type.Union([
  Type.Literal('email'),
  Type.Literal('sms'),
  Type.Literal('letter'),
  Type.Literal('portal'),
]);

// The schemas and the table must list the same values.
const _sameStatuses: (typeof deliveryStatuses)[number] extends Static<typeof StatusSchema> ? true : never =
  true;
const _sameChannels: (typeof outboundChannels)[number] extends Static<typeof ChannelSchema> ? true : never =
  true;

export const MessageViewSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    channel: ChannelSchema,
    status: StatusSchema,
    toAddress: Nullable(Type.String()),
    subject: Type.String(),
    templateKey: Nullable(Type.String()),
    about: SubjectViewSchema,
    attempts: Type.Integer(),
    lastError: Nullable(Type.String()),
    providerMessageId: Nullable(Type.String({ description: 'SMTP Message-ID, SMSC id…' })),
    costCents: Type.Union([
      Type.Integer({ minimum: 0, description: 'Cents (unit cost × segments for an SMS)' }),
      Type.Null(),
    ]),
    segments: Type.Union([Type.Integer(), Type.Null()]),
    fallbackOfId: Nullable(
      Type.String({ format: 'uuid', description: 'The failed message this one replaces' }),
    ),
    queuedAt: Type.String({ format: 'date-time' }),
    submittedAt: Nullable(Type.String({ format: 'date-time' })),
    sentAt: Nullable(Type.String({ format: 'date-time' })),
    deliveredAt: Nullable(Type.String({ format: 'date-time' })),
    failedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'OutboundMessageView' },
);

const ListQuerySchema = Type.Object({
  status: Type.Optional(StatusSchema),
  channel: Type.Optional(ChannelSchema),
  aboutType: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'request, account…' })),
  aboutId: Type.Optional(
    Type.String({ format: 'uuid', description: 'With aboutType: that subject’s messages' }),
  ),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});

/** Administrators see every message the town sent, and send dead letters back to the queue. */
export const outboundMessagesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/messages',
    {
      schema: {
        tags: ['admin', 'messaging'],
        summary: 'Messages sent by the town, newest first (status=failed: the dead letters)',
        security: readSecurity,
        querystring: ListQuerySchema,
        response: {
          200: Type.Object({ items: Type.Array(MessageViewSchema), total: Type.Integer() }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (request) => {
      requireAgent(request, ['admin']);
      const { aboutType, aboutId, ...query } = request.query;
      if ((aboutType === undefined) !== (aboutId === undefined)) {
        throw invalidField(
          aboutType === undefined ? 'aboutType' : 'aboutId',
          'aboutType and aboutId go together',
        );
      }
      return findMessages(app.ctx, principalOf(request), {
        ...query,
        ...(aboutType && aboutId ? { subject: { type: aboutType, id: aboutId } } : {}),
      });
    },
  );

  app.post(
    '/admin/messages/:id/retry',
    {
      schema: {
        tags: ['admin', 'messaging'],
        summary: 'Send a failed message back to the queue',
        security: writeSecurity,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: MessageViewSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
        },
      },
    },
    async (request) => {
      requireAgent(request, ['admin']);
      return retryMessage(app.ctx, principalOf(request), { messageId: request.params.id });
    },
  );
};
