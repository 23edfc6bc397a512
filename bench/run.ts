/**
 * `npm run bench`: for PGlite and/or PostgreSQL, bulk-loads a town of N generated requests, starts
 * the real server as a child process and measures over HTTP the intake (50 concurrent clients),
 * the department queue (pages 1 and 50), the full-text search and the tracking page, with the
 * server's memory; then writes the results into bench/BENCHMARKS.md. See that file for the how.
 *
 * Then the messaging benchmarks (bench/messaging.ts) on each database.
 *
 *   npm run bench -- [--db pglite|postgres|both] [--suite requests|messaging|all]
 *                    [--requests 1000000] [--intake-seconds 20] [--reads 200] [--keep]
 *                    [--reuse <PGlite data directory | PostgreSQL database name>]
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { acquireDataDirLock } from '../server/platform/db/data-dir-lock';
import { openDatabase, queryRows } from '../server/platform/db/client';
import { sql } from 'drizzle-orm';
import { findFreePort, projectRoot, spawnGuichet } from '../test/processes/spawn-guichet';
import { RequestGenerator } from './generator';
import {
  BenchClient,
  readCpuMilliseconds,
  readMemory,
  runClosedLoop,
  runSequential,
  summarise,
  type LatencySummary,
} from './http-load';
import { benchAccounts, benchPassword, describeBenchTown, loadBenchTown, type LoadResult } from './load';
import { defaultMessagingSizes, measureMessaging, messagingSection } from './messaging';
import { searchTerms } from './search-terms';
import { describeMachine, writeReport, type DatabaseResult, type ReportSection } from './report';

type DatabaseKind = 'pglite' | 'postgres';

export interface BenchArgs {
  kinds: DatabaseKind[];
  /** `requests` (the million-request town over HTTP) and/or `messaging` (e-mail, SMS, inbound). */
  suites: ('requests' | 'messaging')[];
  requests: number;
  intakeSeconds: number;
  concurrency: number;
  reads: number;
  databaseUrl: string;
  keep: boolean;
  /** A PGlite data directory or PostgreSQL database kept by an earlier run, measured without loading. */
  reuse?: string;
  /** A directory: the server runs with `--cpu-prof` and writes its profile there. */
  cpuProfileDir: string | undefined;
  seed: number;
  /** The bench's "now", the same for both databases so that they hold the same data. */
  end: Date;
}

function parseBenchArgs(): BenchArgs {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'both' },
      suite: { type: 'string', default: 'all' },
      requests: { type: 'string', default: '1000000' },
      'intake-seconds': { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '50' },
      reads: { type: 'string', default: '200' },
      seed: { type: 'string', default: '75000' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const db = values.db;
  if (db !== 'pglite' && db !== 'postgres' && db !== 'both')
    throw new Error('--db must be pglite, postgres or both');
  const integer = (name: string, raw: string) => {
    const value = Number(raw.replace(/[_,]/g, ''));
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
    return value;
  };
  const suite = values.suite;
  if (suite !== 'requests' && suite !== 'messaging' && suite !== 'all')
    throw new Error('--suite must be requests, messaging or all');
  if (values.reuse !== undefined && (db === 'both' || suite !== 'requests'))
    throw new Error('--reuse needs --db pglite or --db postgres, and --suite requests');
  if (values.reuse !== undefined && db === 'postgres' && !/^[a-z0-9_]+$/.test(values.reuse))
    throw new Error('--reuse: with --db postgres, the name of a database kept by --keep ([a-z0-9_])');
  return {
    kinds: db === 'both' ? ['pglite', 'postgres'] : [db],
    suites: suite === 'all' ? ['requests', 'messaging'] : [suite],
    requests: integer('requests', values.requests),
    intakeSeconds: integer('intake-seconds', values['intake-seconds']),
    concurrency: integer('concurrency', values.concurrency),
    reads: integer('reads', values.reads),
    seed: integer('seed', values.seed),
    end: new Date(),
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/guichet_bench',
    keep: values.keep,
    reuse: values.reuse,
    cpuProfileDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined,
  };
}

const log = (line: string) => console.log(line);

/** Anonymous intake bodies in the shape of the portal form, drawn from the same generator. */
function buildIntakeBodies(categoryIds: Map<string, string>, count: number): string[] {
  const generator = new RequestGenerator({ seed: 4242, count, end: new Date(), spanDays: 30 });
  const bodies: string[] = [];
  for (const request of generator) {
    const categoryId = categoryIds.get(request.categoryCode);
    if (!categoryId) continue;
    const name = request.contact?.name ?? 'Camille Martin';
    const email = request.contact?.email ?? 'camille.martin@example.org';
    bodies.push(
      JSON.stringify({
        categoryId,
        subject: request.subject.slice(0, 200),
        description: request.description.slice(0, 10_000),
        ...(request.latitude !== null
          ? {
              location: {
                address: request.locationAddress ?? undefined,
                latitude: request.latitude,
                longitude: request.longitude,
              },
            }
          : {}),
        contact: { name, email },
      }),
    );
  }
  return bodies;
}

async function logIn(client: BenchClient, email: string): Promise<Record<string, string>> {
  const response = await client.request('POST', '/api/v1/auth/login', {
    body: JSON.stringify({ email, password: benchPassword }),
  });
  if (response.status !== 200) throw new Error(`login of ${email}: ${response.status} ${response.body}`);
  const cookie = [response.headers['set-cookie'] ?? []]
    .flat()
    .map((line) => line.split(';')[0])
    .find((line) => line?.startsWith('guichet_session='));
  if (!cookie) throw new Error(`login of ${email} set no session cookie`);
  return { cookie };
}

/** Drops and creates the database of `databaseUrl`; returns the server's version. */
async function recreateDatabase(
  databaseUrl: string,
): Promise<{ version: string; adminUrl: URL; name: string }> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name))
    throw new Error(`BENCH_DATABASE_URL: database name "${name}" must be [a-z0-9_]`);
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new SkipError(`PostgreSQL unreachable at ${adminUrl.host} (${String(error)}): skipped`);
  }
  const version = String((await admin.query('SHOW server_version')).rows[0]?.server_version ?? '?');
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { version, adminUrl, name };
}

/** Prepares the database (fresh) and loads the town into it; PGlite in a temporary data directory. */
async function prepare(kind: DatabaseKind, args: BenchArgs) {
  if (args.reuse !== undefined) return reuseKept(kind, args.reuse, args);
  if (kind === 'postgres') {
    const { version, adminUrl, name } = await recreateDatabase(args.databaseUrl);
    const database = await openDatabase({ databaseUrl: args.databaseUrl });
    const serverDataDir = mkdtempSync(path.join(os.tmpdir(), 'guichet-bench-'));
    try {
      await database.migrate();
      const load = await loadBenchTown({
        database,
        requests: args.requests,
        seed: args.seed,
        end: args.end,
        log,
      });
      return {
        load,
        version: `PostgreSQL ${version}`,
        env: { DATABASE_URL: args.databaseUrl, DATA_DIR: serverDataDir },
        ceilingEnv: { DATABASE_URL: args.databaseUrl } as Record<string, string>,
        async cleanUp() {
          // The server's DATA_DIR only holds its outbox and secrets here.
          rmSync(serverDataDir, { recursive: true, force: true });
          if (args.keep) return;
          const client = new pg.Client({ connectionString: adminUrl.toString() });
          await client.connect();
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await client.end();
        },
      };
    } finally {
      await database.close();
    }
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guichet-bench-'));
  const lock = acquireDataDirLock(dataDir);
  const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
  try {
    await database.migrate();
    const load = await loadBenchTown({
      database,
      requests: args.requests,
      seed: args.seed,
      end: args.end,
      log,
    });
    return {
      load,
      version: pgliteVersion(),
      env: { DATA_DIR: dataDir } as Record<string, string>,
      ceilingEnv: { PGLITE_DIR: path.join(dataDir, 'pglite') } as Record<string, string>,
      async cleanUp() {
        if (args.keep) log(`  PGlite data kept in ${dataDir}`);
        else rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } finally {
    await database.close();
    lock.release();
  }
}

/**
 * `--reuse`: a town kept by an earlier run (`--keep`), measured as it is (its facts read back from
 * it), and kept again. Each run's intake adds its requests to it (a few thousand).
 */
async function reuseKept(kind: DatabaseKind, kept: string, args: BenchArgs) {
  let databaseUrl: string | undefined;
  let dataDir: string | undefined;
  if (kind === 'postgres') {
    const url = new URL(args.databaseUrl);
    url.pathname = `/${kept}`;
    databaseUrl = url.toString();
  } else {
    dataDir = path.resolve(kept);
    if (!existsSync(path.join(dataDir, 'pglite')))
      throw new Error(
        `--reuse: ${dataDir} is not a PGlite data directory kept by --keep (no pglite/ inside)`,
      );
  }
  const lock = dataDir ? acquireDataDirLock(dataDir) : undefined;
  const database = await openDatabase(
    databaseUrl ? { databaseUrl } : { pgliteDir: path.join(dataDir!, 'pglite') },
  );
  try {
    // Migrations added since the town was kept (an index being tried, say) apply to it.
    await database.migrate();
    log(`  reusing ${databaseUrl ? `database ${kept}` : dataDir}: reading its town`);
    const load = await describeBenchTown(database);
    let version: string;
    if (database.pglite) {
      version = pgliteVersion();
    } else {
      const rows = await queryRows<{ server_version: string }>(database.db, sql`SHOW server_version`);
      version = `PostgreSQL ${rows[0]?.server_version ?? '?'}`;
    }
    const serverDataDir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'guichet-bench-'));
    return {
      load,
      version,
      env: (databaseUrl
        ? { DATABASE_URL: databaseUrl, DATA_DIR: serverDataDir }
        : { DATA_DIR: serverDataDir }) as Record<string, string>,
      ceilingEnv: (databaseUrl
        ? { DATABASE_URL: databaseUrl }
        : { PGLITE_DIR: path.join(serverDataDir, 'pglite') }) as Record<string, string>,
      async cleanUp() {
        if (databaseUrl) rmSync(serverDataDir, { recursive: true, force: true });
        log(`  kept ${databaseUrl ? `database ${kept}` : dataDir} for the next --reuse`);
      },
    };
  } finally {
    await database.close();
    lock?.release();
  }
}

/** « PGlite 0.x.y », as installed. */
function pgliteVersion(): string {
  const { version } = JSON.parse(
    readFileSync(path.join(projectRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ) as { version: string };
  return `PGlite ${version}`;
}

/** One portal intake per call, cycling through 3,000 bodies over the town's categories. */
async function intakeCalls(client: BenchClient) {
  const categories = JSON.parse((await client.request('GET', '/api/v1/categories')).body) as {
    id: string;
    code: string;
  }[];
  const bodies = buildIntakeBodies(new Map(categories.map((category) => [category.code, category.id])), 3000);
  return (sequence: number) =>
    client.request('POST', '/api/v1/requests', { body: bodies[sequence % bodies.length]! });
}

class SkipError extends Error {}

/**
 * The bare write ceiling (bench/ceiling-server.ts) on the same database, just before the real
 * server: the same warm-up, clients and duration. On PGlite it opens the data directory itself, so
 * it must be stopped (it deletes its jobs then) before the real server starts.
 */
async function measureCeiling(
  kind: DatabaseKind,
  env: Record<string, string>,
  tenantId: string,
  args: BenchArgs,
): Promise<LatencySummary & { sampleErrors: string[] }> {
  const port = await findFreePort();
  const ceiling = spawnGuichet(
    { ...env, PORT: String(port), TENANT_ID: tenantId },
    { script: 'bench/ceiling-server.ts' },
  );
  const client = new BenchClient(port, args.concurrency + 8);
  let result: LatencySummary & { sampleErrors: string[] };
  try {
    await ceiling.waitForOutput('ceiling listening', 120_000);
    const intake = await intakeCalls(client);
    log(`  ceiling (${kind}): warm-up, then ${args.concurrency} clients for ${args.intakeSeconds} s`);
    await runClosedLoop(10, 3, intake, 201);
    result = await runClosedLoop(args.concurrency, args.intakeSeconds, intake, 201);
  } finally {
    client.close();
    await ceiling.stop();
  }
  // Its jobs must be gone (and PGlite closed) before the real server starts.
  const code = await ceiling.exited;
  if (code !== 0) throw new Error(`the ceiling server exited with ${code}:\n${ceiling.output()}`);
  return result;
}

async function measure(kind: DatabaseKind, args: BenchArgs): Promise<DatabaseResult> {
  log(
    args.reuse
      ? `\n== ${kind}: reusing ${args.reuse}`
      : `\n== ${kind}: loading ${args.requests.toLocaleString('en')} requests`,
  );
  const prepared = await prepare(kind, args);
  const load: LoadResult = prepared.load;
  if (!args.reuse)
    log(`  loaded in ${load.seconds.toFixed(0)} s (${load.events.toLocaleString('en')} events)`);
  const machine = describeMachine();
  const ceiling = await measureCeiling(kind, prepared.ceilingEnv, load.tenantId, args);
  log(`  ceiling: ${ceiling.rate.toFixed(0)} requests/s (${ceiling.errors} errors)`);
  const port = await findFreePort();
  // As deployed (`npm start`, production): the job worker runs in the server and sends the
  // acknowledgements the intake queues while the intake goes on.
  const server = spawnGuichet(
    {
      ...prepared.env,
      PORT: String(port),
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      SECRETS_KEY: randomBytes(32).toString('base64'),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
    args.cpuProfileDir ? { nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${args.cpuProfileDir}`] } : {},
  );
  const client = new BenchClient(port, args.concurrency + 8);
  let peakSampled = 0;
  const sampler = setInterval(() => {
    const memory = server.child.pid ? readMemory(server.child.pid) : undefined;
    if (memory) peakSampled = Math.max(peakSampled, memory.rssMiB);
  }, 250);
  try {
    await server.waitForOutput('Guichet is running', 120_000);
    const startMemory = readMemory(server.child.pid!);
    const intake = await intakeCalls(client);

    log(`  warm-up`);
    await runClosedLoop(10, 3, intake, 201);
    log(`  intake: ${args.concurrency} clients for ${args.intakeSeconds} s`);
    const cpuBefore = readCpuMilliseconds(server.child.pid!);
    const intakeResult = await runClosedLoop(args.concurrency, args.intakeSeconds, intake, 201);
    const cpuAfter = readCpuMilliseconds(server.child.pid!);
    // Node's CPU per accepted request: on a shared machine, a better guide than the rate alone.
    const intakeCpuMs =
      cpuBefore !== undefined && cpuAfter !== undefined && intakeResult.count > 0
        ? (cpuAfter - cpuBefore) / intakeResult.count
        : Number.NaN;

    const agent = await logIn(client, benchAccounts.voirieAgent);
    const admin = await logIn(client, benchAccounts.admin);
    const queuePath = (page: number) =>
      `/api/v1/backoffice/requests?departmentId=${load.voirieDepartmentId}&sort=due&page=${page}`;
    const probe = await client.request('GET', queuePath(50), { headers: agent });
    const queueAvailable = probe.status === 200;
    const page50Items = queueAvailable ? (JSON.parse(probe.body) as { items: unknown[] }).items.length : 0;
    let queuePage1: LatencySummary | null = null;
    let queuePage50: LatencySummary | null = null;
    let search: LatencySummary | null = null;
    let averageHits = 0;
    let slowestTerms: { term: string; p50: number; total: number }[] = [];
    if (queueAvailable) {
      log(`  queue: ${args.reads} × page 1, ${args.reads} × page 50 (${page50Items} items on page 50)`);
      queuePage1 = await runSequential(args.reads, () =>
        client.request('GET', queuePath(1), { headers: agent }),
      );
      queuePage50 = await runSequential(args.reads, () =>
        client.request('GET', queuePath(50), { headers: agent }),
      );
      log(`  search: ${args.reads} queries over ${searchTerms.length} terms`);
      let hits = 0;
      const perTerm = new Map<string, { times: number[]; total: number }>();
      search = await runSequential(args.reads, async (sequence) => {
        const term = searchTerms[sequence % searchTerms.length]!;
        const sent = performance.now();
        const response = await client.request(
          'GET',
          `/api/v1/backoffice/requests?q=${encodeURIComponent(term)}&status=all`,
          { headers: admin },
        );
        const entry = perTerm.get(term) ?? { times: [], total: 0 };
        entry.times.push(performance.now() - sent);
        if (response.status === 200) {
          entry.total = (JSON.parse(response.body) as { total: number }).total;
          hits += entry.total;
        }
        perTerm.set(term, entry);
        return response;
      });
      averageHits = hits / Math.max(1, search.count);
      slowestTerms = [...perTerm]
        .map(([term, entry]) => ({ term, p50: summarise(entry.times, 0, 1).p50, total: entry.total }))
        .sort((a, b) => b.p50 - a.p50)
        .slice(0, 4);
    } else {
      log(`  queue and search skipped: GET /api/v1/backoffice/requests answered ${probe.status}`);
    }

    log(`  tracking: ${args.reads * 2} random codes`);
    const tracking = await runSequential(args.reads * 2, (sequence) =>
      client.request(
        'GET',
        `/api/v1/track/${load.trackingCodes[(sequence * 7919) % load.trackingCodes.length]}`,
      ),
    );
    const endMemory = readMemory(server.child.pid!);
    return {
      kind,
      version: prepared.version,
      load,
      intake: { ...intakeResult, serverCpuMs: intakeCpuMs },
      ceiling,
      queuePage1,
      queuePage50,
      page50Items,
      search,
      averageHits,
      slowestTerms,
      machine,
      tracking,
      memory: {
        startMiB: startMemory?.rssMiB ?? Number.NaN,
        peakMiB: Math.max(endMemory?.peakMiB ?? 0, peakSampled),
        endMiB: endMemory?.rssMiB ?? Number.NaN,
      },
    };
  } finally {
    clearInterval(sampler);
    client.close();
    await server.stop();
    await prepared.cleanUp();
  }
}

/** The messaging benchmarks on one database (PostgreSQL: a fresh `<bench database>_messaging`). */
async function measureMessagingOn(kind: DatabaseKind, args: BenchArgs): Promise<ReportSection> {
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    const url = new URL(args.databaseUrl);
    url.pathname = `${url.pathname}_messaging`;
    databaseUrl = url.toString();
    try {
      await recreateDatabase(databaseUrl);
    } catch (error) {
      if (!(error instanceof SkipError)) throw error;
      log(`\n== messaging on ${kind}: ${error.message}`);
      return { name: `messaging-${kind}`, markdown: `${error.message}.\n`, skipped: true };
    }
  }
  const result = await measureMessaging(kind, databaseUrl, defaultMessagingSizes, log);
  return { name: `messaging-${kind}`, markdown: messagingSection(result) };
}

async function main() {
  const args = parseBenchArgs();
  const machine = describeMachine();
  const results: DatabaseResult[] = [];
  const extraSections: ReportSection[] = [];
  for (const kind of args.kinds) {
    if (args.suites.includes('requests')) {
      try {
        results.push(await measure(kind, args));
      } catch (error) {
        if (!(error instanceof SkipError)) throw error;
        log(`\n== ${kind}: ${error.message}`);
        results.push({ kind, skipped: error.message });
      }
    }
    if (args.suites.includes('messaging')) extraSections.push(await measureMessagingOn(kind, args));
  }
  const file = await writeReport({ machine, args, results, extraSections });
  log(`\nResults written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
