import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { type Static, Type } from 'typebox';
import { readSecurity } from '../../platform/http/openapi-security';
import { ProblemSchema } from '../../platform/http/problem.schemas';
import { principalOf, requireAgent } from '../../platform/http/request-context';
import { requestIdOfInbound } from './inbound-subject';
import type { InboundMessage } from './inbound.repository';
import { listInboundMessages, openRawInboundMessage } from './inbound.use-cases';

export const InboundOutcomeSchema = Type.Union(
  [
    Type.Literal('pending'),
    Type.Literal('request_created'),
    Type.Literal('reply'),
    Type.Literal('bounce'),
    Type.Literal('auto_reply'),
    Type.Literal('opt_out'),
    Type.Literal('rejected'),
  ],
  {
    description:
      'pending: not handled yet (or handling failed, see reason); request_created; reply (on a request); ' +
      'bounce (delivery status notification); auto_reply (ignored); opt_out (SMS STOP); rejected (see reason)',
  },
);

const ChannelSchema = Type.Union([Type.Literal('email'), Type.Literal('sms')]);

export const InboundMessageViewSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    channel: ChannelSchema,
    source: Type.String({ description: 'smtp, imap, smpp or http' }),
    sender: Type.Union([Type.String(), Type.Null()]),
    recipient: Type.Union([Type.String(), Type.Null()]),
    subject: Type.Union([Type.String(), Type.Null()]),
    externalId: Type.Union([Type.String(), Type.Null()], { description: 'Message-ID or SMSC id' }),
    sizeBytes: Type.Integer(),
    hasRaw: Type.Boolean({ description: 'The raw message can be downloaded' }),
    outcome: InboundOutcomeSchema,
    outcomeReason: Type.Union([Type.String(), Type.Null()]),
    requestId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    requestReference: Type.Union([Type.String(), Type.Null()]),
    receivedAt: Type.String({ format: 'date-time' }),
    processedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'InboundMessageView' },
);
export type InboundMessageView = Static<typeof InboundMessageViewSchema>;

const ListQuerySchema = Type.Object({
  channel: Type.Optional(ChannelSchema),
  outcome: Type.Optional(InboundOutcomeSchema),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});

const ListSchema = Type.Object({
  items: Type.Array(InboundMessageViewSchema),
  total: Type.Integer({ description: 'Messages matching the filter, all pages together' }),
});

const ParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

const RawDownload = {
  description: 'The message as received (RFC 5322), to open in a mail program',
  content: { 'message/rfc822': { schema: Type.String({ format: 'binary' }) } },
};

function toView(row: InboundMessage, references: Map<string, string>): InboundMessageView {
  return {
    id: row.id,
    channel: row.channel,
    source: row.source,
    sender: row.sender,
    recipient: row.recipient,
    subject: row.subject,
    externalId: row.externalId,
    sizeBytes: row.sizeBytes,
    hasRaw: row.rawStorageKey !== null,
    outcome: row.outcome,
    outcomeReason: row.outcomeReason,
    requestId: requestIdOfInbound(row),
    requestReference: references.get(requestIdOfInbound(row) ?? '') ?? null,
    receivedAt: row.receivedAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
  };
}

/**
 * Administrators inspect what came in by e-mail and SMS and what became of it (request, reply,
 * bounce, auto-reply, opt-out, rejected with its reason), and download a raw message.
 */
export const inboundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/inbound-messages',
    {
      schema: {
        tags: ['admin', 'messaging'],
        summary: 'Inbound e-mails and SMS of this town with their outcome, newest first',
        security: readSecurity,
        querystring: ListQuerySchema,
        response: { 200: ListSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => {
      requireAgent(request, ['admin']);
      const { items, total, references } = await listInboundMessages(app.ctx, principalOf(request), {
        channel: request.query.channel,
        outcome: request.query.outcome,
        page: request.query.page,
        pageSize: request.query.pageSize,
      });
      return { items: items.map((item) => toView(item, references)), total };
    },
  );

  app.get(
    '/admin/inbound-messages/:id/raw',
    {
      schema: {
        tags: ['admin', 'messaging'],
        summary: 'Download an inbound e-mail as received (.eml)',
        security: readSecurity,
        params: ParamsSchema,
        response: {
          200: RawDownload,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      requireAgent(request, ['admin']);
      const { message, stream } = await openRawInboundMessage(
        app.ctx,
        principalOf(request),
        request.params.id,
      );
      return sendRaw(reply, message, stream);
    },
  );
};

function sendRaw(reply: FastifyReply, row: InboundMessage, stream: Readable) {
  return reply
    .header('content-type', row.channel === 'email' ? 'message/rfc822' : 'text/plain; charset=utf-8')
    .header(
      'content-disposition',
      `attachment; filename="message-${row.id}.${row.channel === 'email' ? 'eml' : 'txt'}"`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(stream);
}
