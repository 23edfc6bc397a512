import type { Config } from './config';
import type { Clock } from './platform/clock';
import type { DatabaseHandle, Db } from './platform/db/client';
import type { EventBus } from './platform/events/event-bus';
import type { JobRunner } from './platform/jobs/job-runner';
import type { Mailer } from './platform/mail/mailer';
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
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
}
