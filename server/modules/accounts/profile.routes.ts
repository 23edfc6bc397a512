import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readSecurity, writeSecurity } from '../../platform/http/openapi-security';
import { principalOf, requireUser } from '../../platform/http/request-context';
import { ChangePasswordBody, EmptyReply, ProfileBody, UserReply } from './accounts.schemas';
import { changePassword } from './use-cases/change-password';
import { updateProfile } from './use-cases/update-profile';
import { getUserView, viewWithDepartments } from './user-view';

const tags = ['accounts'];

/** The logged-in account's own profile and password. */
export const profileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    { schema: { tags, summary: 'My account', security: readSecurity, response: { 200: UserReply } } },
    async (request) => {
      const user = requireUser(request);
      return { user: await getUserView(app.ctx.db, request.tenant.id, user.id) };
    },
  );

  app.patch(
    '/me',
    {
      schema: {
        tags,
        summary: 'Edit my name, phone, postal address or preferred channel',
        security: writeSecurity,
        body: ProfileBody,
        response: { 200: UserReply },
      },
    },
    async (request) => {
      requireUser(request);
      const updated = await updateProfile(app.ctx, principalOf(request), {
        changes: request.body,
      });
      return { user: await viewWithDepartments(app.ctx.db, updated) };
    },
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags,
        summary: 'Change my password (ends my other sessions)',
        security: writeSecurity,
        body: ChangePasswordBody,
        response: { 204: EmptyReply },
      },
    },
    async (request, reply) => {
      requireUser(request);
      await changePassword(app.ctx, principalOf(request), {
        sessionId: request.session!.id,
        ipAddress: request.ip,
        ...request.body,
      });
      return reply.code(204).send(null);
    },
  );
};
