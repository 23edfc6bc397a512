import path from 'node:path';
import type { AppContext, AppModules } from '../app-context';
import { applicationModules } from '../modules';
import { createEventBus } from '../platform/events/event-bus';
import { collectExtensions } from '../platform/modules/module-manifest';
import { ConfigError, loadConfig } from '../config';
import { systemClock } from '../platform/clock';
import { acquireDataDirLock, DataDirLockedError } from '../platform/db/data-dir-lock';
import { openDatabase, type DatabaseHandle } from '../platform/db/client';

/** What an operator's command needs: the server's configuration and its database, nothing that listens. */
export interface CliContext extends Pick<AppContext, 'config' | 'db' | 'clock' | 'modules' | 'bus'> {
  database: DatabaseHandle;
  close(): Promise<void>;
}

/** A refusal the command prints as is, leaving with `exitCode` (sysexits: 64 usage, 75 busy, 78 config). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * Reads the configuration as server/main.ts does (the same environment: DATABASE_URL, or the
 * PGlite database in DATA_DIR) and opens the database, migrated. PGlite lets one process in at a
 * time: while a server holds DATA_DIR, the command refuses and says what to do.
 */
export async function openCliContext(): Promise<CliContext> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 78);
    throw error;
  }

  let lock: { release(): void } | undefined;
  if (!config.databaseUrl) {
    try {
      lock = acquireDataDirLock(config.dataDir);
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        throw new CliError(
          `The data directory ${config.dataDir} is in use by a running Guichet server (pid ${error.ownerPid}). ` +
            'Its embedded database (PGlite) opens in one process at a time: stop the server, run this ' +
            'command, then start the server again. With PostgreSQL (DATABASE_URL) this command runs ' +
            'beside a running server.',
          75,
        );
      }
      throw error;
    }
  }

  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: path.join(config.dataDir, 'pglite'),
      poolSize: 2,
    });
    await database.migrate();
    // Changes made here are announced like the server's (NOTIFY on PostgreSQL reaches running servers).
    const bus = await createEventBus(database);
    const modules: AppModules = {
      manifests: applicationModules,
      extensions: (key) => collectExtensions(applicationModules, key),
    };
    return {
      config,
      database,
      db: database.db,
      clock: systemClock,
      modules,
      bus,
      async close() {
        try {
          await bus.close();
          await database.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Runs a command: its output on stdout, a refusal on stderr with its exit code, anything else as a crash. */
export function runCommand(command: () => Promise<number>): void {
  command().then(
    (exitCode) => process.exit(exitCode),
    (error: unknown) => {
      if (error instanceof CliError) {
        console.error(error.message);
        process.exit(error.exitCode);
      }
      console.error('The command failed:', error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
