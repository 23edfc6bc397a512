import { principalOf } from '../../platform/http/request-context';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readSecurity, writeSecurity } from '../../platform/http/openapi-security';
import { requireAgentManager } from './accounts.policy';
import {
  AcceptedReply,
  AgentIdParams,
  AgentListReply,
  AgentReply,
  InviteAgentBody,
  UpdateAgentBody,
} from './accounts.schemas';
import { inviteAgent } from './use-cases/invite-agent';
import { listAgents } from './use-cases/list-agents';
import { resendInvitation } from './use-cases/resend-invitation';
import { updateAgent } from './use-cases/update-agent';
import { toAgentView } from './user-view';
import { findDepartmentIdsOfUser } from './users.repository';

const tags = ['agents'];

/** Administration of the town's agents: invitation, roles, departments, deactivation. */
export const agentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/agents',
    {
      schema: {
        tags,
        summary: 'List the agents of the town',
        security: readSecurity,
        response: { 200: AgentListReply },
      },
    },
    async (request) => {
      requireAgentManager(request);
      return { items: await listAgents(app.ctx, principalOf(request)) };
    },
  );

  app.post(
    '/admin/agents',
    {
      schema: {
        tags,
        summary: 'Invite an agent (sends the invitation mail)',
        security: writeSecurity,
        body: InviteAgentBody,
        response: { 201: AgentReply },
      },
    },
    async (request, reply) => {
      requireAgentManager(request);
      const agent = await inviteAgent(app.ctx, principalOf(request), {
        ...request.body,
      });
      const departmentIds = await findDepartmentIdsOfUser(app.ctx.db, agent.tenantId, agent.id);
      return reply.code(201).send({ agent: toAgentView(agent, departmentIds) });
    },
  );

  app.patch(
    '/admin/agents/:id',
    {
      schema: {
        tags,
        summary: 'Change an agent’s name, roles, departments or activity',
        security: writeSecurity,
        params: AgentIdParams,
        body: UpdateAgentBody,
        response: { 200: AgentReply },
      },
    },
    async (request) => {
      requireAgentManager(request);
      const agent = await updateAgent(app.ctx, principalOf(request), {
        agentId: request.params.id,
        changes: request.body,
      });
      return { agent };
    },
  );

  app.post(
    '/admin/agents/:id/invitation',
    {
      schema: {
        tags,
        summary: 'Send the invitation mail again',
        security: writeSecurity,
        params: AgentIdParams,
        response: { 202: AcceptedReply },
      },
    },
    async (request, reply) => {
      requireAgentManager(request);
      await resendInvitation(app.ctx, principalOf(request), {
        agentId: request.params.id,
      });
      return reply.code(202).send({});
    },
  );
};
