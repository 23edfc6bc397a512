/**
 * Bulk-loads a bench town straight into the database: the demo town's departments and
 * categories, agents, a pool of citizen accounts and N generated requests with their timelines,
 * in multi-row INSERTs of a few thousand rows (the same SQL on PGlite and PostgreSQL). The
 * secondary indexes of the two big tables are dropped during the load and rebuilt after (a GIN
 * index is much faster to build once than to maintain row by row), the reference counters are
 * set to the last numbers given, then ANALYZE.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { demoCategories, demoDepartments, demoTown } from '../server/demo/demo-town';
import { hashPassword } from '../server/modules/accounts/password';
import { insertUser, setDepartmentMemberships } from '../server/modules/accounts/users.repository';
import { insertCategory } from '../server/modules/organisation/categories.repository';
import { insertDepartment } from '../server/modules/organisation/departments.repository';
import { findDefaultTenant, insertTenant } from '../server/modules/organisation/tenants.repository';
import type { DatabaseHandle } from '../server/platform/db/client';
import type { NewRequestEvent } from '../server/modules/requests/requests.repository';
import { generateCitizen, RequestGenerator, type GeneratedPerson } from './generator';
import { buildRequestRows, RecentIds, type RequestRows, type TownIds } from './rows';
import { transaction } from '../server/platform/db/transaction';

export const benchPassword = 'guichet-bench';
export const benchAccounts = {
  /** A Voirie agent: the department queue. */
  voirieAgent: 'agent.voirie@bench.guichet.test',
  /** An administrator: searches over the whole town. */
  admin: 'admin@bench.guichet.test',
};

export interface LoadOptions {
  database: DatabaseHandle;
  requests: number;
  seed?: number;
  end?: Date;
  spanDays?: number;
  batchSize?: number;
  log?: (line: string) => void;
}

export interface LoadResult {
  tenantId: string;
  voirieDepartmentId: string;
  requests: number;
  events: number;
  citizens: number;
  seconds: number;
  /** A sample of existing tracking codes (reservoir), for the tracking benchmark. */
  trackingCodes: string[];
  /** How many requests are open in Voirie (the queue the bench pages through). */
  openVoirie: number;
}

/** Runs plain SQL (several statements allowed, no parameters) on either engine. */
interface RawSql {
  run(text: string): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

async function openRawSql(database: DatabaseHandle): Promise<RawSql> {
  if (database.pglite) {
    const pglite = database.pglite;
    return {
      async run(text) {
        const results = await pglite.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      },
      close: async () => undefined,
    };
  }
  const client = new pg.Client({ connectionString: database.connectionString });
  await client.connect();
  // Losing the last batches in a crash is fine for a bench load; waiting on every fsync is not.
  await client.query('SET synchronous_commit = off');
  return {
    async run(text) {
      const result = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    close: () => client.end(),
  };
}

/** A SQL literal (standard_conforming_strings: only quotes need doubling). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

function valuesList(rows: unknown[][]): string {
  return rows.map((row) => `(${row.map(literal).join(',')})`).join(',\n');
}

const requestColumns = [
  'id',
  'tenant_id',
  'reference',
  'tracking_code',
  'channel',
  'category_id',
  'department_id',
  'assignee_id',
  'priority',
  'status',
  'subject',
  'description',
  'location_address',
  'latitude',
  'longitude',
  'citizen_id',
  'contact',
  'search_extra',
  'due_at',
  'received_at',
  'qualified_at',
  'treatment_started_at',
  'answered_at',
  'closed_at',
  'duplicate_of_id',
  'rejection_reason',
  'satisfaction_rating',
  'satisfaction_comment',
  'version',
  'created_at',
  'updated_at',
];

function requestValues({ request: r }: RequestRows): unknown[] {
  return [
    r.id,
    r.tenantId,
    r.reference,
    r.trackingCode,
    r.channel,
    r.categoryId,
    r.departmentId,
    r.assigneeId,
    r.priority,
    r.status,
    r.subject,
    r.description,
    r.locationAddress,
    r.latitude,
    r.longitude,
    r.citizenId,
    r.contact,
    r.searchExtra,
    r.dueAt,
    r.receivedAt,
    r.qualifiedAt,
    r.treatmentStartedAt,
    r.answeredAt,
    r.closedAt,
    r.duplicateOfId,
    r.rejectionReason,
    r.satisfactionRating,
    r.satisfactionComment,
    r.version,
    r.createdAt,
    r.updatedAt,
  ];
}

const eventColumns = [
  'tenant_id',
  'request_id',
  'type',
  'actor_id',
  'actor_kind',
  'visibility',
  'body',
  'data',
  'created_at',
];

function eventValues(e: NewRequestEvent): unknown[] {
  return [e.tenantId, e.requestId, e.type, e.actorId, e.actorKind, e.visibility, e.body, e.data, e.createdAt];
}

/** Secondary indexes of the big tables (not those behind a constraint), to drop and rebuild. */
async function findSecondaryIndexes(raw: RawSql): Promise<{ name: string; definition: string }[]> {
  const { rows } = await raw.run(`
    SELECT i.indexname AS name, i.indexdef AS definition
    FROM pg_indexes i
    WHERE i.schemaname = current_schema()
      AND i.tablename IN ('requests', 'request_events')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`);
  return rows.map((row) => ({ name: String(row.name), definition: String(row.definition) }));
}

async function seedTown(database: DatabaseHandle, citizenCount: number, seed: number) {
  const passwordHash = await hashPassword(benchPassword);
  return transaction(database.db, async (tx) => {
    const isDefault = !(await findDefaultTenant(tx));
    const tenant = await insertTenant(tx, {
      slug: `bench-${Date.now().toString(36)}`,
      name: 'Ville de Banc-d’Essai',
      hostNames: [`bench-${Date.now().toString(36)}.localhost`],
      inseeCode: '99998',
      isDefault,
      settings: demoTown.settings,
    });
    const departmentIds = new Map<string, string>();
    for (const { parentCode, ...department } of demoDepartments) {
      const parentId = parentCode ? (departmentIds.get(parentCode) ?? null) : null;
      const row = await insertDepartment(tx, tenant.id, { ...department, parentId });
      departmentIds.set(department.code, row.id);
    }
    const categoryIds = new Map<string, string>();
    for (const { departmentCode, ...category } of demoCategories) {
      const row = await insertCategory(tx, tenant.id, {
        ...category,
        defaultDepartmentId: departmentIds.get(departmentCode) ?? null,
      });
      categoryIds.set(category.code, row.id);
    }
    const agentsByDepartment = new Map<string, string[]>();
    for (const [code, departmentId] of departmentIds) {
      const agents: string[] = [];
      for (let slot = 0; slot < 4; slot += 1) {
        const email =
          slot === 0 && code === 'voirie'
            ? benchAccounts.voirieAgent
            : `agent.${code}.${slot}@bench.guichet.test`;
        const agent = await insertUser(tx, {
          tenantId: tenant.id,
          kind: 'agent',
          email,
          passwordHash: email === benchAccounts.voirieAgent ? passwordHash : null,
          emailVerifiedAt: new Date(),
          firstName: `Agent ${slot + 1}`,
          lastName: code,
          roles: ['agent'],
        });
        await setDepartmentMemberships(tx, tenant.id, agent.id, [departmentId]);
        agents.push(agent.id);
      }
      agentsByDepartment.set(code, agents);
    }
    const reception = await insertUser(tx, {
      tenantId: tenant.id,
      kind: 'agent',
      email: 'accueil@bench.guichet.test',
      roles: ['reception'],
      firstName: 'Accueil',
      lastName: 'Mairie',
    });
    const signatory = await insertUser(tx, {
      tenantId: tenant.id,
      kind: 'agent',
      email: 'maire@bench.guichet.test',
      roles: ['signatory'],
      firstName: 'Le',
      lastName: 'Maire',
    });
    await insertUser(tx, {
      tenantId: tenant.id,
      kind: 'agent',
      email: benchAccounts.admin,
      passwordHash,
      emailVerifiedAt: new Date(),
      roles: ['admin'],
      firstName: 'Admin',
      lastName: 'Bench',
    });
    const citizens: { id: string; person: GeneratedPerson }[] = [];
    const emails = new Set<string>();
    for (let index = 0; index < citizenCount; index += 1) {
      const person = generateCitizen(seed, index);
      if (emails.has(person.email)) person.email = person.email.replace('@', `.${index}@`);
      emails.add(person.email);
      citizens.push({ id: randomUUID(), person });
    }
    const town: TownIds = {
      tenantId: tenant.id,
      categoryIds,
      departmentIds,
      agentsByDepartment,
      receptionId: reception.id,
      signatoryId: signatory.id,
      citizenOf: (index) => citizens[index]!,
    };
    return { town, citizens, voirieDepartmentId: departmentIds.get('voirie')! };
  });
}

async function insertCitizens(
  raw: RawSql,
  tenantId: string,
  citizens: { id: string; person: GeneratedPerson }[],
) {
  const now = new Date();
  for (let start = 0; start < citizens.length; start += 5000) {
    const rows = citizens
      .slice(start, start + 5000)
      .map(({ id, person }) => [
        id,
        tenantId,
        'citizen',
        person.email,
        person.firstName,
        person.lastName,
        person.phone,
        person.postalAddress,
        now,
      ]);
    await raw.run(
      `INSERT INTO users (id, tenant_id, kind, email, first_name, last_name, phone, postal_address, email_verified_at) VALUES ${valuesList(rows)}`,
    );
  }
}

/** Loads a fresh bench town of `requests` requests; see the file comment. */
export async function loadBenchTown(options: LoadOptions): Promise<LoadResult> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const seed = options.seed ?? 75_000;
  const generator = new RequestGenerator({
    seed,
    count: options.requests,
    end: options.end ?? new Date(),
    ...(options.spanDays ? { spanDays: options.spanDays } : {}),
  });
  const { town, citizens, voirieDepartmentId } = await seedTown(
    options.database,
    generator.citizenCount,
    seed,
  );
  const raw = await openRawSql(options.database);
  const batchSize = options.batchSize ?? 2000;
  let events = 0;
  let openVoirie = 0;
  const trackingCodes: string[] = [];
  const sampleSize = 2000;
  try {
    await insertCitizens(raw, town.tenantId, citizens);
    const indexes = await findSecondaryIndexes(raw);
    await raw.run(indexes.map((index) => `DROP INDEX IF EXISTS "${index.name}";`).join('\n'));
    try {
      const recent = new RecentIds();
      let batch: RequestRows[] = [];
      let pending: Promise<unknown> = Promise.resolve();
      let loaded = 0;
      let nextReport = 0.1;
      const flush = async (rows: RequestRows[]) => {
        const eventRows = rows.flatMap((row) => row.events.map(eventValues));
        events += eventRows.length;
        await pending;
        pending = raw.run(
          `BEGIN;
INSERT INTO requests (${requestColumns.join(', ')}) VALUES ${valuesList(rows.map(requestValues))};
INSERT INTO request_events (${eventColumns.join(', ')}) VALUES ${valuesList(eventRows)};
COMMIT;`,
        );
        loaded += rows.length;
        if (loaded / options.requests >= nextReport) {
          log(
            `  loaded ${loaded.toLocaleString('en')} requests (${Math.round((performance.now() - started) / 1000)} s)`,
          );
          nextReport += 0.1;
        }
      };
      for (const generated of generator) {
        const rows = buildRequestRows(generated, town, recent);
        if (
          generated.departmentCode === 'voirie' &&
          ['received', 'qualified', 'in_progress', 'waiting_citizen', 'awaiting_approval'].includes(
            rows.request.status ?? '',
          )
        ) {
          openVoirie += 1;
        }
        if (trackingCodes.length < sampleSize) trackingCodes.push(generated.trackingCode);
        else {
          const slot = Math.floor(Math.random() * (generated.index + 1));
          if (slot < sampleSize) trackingCodes[slot] = generated.trackingCode;
        }
        batch.push(rows);
        if (batch.length >= batchSize) {
          await flush(batch);
          batch = [];
        }
      }
      if (batch.length > 0) await flush(batch);
      await pending;
    } finally {
      log(`  rebuilding ${indexes.length} indexes`);
      for (const index of indexes) await raw.run(index.definition);
    }
    const counters = [...generator.referenceCounters].map(([year, last]) => [town.tenantId, year, last]);
    if (counters.length > 0) {
      await raw.run(
        `INSERT INTO request_reference_counters (tenant_id, year, last_value) VALUES ${valuesList(counters)}
         ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = GREATEST(request_reference_counters.last_value, EXCLUDED.last_value)`,
      );
    }
    log('  ANALYZE');
    await raw.run('ANALYZE');
  } finally {
    await raw.close();
  }
  return {
    tenantId: town.tenantId,
    voirieDepartmentId,
    requests: options.requests,
    events,
    citizens: citizens.length,
    seconds: (performance.now() - started) / 1000,
    trackingCodes,
    openVoirie,
  };
}

/**
 * What a run needs to know of a town loaded by an earlier run (`--reuse`): the same facts as
 * `loadBenchTown` returns, read back from the database; `seconds` is NaN (nothing was loaded).
 */
export async function describeBenchTown(database: DatabaseHandle): Promise<LoadResult> {
  const raw = await openRawSql(database);
  try {
    const [town] = (
      await raw.run(`
        SELECT t.id AS tenant_id, d.id AS voirie_id
        FROM tenants t JOIN departments d ON d.tenant_id = t.id AND d.code = 'voirie'
        WHERE t.is_default AND t.slug LIKE 'bench-%'`)
    ).rows;
    if (!town) throw new Error('--reuse: this database holds no bench town (the default town is not one)');
    const tenant = literal(town.tenant_id);
    const [counts] = (
      await raw.run(`
        SELECT
          (SELECT count(*) FROM requests WHERE tenant_id = ${tenant}) AS requests,
          (SELECT count(*) FROM request_events WHERE tenant_id = ${tenant}) AS events,
          (SELECT count(*) FROM users WHERE tenant_id = ${tenant} AND kind = 'citizen') AS citizens,
          (SELECT count(*) FROM requests WHERE tenant_id = ${tenant} AND department_id = ${literal(town.voirie_id)}
             AND status IN ('received', 'qualified', 'in_progress', 'waiting_citizen', 'awaiting_approval')) AS open_voirie`)
    ).rows;
    const codes = (
      await raw.run(
        `SELECT tracking_code FROM requests WHERE tenant_id = ${tenant} ORDER BY random() LIMIT 2000`,
      )
    ).rows;
    return {
      tenantId: String(town.tenant_id),
      voirieDepartmentId: String(town.voirie_id),
      requests: Number(counts!.requests),
      events: Number(counts!.events),
      citizens: Number(counts!.citizens),
      seconds: Number.NaN,
      trackingCodes: codes.map((row) => String(row.tracking_code)),
      openVoirie: Number(counts!.open_voirie),
    };
  } finally {
    await raw.close();
  }
}
