import { spawnSync } from 'node:child_process';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { acquireDataDirLock, DataDirLockedError } from './platform/db/data-dir-lock';
import type { AppContext } from './app-context';
import { bootstrapAdmin } from './modules/accounts';
import { findDefaultTenant } from './modules/organisation';
import { prepareTenants } from './prepare-tenants';
import { createScheduler } from './platform/jobs/schedules';
import type { RunningService } from './platform/modules/module-manifest';

/** Process wrapper only: config → app → listen, and a graceful shutdown. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }

  let lock: { release(): void } | undefined;
  if (!config.databaseUrl) {
    try {
      lock = acquireDataDirLock(config.dataDir);
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        console.error(error.message);
        process.exit(75);
      }
      throw error;
    }
  }

  // `npm start` builds the web app here, once the data directory is ours: a second start against
  // a running server's directory stops above without touching the assets that server serves.
  if (process.argv.includes('--build-web')) {
    const build = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('Guichet could not start: building the web app (npm run build:web) failed.');
      lock?.release();
      process.exit(build.status ?? 1);
    }
  }

  const app = await buildApp(config);
  const summary = await prepareTenants(app.ctx);
  summary.push(...(await inviteFirstAdmin(app.ctx)));

  // Recurring jobs (deadlines, auto-closure) are enqueued by whichever instances run the worker.
  const scheduler = createScheduler(() => app.ctx, { log: app.log });
  // The modules' background services (inbound SMTP listener; with the worker, IMAP polling).
  const services: RunningService[] = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      await scheduler.stop();
      for (const service of services.reverse()) await service.stop();
      await app.close();
    } finally {
      lock?.release();
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (config.worker) {
    app.ctx.jobs.start();
    scheduler.start();
  }
  const serviceSummary: string[] = [];
  for (const manifest of app.ctx.modules.manifests) {
    for (const service of manifest.services ?? []) {
      if (service.withWorker && !config.worker) {
        const line = service.describeWhenNotRun?.(app.ctx);
        if (line) serviceSummary.push(line);
        continue;
      }
      const running = await service.start(app.ctx, app.log);
      if (!running) continue;
      services.push(running);
      serviceSummary.push(...running.summary);
    }
  }

  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [
    '',
    `Guichet is running at ${config.publicUrl} (listening on ${address})`,
    `  database: ${app.ctx.database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL server'}`,
    `  citizen portal: ${config.publicUrl}/    back office: ${config.publicUrl}/agent    API docs: ${config.publicUrl}/api/docs`,
    config.smtpUrl
      ? '  e-mails: sent through SMTP_URL'
      : `  e-mails: written to ${config.dataDir}/outbox (no SMTP_URL)`,
    ...serviceSummary,
    ...summary,
    '',
  ];
  console.log(lines.join('\n'));
}

/** ADMIN_EMAIL: the default town gets its first administrator by invitation. */
async function inviteFirstAdmin(ctx: AppContext): Promise<string[]> {
  const email = ctx.config.adminEmail;
  if (!email) return [];
  const tenant = await findDefaultTenant(ctx.db);
  if (!tenant) return [];
  const outcome = await bootstrapAdmin(ctx, { tenantId: tenant.id, email });
  if (outcome === 'invited') {
    return [
      `  administrator: invitation sent to ${email} (the link is in the mail${ctx.config.smtpUrl ? '' : ', see the outbox'})`,
    ];
  }
  if (outcome === 'email-used-by-citizen') {
    return [
      `  ADMIN_EMAIL ${email} belongs to a citizen account of ${tenant.name}: no administrator was invited`,
    ];
  }
  return [];
}

main().catch((error: unknown) => {
  console.error('Guichet could not start:', error instanceof Error ? error.message : error);
  if (error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
});
