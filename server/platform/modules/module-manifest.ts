/**
 * How a business module plugs into the application. Each module's `index.ts` exports one
 * manifest: what it owns (tables), what it serves (routes), what runs in the background (job
 * handlers, recurring jobs, long-running services) and what it contributes to other modules'
 * extension points. `server/app.ts` and `server/main.ts` loop over the manifests; platform/ knows
 * no module by name.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../app-context';
import type { JobHandler } from '../jobs/job-runner';
import type { PersonalDataPart } from '../privacy/personal-data';

/**
 * The extension points modules offer one another. A module that offers one declares it by
 * augmenting this interface, next to the code that calls the contributions, e.g. messaging:
 *
 *     declare module '../../platform/modules/module-manifest' {
 *       interface ModuleExtensions { messageTemplates: readonly MessageTemplateDefinition[] }
 *     }
 *
 * A module that plugs into it sets `extensions.messageTemplates` in its manifest. Nothing in the
 * offering module imports the contributing one, so a new capability plugs in without editing the
 * core.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ModuleExtensions {}

/** A recurring job: enqueued once per town and per period (see platform/jobs/schedules.ts). */
export interface RecurringJob {
  type: string;
  /** Length of a period; periods start at multiples of it since the epoch (UTC). */
  periodMs: number;
}

export interface ServiceLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
}

/** A running background service (a listener, a poller), as `start` returns it. */
export interface RunningService {
  /** Lines for the start-up summary (what it listens on, what it polls). */
  summary: string[];
  stop(): Promise<void>;
}

/**
 * A long-running part of a module: an inbound SMTP listener, a mailbox poller… `main.ts` starts
 * it after the app listens; `withWorker` services only on instances that run the job worker.
 * `start` returns null when the configuration leaves the service off.
 */
export interface ModuleService {
  name: string;
  withWorker: boolean;
  start(ctx: AppContext, log: ServiceLogger): Promise<RunningService | null>;
  /** What the summary says when the service is configured but this instance does not run it. */
  describeWhenNotRun?(ctx: AppContext): string | null;
}

export interface ModuleManifest {
  /** The module's folder name, e.g. `requests`. */
  name: string;
  /** Every Drizzle table the module owns (also what the personal-data register is checked against). */
  tables: Readonly<Record<string, unknown>>;
  /** Which of its columns and files hold personal data (see platform/privacy). */
  personalData: PersonalDataPart;
  /**
   * Hooks on every HTTP request, installed before any route, in manifest order (the town from the
   * Host header, then the session from the cookie).
   */
  httpHooks?: (app: FastifyInstance) => void;
  /** HTTP routes, registered under `/api/v1`. */
  routes?: readonly FastifyPluginAsync[];
  /** Job type → handler. */
  jobs?: Readonly<Record<string, JobHandler>>;
  schedules?: readonly RecurringJob[];
  services?: readonly ModuleService[];
  /** What the module contributes to the extension points other modules offer. */
  extensions?: Partial<ModuleExtensions>;
}

/** The contributions of every module to one extension point, in manifest order. */
export function collectExtensions<K extends keyof ModuleExtensions>(
  manifests: readonly ModuleManifest[],
  key: K,
): ModuleExtensions[K][] {
  return manifests.flatMap((manifest) => {
    const contribution = manifest.extensions?.[key];
    return contribution === undefined ? [] : [contribution as ModuleExtensions[K]];
  });
}

/** Checks that no two modules share a name, a job type or a route plugin by mistake. */
export function assertDistinctManifests(manifests: readonly ModuleManifest[]): void {
  const names = new Set<string>();
  const jobTypes = new Map<string, string>();
  for (const manifest of manifests) {
    if (names.has(manifest.name)) throw new Error(`Two modules are named "${manifest.name}"`);
    names.add(manifest.name);
    for (const type of Object.keys(manifest.jobs ?? {})) {
      const owner = jobTypes.get(type);
      if (owner) throw new Error(`Job type "${type}" is registered by "${owner}" and "${manifest.name}"`);
      jobTypes.set(type, manifest.name);
    }
  }
}
