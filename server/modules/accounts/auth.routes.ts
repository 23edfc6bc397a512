import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context';
import { readSecurity, writeSecurity } from '../../platform/http/openapi-security';
import { principalOf, requireUser } from '../../platform/http/request-context';
import {
  AcceptedReply,
  EmailBody,
  EmptyReply,
  InvitationReply,
  LoginBody,
  RegisterBody,
  SessionReply,
  TokenBody,
  TokenPasswordBody,
  TokenQuery,
  UserReply,
} from './accounts.schemas';
import { closeAllSessions, closeSession, openSession, sessionCookieName } from './sessions';
import { acceptInvitation } from './use-cases/accept-invitation';
import { confirmEmail } from './use-cases/confirm-email';
import { getInvitation } from './use-cases/get-invitation';
import { logIn } from './use-cases/log-in';
import { registerCitizen } from './use-cases/register-citizen';
import { requestPasswordReset } from './use-cases/request-password-reset';
import { resendConfirmation } from './use-cases/resend-confirmation';
import { resetPassword } from './use-cases/reset-password';
import { getUserView, toUserView, viewWithDepartments } from './user-view';
import type { User } from './users.repository';

const tags = ['accounts'];

/** Opens a session for `user` and answers with the account and the session's CSRF token. */
async function openSessionReply(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, user: User) {
  const { csrfToken } = await openSession(ctx, request, reply, user);
  return { user: await viewWithDepartments(ctx.db, user), csrfToken };
}

/** Registration, e-mail confirmation, login and sessions, password reset, invitations. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/register',
    {
      schema: {
        tags,
        summary: 'Create a citizen account (sends the confirmation mail)',
        body: RegisterBody,
        response: { 201: UserReply },
      },
    },
    async (request, reply) => {
      const user = await registerCitizen(app.ctx, principalOf(request), { ...request.body });
      return reply.code(201).send({ user: toUserView(user, []) });
    },
  );

  app.post(
    '/auth/confirm-email',
    {
      schema: {
        tags,
        summary: 'Confirm an e-mail address with the mailed token',
        body: TokenBody,
        response: { 200: UserReply },
      },
    },
    async (request) => {
      const user = await confirmEmail(app.ctx, principalOf(request), { token: request.body.token });
      return { user: await viewWithDepartments(app.ctx.db, user) };
    },
  );

  app.post(
    '/auth/resend-confirmation',
    {
      schema: {
        tags,
        summary: 'Send the confirmation mail again (always 202)',
        body: EmailBody,
        response: { 202: AcceptedReply },
      },
    },
    async (request, reply) => {
      await resendConfirmation(app.ctx, principalOf(request), { email: request.body.email });
      return reply.code(202).send({});
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Log in with e-mail and password; sets the session cookie',
        body: LoginBody,
        response: { 200: SessionReply },
      },
    },
    async (request, reply) => {
      const user = await logIn(app.ctx, principalOf(request), {
        ipAddress: request.ip,
        ...request.body,
      });
      return openSessionReply(app.ctx, request, reply, user);
    },
  );

  app.get(
    '/auth/session',
    {
      schema: {
        tags,
        summary: 'The current session: account and CSRF token',
        description:
          'Answers 204 when there is no valid session (none, expired, revoked or of another town): ' +
          'every page asks on load, and an anonymous visit is not an error.',
        security: readSecurity,
        response: { 200: SessionReply, 204: EmptyReply },
      },
    },
    async (request, reply) => {
      if (!request.session) return reply.code(204).send(null);
      const user = requireUser(request);
      return {
        user: await getUserView(app.ctx.db, request.tenant.id, user.id),
        csrfToken: request.session.csrfToken,
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags, summary: 'End this session', security: writeSecurity, response: { 204: EmptyReply } },
    },
    async (request, reply) => {
      await closeSession(app.ctx, request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout-everywhere',
    {
      schema: {
        tags,
        summary: 'End every session of the account',
        security: writeSecurity,
        response: { 204: EmptyReply },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await closeAllSessions(app.ctx.db, request.tenant.id, user.id);
      reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/password/forgot',
    {
      schema: {
        tags,
        summary: 'Mail a password-reset link (always 202, no hint)',
        body: EmailBody,
        response: { 202: AcceptedReply },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(app.ctx, principalOf(request), { email: request.body.email });
      return reply.code(202).send({});
    },
  );

  app.post(
    '/auth/password/reset',
    {
      schema: {
        tags,
        summary: 'Set a new password with the mailed token; ends every session',
        body: TokenPasswordBody,
        response: { 200: AcceptedReply },
      },
    },
    async (request) => {
      await resetPassword(app.ctx, principalOf(request), { ...request.body });
      return {};
    },
  );

  app.get(
    '/auth/invitation',
    {
      schema: {
        tags,
        summary: 'Who an agent invitation is for',
        querystring: TokenQuery,
        response: { 200: InvitationReply },
      },
    },
    async (request) => getInvitation(app.ctx, principalOf(request), { token: request.query.token }),
  );

  app.post(
    '/auth/invitation/accept',
    {
      schema: {
        tags,
        summary: 'Accept an invitation: choose a password and log in',
        body: TokenPasswordBody,
        response: { 200: SessionReply },
      },
    },
    async (request, reply) => {
      const user = await acceptInvitation(app.ctx, principalOf(request), { ...request.body });
      return openSessionReply(app.ctx, request, reply, user);
    },
  );
};
