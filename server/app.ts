import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext, AppModules } from './app-context';
import type { Config } from './config';
import { systemClock, type Clock } from './platform/clock';
import { openDatabase, type DatabaseHandle } from './platform/db/client';
import { createTenantQueryGuard, runTenantChecked } from './platform/db/tenant-guard';
import { eventsRoutes } from './platform/events/events.routes';
import { createEventBus } from './platform/events/event-bus';
import { healthRoutes } from './platform/http/health.routes';
import { registerInputGuards } from './platform/http/input-guards';
import { registerProblemJson } from './platform/http/problem-json';
import { createJobRunner, type JobRunnerOptions } from './platform/jobs/job-runner';
import { jobsRoutes } from './platform/jobs/jobs.routes';
import { createMailer, sendEmailJobType, type OutgoingEmail } from './platform/mail/mailer';
import {
  assertDistinctManifests,
  collectExtensions,
  type ModuleManifest,
} from './platform/modules/module-manifest';
import { applicationModules, tenantOwnedTables } from './modules';
import { createFileStore } from './platform/storage/file-store';
import { appVersion } from './version';

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

export interface BuildAppOptions {
  /** An already open (and migrated) database, shared by tests; otherwise opened from the config. */
  database?: DatabaseHandle;
  clock?: Clock;
  /** Write logs (off in tests unless LOG_LEVEL says otherwise). */
  logger?: boolean;
  /** Tests scope the worker to their own tenant on a shared database. */
  jobRunner?: Omit<JobRunnerOptions, 'log'>;
  /** The modules to assemble (default: all of Guichet's, see server/modules.ts). */
  modules?: readonly ModuleManifest[];
}

export type App = FastifyInstance & { ctx: AppContext };

/**
 * Builds the whole application: platform plugins first, then each module's routes.
 * Does not listen and does not start the worker: main.ts does that.
 */
export async function buildApp(config: Config, options: BuildAppOptions = {}): Promise<App> {
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: path.join(config.dataDir, 'pglite'),
      logger: config.tenantQueryGuard ? createTenantQueryGuard(tenantOwnedTables()) : undefined,
    }));
  if (ownsDatabase) await database.migrate();

  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: config.publicUrl.startsWith('https://'),
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const manifests = options.modules ?? applicationModules;
  assertDistinctManifests(manifests);
  const modules: AppModules = {
    manifests,
    extensions: (key) => collectExtensions(manifests, key),
  };
  const bus = await createEventBus(database, { log: app.log });
  const context: AppContext = {
    config,
    database,
    db: database.db,
    clock: options.clock ?? systemClock,
    bus,
    jobs: createJobRunner(() => context, { log: app.log, ...options.jobRunner }),
    mailer: createMailer(config, database.db, (message) => app.log.info(message)),
    files: createFileStore(config.dataDir),
    modules,
  };
  app.decorate('ctx', context);
  // The platform mailer's own job only drains jobs queued by versions before the messaging pipeline.
  context.jobs.register(sendEmailJobType, async (job, ctx) => {
    await ctx.mailer.send(job.payload as unknown as OutgoingEmail);
  });
  for (const manifest of manifests) {
    for (const [type, handler] of Object.entries(manifest.jobs ?? {})) context.jobs.register(type, handler);
  }

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onClose', async () => {
    await context.jobs.stop();
    await bus.close();
    await context.mailer.close();
    if (ownsDatabase) await database.close();
  });

  registerProblemJson(app);
  registerInputGuards(app);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifySwagger, {
    // Shared schemas keep their $id as component name (`JobView`), not their rank (`def-0`): the
    // generated web types (web/api/openapi.d.ts) name them, whatever order modules register in.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) =>
        typeof json.$id === 'string' ? json.$id : `def-${index}`,
    },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Guichet API',
        description: 'Citizen relationship management for French municipalities.',
        version: appVersion,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'guichet_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          smsGatewayToken: { type: 'http', scheme: 'bearer', description: 'SMS_WEBHOOK_TOKEN' },
        },
      },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const manifest of manifests) manifest.httpHooks?.(app);
  if (config.tenantQueryGuard) {
    // Every route handler's queries must name the town (see platform/db/tenant-guard.ts).
    app.addHook('onRoute', (route) => {
      const handler = route.handler;
      route.handler = function checkedHandler(this: FastifyInstance, request, reply) {
        return runTenantChecked(`${route.method.toString()} ${route.url}`, () =>
          handler.call(this, request, reply),
        );
      };
    });
  }

  await app.register(healthRoutes, { prefix: '/api/v1' });
  await app.register(jobsRoutes, { prefix: '/api/v1' });
  await app.register(eventsRoutes, { prefix: '/api/v1' });
  for (const manifest of manifests) {
    for (const routes of manifest.routes ?? []) await app.register(routes, { prefix: '/api/v1' });
  }

  if (config.serveWeb && existsSync(path.join(webDistDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false });
    // Client-side routes of the single-page app (portal `/…`, back office `/agent/…`).
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const url = request.url.split('?')[0] ?? '/';
      if (url.startsWith('/api/')) {
        return reply.callNotFound();
      }
      return reply.type('text/html').sendFile('index.html');
    });
  }

  return app as unknown as App;
}
