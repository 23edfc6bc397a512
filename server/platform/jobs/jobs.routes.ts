// PLACEHOLDER: routes to be written.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const jobsRoutes: FastifyPluginAsyncTypebox = async () => {};
