import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, invalidField } from '../../../platform/http/app-error';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { recordDeliveryStatus } from '../delivery-status';
import { inboundOutcomes, outboundMessages } from '../messaging.tables';
import { normalisePhoneNumber } from './phone-number';
import { handleInboundSms } from './inbound-sms';
import { startSmppGateways, stopSmppGateways } from './smpp-gateway';

/** The HTTP SMS gateway calls these with `Authorization: Bearer <SMS_WEBHOOK_TOKEN>`. */
const gatewaySecurity = [{ smsGatewayToken: [] }];

function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function requireGatewayToken(request: FastifyRequest, expected: string | undefined) {
  if (!expected)
    throw new AppError('SERVICE_UNAVAILABLE', 'SMS webhooks are disabled (SMS_WEBHOOK_TOKEN is not set).');
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match || !sameToken(match[1]!.trim(), expected)) {
    throw new AppError('UNAUTHENTICATED', 'The SMS gateway token is missing or wrong.');
  }
}

const InboundSmsBody = Type.Object(
  {
    from: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'Sender number (E.164, national or international)',
    }),
    to: Type.Optional(Type.String({ maxLength: 40, description: 'The town’s number the SMS was sent to' })),
    text: Type.String({ maxLength: 40_000 }),
    id: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'The gateway’s id (deduplication)' }),
    ),
  },
  { additionalProperties: true },
);

const InboundSmsResult = Type.Object({
  inboundMessageId: Type.String({ format: 'uuid' }),
  outcome: Type.Unsafe<string>({ type: 'string', enum: [...inboundOutcomes] }),
  reason: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  duplicate: Type.Boolean(),
});

const StatusBody = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The gateway’s message id, or our reference',
    }),
    status: Type.String({
      minLength: 1,
      maxLength: 40,
      description:
        'delivered | failed (also DELIVRD, UNDELIV, EXPIRED, REJECTD; other values are intermediate)',
    }),
    error: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: true },
);

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function statusOutcome(status: string): 'delivered' | 'failed' | null {
  const word = status.trim().toUpperCase();
  if (['DELIVERED', 'DELIVRD'].includes(word)) return 'delivered';
  if (['FAILED', 'UNDELIV', 'UNDELIVERABLE', 'EXPIRED', 'REJECTD', 'REJECTED', 'DELETED'].includes(word))
    return 'failed';
  return null;
}

/**
 * SMS webhooks of the HTTP gateway (incoming SMS, delivery reports), and the SMPP link's life:
 * SMPP_URL (and, in a worker, each town's own SMPP settings) bound when the app is ready, every
 * link unbound when it closes.
 */
export const smsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onReady', async () => {
    await startSmppGateways(app.ctx, { log: app.log });
  });
  app.addHook('onClose', async () => {
    await stopSmppGateways(app.ctx);
  });

  app.post(
    '/sms/inbound',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Incoming SMS from the HTTP gateway: STOP, a reply on an open request, or a new request',
        security: gatewaySecurity,
        body: InboundSmsBody,
        response: { 200: InboundSmsResult, 400: ProblemSchema, 401: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request) => {
      requireGatewayToken(request, app.ctx.config.smsWebhookToken);
      const result = await handleInboundSms(app.ctx, {
        tenantId: request.tenant.id,
        source: 'http',
        from: request.body.from,
        to: request.body.to ?? null,
        text: request.body.text,
        externalId: request.body.id ?? null,
      });
      // Recorded (visible to administrators) and refused: the gateway should not send it again.
      if (result.outcome === 'rejected' && !normalisePhoneNumber(request.body.from)) {
        throw invalidField('from', `is not a valid phone number (${request.body.from})`);
      }
      return result;
    },
  );

  app.post(
    '/sms/status',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Delivery report of the HTTP gateway for an SMS it sent',
        security: gatewaySecurity,
        body: StatusBody,
        response: {
          200: Type.Object({
            messageId: Type.String({ format: 'uuid' }),
            recorded: Type.Boolean({ description: 'False for an intermediate status (nothing changes)' }),
          }),
          400: ProblemSchema,
          401: ProblemSchema,
          404: ProblemSchema,
          503: ProblemSchema,
        },
      },
    },
    async (request) => {
      requireGatewayToken(request, app.ctx.config.smsWebhookToken);
      const tenantId = request.tenant.id;
      const sms = and(eq(outboundMessages.tenantId, tenantId), eq(outboundMessages.channel, 'sms'));
      let [message] = await app.ctx.db
        .select({ id: outboundMessages.id, providerMessageId: outboundMessages.providerMessageId })
        .from(outboundMessages)
        .where(and(sms, eq(outboundMessages.providerMessageId, request.body.id)))
        .limit(1);
      if (!message && uuidPattern.test(request.body.id)) {
        [message] = await app.ctx.db
          .select({ id: outboundMessages.id, providerMessageId: outboundMessages.providerMessageId })
          .from(outboundMessages)
          .where(and(sms, eq(outboundMessages.id, request.body.id)))
          .limit(1);
      }
      if (!message?.providerMessageId) throw new AppError('NOT_FOUND', 'No SMS has this id.');
      const outcome = statusOutcome(request.body.status);
      if (!outcome) return { messageId: message.id, recorded: false };
      await recordDeliveryStatus(
        app.ctx,
        {
          tenantId,
          providerMessageId: message.providerMessageId,
          status: outcome,
          error:
            outcome === 'failed' ? `Passerelle SMS : ${request.body.error ?? request.body.status}` : null,
        },
        { now: app.ctx.clock.now() },
      );
      return { messageId: message.id, recorded: true };
    },
  );
};
