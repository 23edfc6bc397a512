import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { readSecurity, writeSecurity } from '../../../platform/http/openapi-security';
import { ProblemSchema } from '../../../platform/http/problem.schemas';
import { principalOf } from '../../../platform/http/request-context';
import {
  ActionParams,
  ActionResult,
  actionTags as tags,
  AgentMessageBody,
  AssignBody,
  BulkBody,
  BulkResult,
  DuplicateSuggestion,
  NoteBody,
  QualifyBody,
  TimelineWriteResult,
  TransitionBody,
} from './actions.schemas';
import { addAgentMessage } from './actions/add-agent-message';
import { addInternalNote } from './actions/add-internal-note';
import { assignRequest } from './actions/assign-request';
import { applyBulkAction } from './actions/bulk-action';
import { qualifyRequest } from './actions/qualify-request';
import { suggestDuplicates } from './actions/suggest-duplicates';
import { transitionRequest } from './actions/transition-request';

const problems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

const versionNote = 'With `version`, a request changed since answers 409 REQUEST_CHANGED.';

/** Back-office actions on requests: qualify, assign, move along the lifecycle, write, in bulk. */
export const backofficeActionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/backoffice/requests/:id/qualify',
    {
      schema: {
        tags,
        summary: 'Qualify a received request (category, department, priority) or mark it a duplicate',
        description:
          'From `received` only: sets the classification, recomputes the due date from the category’s ' +
          'deadline (business days from receipt) and moves to `qualified`; with `duplicateOf`, to ' +
          `\`duplicate\` linked to that request instead. ${versionNote}`,
        security: writeSecurity,
        params: ActionParams,
        body: QualifyBody,
        response: { 200: ActionResult, ...problems },
      },
    },
    async (request) =>
      qualifyRequest(app.ctx, principalOf(request), {
        requestId: request.params.id,
        ...request.body,
      }),
  );

  app.post(
    '/backoffice/requests/:id/assign',
    {
      schema: {
        tags,
        summary: 'Entrust a request to an agent (null unassigns)',
        description:
          'The agent must be an active agent of the town; an administrator or a manager may assign ' +
          'anyone, other agents themselves or a member of the request’s department. Assigning a ' +
          '`qualified` request moves it to `in_progress`; a finished one answers 409 REQUEST_CLOSED. ' +
          versionNote,
        security: writeSecurity,
        params: ActionParams,
        body: AssignBody,
        response: { 200: ActionResult, ...problems },
      },
    },
    async (request) =>
      assignRequest(app.ctx, principalOf(request), {
        requestId: request.params.id,
        ...request.body,
      }),
  );

  app.post(
    '/backoffice/requests/:id/transition',
    {
      schema: {
        tags,
        summary: 'Change the status of a request along the lifecycle',
        description:
          'A change the lifecycle forbids answers 409 TRANSITION_NOT_ALLOWED with `allowed`. `reason` ' +
          'is required to reject (the citizen sees it) and to reopen a closed request; `duplicateOf` ' +
          `to mark a duplicate; \`comment\` is kept as an internal note. ${versionNote}`,
        security: writeSecurity,
        params: ActionParams,
        body: TransitionBody,
        response: { 200: ActionResult, ...problems },
      },
    },
    async (request) =>
      transitionRequest(app.ctx, principalOf(request), {
        requestId: request.params.id,
        ...request.body,
      }),
  );

  app.post(
    '/backoffice/requests/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add an internal note (agents only)',
        description: versionNote,
        security: writeSecurity,
        params: ActionParams,
        body: NoteBody,
        response: { 201: TimelineWriteResult, ...problems },
      },
    },
    async (request, reply) => {
      const result = await addInternalNote(app.ctx, principalOf(request), {
        requestId: request.params.id,
        ...request.body,
      });
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/backoffice/requests/:id/messages',
    {
      schema: {
        tags,
        summary: 'Write to the citizen (public), or answer with `isAnswer`',
        description:
          'The citizen is e-mailed the text when an address is known. `isAnswer` moves the request ' +
          `to \`answered\`. ${versionNote}`,
        security: writeSecurity,
        params: ActionParams,
        body: AgentMessageBody,
        response: { 201: TimelineWriteResult, ...problems },
      },
    },
    async (request, reply) => {
      const result = await addAgentMessage(app.ctx, principalOf(request), {
        requestId: request.params.id,
        ...request.body,
      });
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/backoffice/requests/bulk',
    {
      schema: {
        tags,
        summary: 'Assign or change the status of several requests, each on its own',
        description:
          'Each request is changed in its own transaction; the result says, per id, whether it ' +
          'worked or why not (an id outside the agent’s scope reports REQUEST_NOT_FOUND).',
        security: writeSecurity,
        body: BulkBody,
        response: { 200: BulkResult, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => applyBulkAction(app.ctx, principalOf(request), request.body),
  );

  app.get(
    '/backoffice/requests/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Suggested duplicates of a request (same place or similar text), best first',
        security: readSecurity,
        params: ActionParams,
        response: {
          200: Type.Array(DuplicateSuggestion),
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const suggestions = await suggestDuplicates(app.ctx, principalOf(request), request.params.id);
      return suggestions.map((suggestion) => ({
        ...suggestion,
        receivedAt: suggestion.receivedAt.toISOString(),
      }));
    },
  );
};
