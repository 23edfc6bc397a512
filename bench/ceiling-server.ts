/**
 * The bare write ceiling of the intake, run by `npm run bench` beside the real server: a minimal
 * HTTP server (node:http, no framework, no validation, no module) on the same database that does
 * what an intake must write and nothing else — the next reference (the same counter upsert, in its
 * own statement), then in one transaction the request row, its `created` timeline event and a job
 * — with parameterised SQL from a pool of the same size as the app's. The intake's rate divided by
 * this one says how much of the database's capacity the application's own work leaves unused.
 *
 * Environment: PORT, TENANT_ID, and DATABASE_URL (PostgreSQL) or PGLITE_DIR (PGlite, which the
 * process opens itself: the real server must not be running on that directory at the same time).
 * Prints `ceiling listening` when ready. Its jobs have the type `bench.ceiling` (nothing handles
 * them; the bench deletes them before starting the real server and its worker).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import { generateTrackingCode } from '../server/modules/requests/tracking-code';
import { formatReference } from '../server/modules/requests/reference';

export const ceilingJobType = 'bench.ceiling';

interface Query {
  (text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

interface Engine {
  query: Query;
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function openEngine(): Promise<Engine> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c jit=off' });
    return {
      query: (text, values) => pool.query(text, values),
      async transaction(work) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work((text, values) => client.query(text, values));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const dir = process.env.PGLITE_DIR;
  if (!dir) throw new Error('DATABASE_URL or PGLITE_DIR is required');
  const pglite = await PGlite.create({ dataDir: dir, extensions: { unaccent, pg_trgm } });
  return {
    query: (text, values) => pglite.query(text, values) as Promise<{ rows: Record<string, unknown>[] }>,
    transaction: (work) =>
      pglite.transaction((tx) =>
        work((text, values) => tx.query(text, values) as Promise<{ rows: Record<string, unknown>[] }>),
      ),
    close: () => pglite.close(),
  };
}

interface IntakeBody {
  categoryId: string;
  subject: string;
  description: string;
  location?: { address?: string; latitude?: number; longitude?: number };
  contact?: { name: string; email?: string; phone?: string };
}

async function main() {
  const tenantId = process.env.TENANT_ID;
  if (!tenantId) throw new Error('TENANT_ID is required');
  const engine = await openEngine();
  // The routing the app reads per request is read once here: the ceiling is the writes alone.
  const { rows } = await engine.query(
    'SELECT id, default_department_id, deadline_days FROM categories WHERE tenant_id = $1',
    [tenantId],
  );
  const categories = new Map(
    rows.map((row) => [
      String(row.id),
      { departmentId: row.default_department_id as string | null, deadlineDays: Number(row.deadline_days) },
    ]),
  );

  async function intake(body: IntakeBody) {
    const category = categories.get(body.categoryId);
    if (!category) throw new Error('unknown category');
    const now = new Date();
    const year = now.getUTCFullYear();
    const counter = await engine.query(
      `INSERT INTO request_reference_counters (tenant_id, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = request_reference_counters.last_value + 1
       RETURNING last_value`,
      [tenantId, year],
    );
    const reference = formatReference(year, Number(counter.rows[0]!.last_value));
    const id = randomUUID();
    const trackingCode = generateTrackingCode();
    const dueAt = new Date(now.getTime() + category.deadlineDays * 86_400_000);
    await engine.transaction(async (query) => {
      await query(
        `INSERT INTO requests (id, tenant_id, reference, tracking_code, channel, category_id, department_id,
           priority, status, subject, description, location_address, latitude, longitude, contact,
           search_extra, due_at, received_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'web', $5, $6, 'normal', 'received', $7, $8, $9, $10, $11, $12, '', $13, $14, $14, $14)`,
        [
          id,
          tenantId,
          reference,
          trackingCode,
          body.categoryId,
          category.departmentId,
          body.subject,
          body.description,
          body.location?.address ?? null,
          body.location?.latitude ?? null,
          body.location?.longitude ?? null,
          body.contact ? JSON.stringify(body.contact) : null,
          dueAt,
          now,
        ],
      );
      await query(
        `INSERT INTO request_events (tenant_id, request_id, type, actor_kind, visibility, data, created_at)
         VALUES ($1, $2, 'created', 'citizen', 'public', $3, $4)`,
        [
          tenantId,
          id,
          JSON.stringify({
            channel: 'web',
            categoryId: body.categoryId,
            departmentId: category.departmentId,
          }),
          now,
        ],
      );
      await query(
        `INSERT INTO jobs (tenant_id, type, payload, idempotency_key) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [tenantId, ceilingJobType, JSON.stringify({ requestId: id }), `${ceilingJobType}:${id}`],
      );
    });
    return { id, reference, trackingCode };
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'GET' && request.url === '/api/v1/categories') {
        // The bench builds its intake bodies from the town's categories, as it does on the app.
        void engine
          .query('SELECT id, code FROM categories WHERE tenant_id = $1', [tenantId])
          .then((result) =>
            response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result.rows)),
          );
        return;
      }
      if (request.method !== 'POST' || request.url !== '/api/v1/requests') {
        response.writeHead(404).end();
        return;
      }
      intake(JSON.parse(Buffer.concat(chunks).toString('utf8')) as IntakeBody).then(
        (created) => {
          response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(created));
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
        },
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ceiling listening'));
  // PGlite must be closed cleanly before the real server opens the same directory.
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => {
      // Nothing handles these jobs: the real server's worker must not find them.
      void engine
        .query('DELETE FROM jobs WHERE type = $1', [ceilingJobType])
        .then(() => engine.close())
        .then(() => process.exit(0));
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
