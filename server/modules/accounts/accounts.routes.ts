import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { agentsRoutes } from './agents.routes';
import { authRoutes } from './auth.routes';
import { profileRoutes } from './profile.routes';

/** The accounts module's HTTP API (registered under /api/v1). */
export const accountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(authRoutes);
  await app.register(profileRoutes);
  await app.register(agentsRoutes);
};
