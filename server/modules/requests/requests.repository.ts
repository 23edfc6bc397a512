import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client';
import { isUniqueViolation } from '../../platform/db/database-errors';
import { formatReference } from './reference';
import { requestEvents, requestReferenceCounters, requests } from './requests.tables';
import { generateTrackingCode } from './tracking-code';

export type Request = typeof requests.$inferSelect;
export type NewRequest = typeof requests.$inferInsert;
export type RequestEvent = typeof requestEvents.$inferSelect;
export type NewRequestEvent = typeof requestEvents.$inferInsert;

const trackingCodeConstraint = 'requests_tenant_tracking_code_key';
const defaultTrackingCodeAttempts = 5;

/**
 * The next reference of `tenantId` for `year`, e.g. `2026-000123`. One upsert on the counter row:
 * concurrent transactions queue on that row's lock, so two never get the same number. A rolled
 * back transaction gives its number back, but callers must not rely on references having no gaps.
 */
export async function allocateReference(db: DbOrTx, tenantId: string, year: number): Promise<string> {
  const [counter] = await db
    .insert(requestReferenceCounters)
    .values({ tenantId, year, lastValue: 1 })
    .onConflictDoUpdate({
      target: [requestReferenceCounters.tenantId, requestReferenceCounters.year],
      set: { lastValue: sql`${requestReferenceCounters.lastValue} + 1` },
    })
    .returning({ lastValue: requestReferenceCounters.lastValue });
  return formatReference(year, counter!.lastValue);
}

export interface InsertRequestOptions {
  /** Defaults to the cryptographic generator; tests inject one to force a collision. */
  generateTrackingCode?: () => string;
  maxAttempts?: number;
}

/**
 * Inserts a request with a fresh tracking code, drawing again when the code is already taken in
 * the tenant. Each attempt runs in a savepoint so a collision does not abort the caller's
 * transaction. With 20^8 codes a second draw is already rare; five failures mean something else
 * is wrong, and the error says so.
 */
export async function insertRequestWithUniqueTrackingCode(
  db: DbOrTx,
  values: Omit<NewRequest, 'trackingCode'>,
  options: InsertRequestOptions = {},
): Promise<Request> {
  const generate = options.generateTrackingCode ?? (() => generateTrackingCode());
  const maxAttempts = options.maxAttempts ?? defaultTrackingCodeAttempts;
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const trackingCode = generate();
    try {
      const [request] = await db.transaction((savepoint) =>
        savepoint
          .insert(requests)
          .values({ ...values, trackingCode })
          .returning(),
      );
      return request!;
    } catch (error) {
      if (!isUniqueViolation(error, trackingCodeConstraint)) throw error;
      lastError = error;
    }
  }
  throw new Error(`No free tracking code after ${maxAttempts} attempts`, { cause: lastError });
}

/** Appends one timeline event; call it in the transaction of the change it records. */
export async function appendEvent(db: DbOrTx, event: NewRequestEvent): Promise<RequestEvent> {
  const [inserted] = await db.insert(requestEvents).values(event).returning();
  return inserted!;
}

export async function findRequestById(
  db: DbOrTx,
  tenantId: string,
  id: string,
): Promise<Request | undefined> {
  const [request] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.tenantId, tenantId), eq(requests.id, id)))
    .limit(1);
  return request;
}

/** The references of some of a town's requests, by id (unknown ids are left out). */
export async function findRequestReferences(
  db: DbOrTx,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: requests.id, reference: requests.reference })
    .from(requests)
    .where(and(eq(requests.tenantId, tenantId), inArray(requests.id, [...ids])));
  return new Map(rows.map((row) => [row.id, row.reference]));
}

export async function findRequestByTrackingCode(
  db: DbOrTx,
  tenantId: string,
  trackingCode: string,
): Promise<Request | undefined> {
  const [request] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.tenantId, tenantId), eq(requests.trackingCode, trackingCode)))
    .limit(1);
  return request;
}

/**
 * Optimistic concurrency: applies `changes` only if the request is still at `expectedVersion`,
 * bumping the version and `updatedAt`. Undefined means another writer got there first (the use
 * case answers 409) or the request is not in this tenant.
 */
export async function updateRequestAtVersion(
  db: DbOrTx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  changes: Partial<Omit<NewRequest, 'id' | 'tenantId' | 'version' | 'reference' | 'trackingCode'>>,
  updatedAt: Date,
): Promise<Request | undefined> {
  const [request] = await db
    .update(requests)
    .set({ ...changes, updatedAt, version: sql`${requests.version} + 1` })
    .where(and(eq(requests.tenantId, tenantId), eq(requests.id, id), eq(requests.version, expectedVersion)))
    .returning();
  return request;
}

/** Marks the request as changed (queues sort and show by it) without a new version. */
export async function touchRequest(
  db: DbOrTx,
  tenantId: string,
  id: string,
  updatedAt: Date,
): Promise<Request | undefined> {
  const [request] = await db
    .update(requests)
    .set({ updatedAt })
    .where(and(eq(requests.tenantId, tenantId), eq(requests.id, id)))
    .returning();
  return request;
}

/** Whether the request's timeline holds an event of that type (a job done once). */
export async function hasTimelineEvent(
  db: DbOrTx,
  tenantId: string,
  requestId: string,
  type: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: requestEvents.id })
    .from(requestEvents)
    .where(
      and(
        eq(requestEvents.tenantId, tenantId),
        eq(requestEvents.requestId, requestId),
        eq(requestEvents.type, type),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The timeline of a request in the order it happened; internal events only when asked. */
export async function findRequestEvents(
  db: DbOrTx,
  tenantId: string,
  requestId: string,
  options: { publicOnly?: boolean } = {},
): Promise<RequestEvent[]> {
  const conditions = [eq(requestEvents.tenantId, tenantId), eq(requestEvents.requestId, requestId)];
  if (options.publicOnly) conditions.push(eq(requestEvents.visibility, 'public'));
  return db
    .select()
    .from(requestEvents)
    .where(and(...conditions))
    .orderBy(requestEvents.createdAt, requestEvents.sequence);
}

/** A citizen's own requests, newest first. */
export async function findRequestsOfCitizen(
  db: DbOrTx,
  tenantId: string,
  citizenId: string,
): Promise<Request[]> {
  return db
    .select()
    .from(requests)
    .where(and(eq(requests.tenantId, tenantId), eq(requests.citizenId, citizenId)))
    .orderBy(desc(requests.createdAt), desc(requests.reference))
    .limit(500);
}
