import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readSecurity, writeSecurity } from '../../../platform/http/openapi-security';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { principalOf, requireAgent } from '../../../platform/http/request-context';
import {
  listTemplates,
  previewTemplate,
  resetTemplate,
  saveTemplate,
  sendTestTemplate,
} from './template-admin';

const TemplateTextSchema = Type.Object({
  subject: Type.String({ maxLength: 200, description: 'With {{variables}}' }),
  body: Type.String({ maxLength: 10_000, description: 'Plain text with {{variables}}; HTML is derived' }),
  shortBody: Type.Union([Type.String({ maxLength: 480 }), Type.Null()], {
    description: 'For SMS and portal notifications; null uses the body',
  }),
});

const TemplateViewSchema = Type.Object(
  {
    key: Type.String(),
    label: Type.String(),
    variables: Type.Array(Type.String(), { description: 'Variables this template may use' }),
    subject: Type.String(),
    body: Type.String(),
    shortBody: Type.Union([Type.String(), Type.Null()]),
    isCustom: Type.Boolean({ description: 'The town changed the default wording' }),
    defaults: TemplateTextSchema,
    updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'MessageTemplateView' },
);

const KeyParamsSchema = Type.Object({ key: Type.String({ pattern: '^[a-z_]{1,64}$' }) });

const PreviewBodySchema = Type.Object({
  subject: Type.Optional(Type.String({ maxLength: 200 })),
  body: Type.Optional(Type.String({ maxLength: 10_000 })),
  shortBody: Type.Optional(Type.Union([Type.String({ maxLength: 480 }), Type.Null()])),
});

const PreviewSchema = Type.Object({
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
  short: Type.String(),
  variables: Type.Record(Type.String(), Type.String(), { description: 'The sample values used' }),
});

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/** Administrators edit the town's message templates, preview them and send themselves a test. */
export const messageTemplatesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/message-templates',
    {
      schema: {
        tags: ['admin', 'messaging'],
        summary: 'Every message template with the town’s wording (or the default)',
        security: readSecurity,
        response: { 200: Type.Object({ items: Type.Array(TemplateViewSchema) }), ...problems },
      },
    },
    async (request) => {
      requireAgent(request, ['admin']);
      return { items: await listTemplates(app.ctx, principalOf(request)) };
    },
  );

  app.put(
    '/admin/message-templates/:key',
    {
      schema: {
        tags: ['admin', 'messaging'],
        summary: 'Save the town’s wording of a template (unknown variables are refused)',
        security: writeSecurity,
        params: KeyParamsSchema,
        body: TemplateTextSchema,
        response: { 200: TemplateViewSchema, ...problems },
      },
    },
    async (request) => {
      requireAgent(request, ['admin']);
      return saveTemplate(app.ctx, principalOf(request), { key: request.params.key, text: request.body });
    },
  );

  app.delete(
    '/admin/message-templates/:key',
    {
      schema: {
        tags: ['admin', 'messaging'],
        summary: 'Go back to the default wording of a template',
        security: writeSecurity,
        params: KeyParamsSchema,
        response: { 200: TemplateViewSchema, ...problems },
      },
    },
    async (request) => {
      requireAgent(request, ['admin']);
      return resetTemplate(app.ctx, principalOf(request), { key: request.params.key });
    },
  );

  app.post(
    '/admin/message-templates/:key/preview',
    {
      schema: {
        tags: ['admin', 'messaging'],
        summary: 'Render a template (a draft, or the saved wording) with sample variables',
        security: writeSecurity,
        params: KeyParamsSchema,
        body: PreviewBodySchema,
        response: { 200: PreviewSchema, ...problems },
      },
    },
    async (request) => {
      requireAgent(request, ['admin']);
      return previewTemplate(app.ctx, principalOf(request), {
        key: request.params.key,
        draft: request.body,
        townName: request.tenant.name,
      });
    },
  );

  app.post(
    '/admin/message-templates/:key/test',
    {
      schema: {
        tags: ['admin', 'messaging'],
        summary: 'Send the saved template, with sample variables, to the administrator’s own e-mail',
        security: writeSecurity,
        params: KeyParamsSchema,
        response: {
          202: Type.Object({ messageId: Type.String({ format: 'uuid' }) }),
          ...problems,
          409: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const admin = requireAgent(request, ['admin']);
      const result = await sendTestTemplate(app.ctx, principalOf(request), {
        key: request.params.key,
        email: admin.email,
        townName: request.tenant.name,
      });
      return reply.code(202).send(result);
    },
  );
};
