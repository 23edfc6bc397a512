/**
 * Where a back-office read spends its time, on a town kept by `npm run bench -- --keep`: the app is
 * built in this process on that database (PGlite runs here too, as in the server), each read is
 * made through `app.inject`, then every SQL statement it ran is re-run alone and timed, and with
 * `--explain` shown with `EXPLAIN (ANALYZE, BUFFERS)`. On PGlite times are the process's CPU time
 * (user + system, the database included), which holds better than the wall clock on a shared
 * machine; on PostgreSQL they are wall-clock times (the work is in the server's processes).
 *
 *   npx tsx bench/profile-reads.ts <PGlite data directory | postgres://…/database>
 *     [--terms "acte de naissance,lampadaire"] [--runs 30] [--only queue|search] [--explain]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/platform/db/client';
import { benchAccounts, benchPassword } from './load';
import { searchTerms } from './search-terms';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    terms: { type: 'string' },
    runs: { type: 'string', default: '30' },
    only: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
});
const target = positionals[0];
if (!target) throw new Error('usage: profile-reads.ts <PGlite data directory | postgres://…> [options]');
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 2) throw new Error('--runs must be a whole number ≥ 2');

const captured: { query: string; params: unknown[] }[] = [];
let capturing = false;
const isPostgres = target.startsWith('postgres');
const database = await openDatabase({
  ...(isPostgres ? { databaseUrl: target } : { pgliteDir: path.join(target, 'pglite') }),
  logger: {
    logQuery: (query, params) => {
      if (capturing) captured.push({ query, params });
    },
  },
});
const client = isPostgres ? new pg.Client({ connectionString: target, options: '-c jit=off' }) : undefined;
await client?.connect();
async function run(text: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  if (client) return (await client.query(text, params)).rows as Record<string, unknown>[];
  return (await database.pglite!.query(text, params)).rows as Record<string, unknown>[];
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'guichet-profile-'));
const secret = 'profile-session-secret-0123456789abcdef';
const config = loadConfig(
  {
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SESSION_SECRET: secret,
    SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
  },
  { sessionSecret: secret, serveWeb: false, worker: false, demo: false },
);
await database.migrate();
const app = await buildApp(config, { database, logger: false });
await app.ready();

async function logIn(email: string): Promise<Record<string, string>> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: benchPassword },
  });
  if (response.statusCode !== 200) throw new Error(`login of ${email}: ${response.statusCode}`);
  return { cookie: String(response.headers['set-cookie']).split(';')[0]! };
}
const agent = await logIn(benchAccounts.voirieAgent);
const admin = await logIn(benchAccounts.admin);
const [voirie] = await run(
  `SELECT d.id FROM departments d JOIN tenants t ON t.id = d.tenant_id WHERE t.is_default AND d.code = 'voirie'`,
  [],
);

const reads: { url: string; headers: Record<string, string> }[] = [];
if (values.only !== 'search') {
  for (const page of [1, 50]) {
    reads.push({
      url: `/api/v1/backoffice/requests?departmentId=${String(voirie!.id)}&sort=due&page=${page}`,
      headers: agent,
    });
  }
}
if (values.only !== 'queue') {
  for (const term of values.terms?.split(',') ?? searchTerms) {
    reads.push({
      url: `/api/v1/backoffice/requests?q=${encodeURIComponent(term)}&status=all`,
      headers: admin,
    });
  }
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
/** This process's CPU time; on PostgreSQL the wall clock (the work is in the server's processes). */
async function cpuMilliseconds(action: () => Promise<unknown>): Promise<number> {
  const started = process.cpuUsage();
  const startedAt = performance.now();
  await action();
  if (isPostgres) return performance.now() - startedAt;
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

try {
  // Warm-up: the first reads compile the serialisers and fill the caches.
  for (let round = 0; round < 3; round += 1) {
    for (const { url, headers } of reads) await app.inject({ method: 'GET', url, headers });
  }
  for (const { url, headers } of reads) {
    const times: number[] = [];
    for (let index = 0; index < runs; index += 1) {
      times.push(
        await cpuMilliseconds(async () => {
          const response = await app.inject({ method: 'GET', url, headers });
          if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
        }),
      );
    }
    captured.length = 0;
    capturing = true;
    const response = await app.inject({ method: 'GET', url, headers });
    capturing = false;
    const body = response.json<{ total: number; items: unknown[] }>();
    console.log(
      `\n### ${decodeURIComponent(url)}: total ${body.total}, ${body.items.length} items, ${response.body.length} bytes`,
    );
    console.log(`request: ${isPostgres ? 'wall' : 'CPU'} median ${median(times).toFixed(1)} ms over ${runs}`);
    for (const { query, params } of [...captured]) {
      const queryTimes: number[] = [];
      for (let index = 0; index < 10; index += 1) {
        queryTimes.push(await cpuMilliseconds(() => run(query, params)));
      }
      console.log(
        `  ${median(queryTimes).toFixed(2).padStart(7)} ms  ${query.replace(/\s+/g, ' ').slice(0, 150)}`,
      );
      if (values.explain) {
        const plan = await run(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, params);
        console.log(plan.map((row) => `      ${String(Object.values(row)[0])}`).join('\n'));
      }
    }
  }
} finally {
  await app.close();
  await client?.end();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
