import type { Config } from './config';
import type { Clock } from './platform/clock';
import type { DatabaseHandle, Db } from './platform/db/client';
import type { EventBus } from './platform/events/event-bus';
import type { JobRunner } from './platform/jobs/job-runner';
import type { Mailer } from './platform/mail/mailer';
import type { ModuleExtensions, ModuleManifest } from './platform/modules/module-manifest';
import type { FileStore } from './platform/storage/file-store';

/** What use cases and routes may depend on; built once per app by buildApp. */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  db: Db;
  clock: Clock;
  bus: EventBus;
  jobs: JobRunner;
  mailer: Mailer;
  /** Uploaded files (attachments), content-addressed under `DATA_DIR/files`. */
  files: FileStore;
  /** The modules the app is made of, and what they contribute to each other's extension points. */
  modules: AppModules;
}

export interface AppModules {
  manifests: readonly ModuleManifest[];
  /** The contributions of every module to one extension point, in manifest order. */
  extensions<K extends keyof ModuleExtensions>(key: K): ModuleExtensions[K][];
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
