import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { acquireDataDirLock, DataDirLockedError } from './platform/db/data-dir-lock';
import { prepareTenants } from './modules/organisation/prepare-tenants';

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

  const app = await buildApp(config);
  const summary = await prepareTenants(app.ctx);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      await app.close();
    } finally {
      lock?.release();
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (config.worker) app.ctx.jobs.start();

  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [
    '',
    `Guichet is running at ${config.publicUrl} (listening on ${address})`,
    `  database: ${app.ctx.database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL server'}`,
    `  citizen portal: ${config.publicUrl}/    back office: ${config.publicUrl}/agent    API docs: ${config.publicUrl}/api/docs`,
    config.smtpUrl
      ? '  e-mails: sent through SMTP_URL'
      : `  e-mails: written to ${config.dataDir}/outbox (no SMTP_URL)`,
    ...summary,
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error('Guichet could not start:', error instanceof Error ? error.message : error);
  if (error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
});
