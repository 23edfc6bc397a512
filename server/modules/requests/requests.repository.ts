import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { isTerminal, requestStatuses } from '../../../common/requests';
import type { DbOrTx } from '../../platform/db/client';
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
 * the tenant: `ON CONFLICT (tenant_id, tracking_code) DO NOTHING` inserts nothing on a taken code
 * (any other constraint still fails), so a collision neither aborts the caller's transaction nor
 * costs a savepoint. With 20^8 codes a second draw is already rare; five failures mean something
 * else is wrong, and the error says so.
 */
export async function insertRequestWithUniqueTrackingCode(
  db: DbOrTx,
  values: Omit<NewRequest, 'trackingCode'>,
  options: InsertRequestOptions = {},
): Promise<Request> {
  const generate = options.generateTrackingCode ?? (() => generateTrackingCode());
  const maxAttempts = options.maxAttempts ?? defaultTrackingCodeAttempts;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const trackingCode = generate();
    const [request] = await db
      .insert(requests)
      .values({ ...values, trackingCode })
      .onConflictDoNothing({ target: [requests.tenantId, requests.trackingCode] })
      .returning();
    if (request) return request;
  }
  throw new Error(`No free tracking code after ${maxAttempts} attempts (${trackingCodeConstraint})`);
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

export async function findRequestByReference(
  db: DbOrTx,
  tenantId: string,
  reference: string,
): Promise<Request | undefined> {
  const [request] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.tenantId, tenantId), eq(requests.reference, reference)))
    .limit(1);
  return request;
}

/** How many requests each of these citizen accounts filed, by account id. */
export async function countRequestsOfCitizens(
  db: DbOrTx,
  tenantId: string,
  citizenIds: readonly string[],
): Promise<Map<string, number>> {
  if (citizenIds.length === 0) return new Map();
  const rows = await db
    .select({ citizenId: requests.citizenId, n: count() })
    .from(requests)
    .where(and(eq(requests.tenantId, tenantId), inArray(requests.citizenId, [...citizenIds])))
    .groupBy(requests.citizenId);
  return new Map(rows.flatMap((row) => (row.citizenId ? [[row.citizenId, row.n] as const] : [])));
}

const replyableStatuses = requestStatuses.filter((status) => !isTerminal(status));

/** A stored phone number reduced to its digits and `+`, to compare with the forms of a number. */
function digitsAndPlus(column: unknown) {
  return sql`regexp_replace(coalesce(${column}, ''), '[^0-9+]', '', 'g')`;
}

/**
 * Someone's most recent request that can still take a message: left with a contact phone among
 * `phoneForms`, or filed by one of `citizenIds` (the accounts with that phone).
 */
export async function findLatestReplyableRequest(
  db: DbOrTx,
  tenantId: string,
  who: { phoneForms: readonly string[]; citizenIds: readonly string[] },
): Promise<Request | undefined> {
  const same: SQL[] = [];
  if (who.phoneForms.length > 0) {
    const forms = sql.join(
      who.phoneForms.map((form) => sql`${form}`),
      sql`, `,
    );
    same.push(sql`${digitsAndPlus(sql`${requests.contact} ->> 'phone'`)} IN (${forms})`);
  }
  if (who.citizenIds.length > 0) same.push(inArray(requests.citizenId, [...who.citizenIds]));
  if (same.length === 0) return undefined;
  const [request] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.tenantId, tenantId), inArray(requests.status, replyableStatuses), or(...same)))
    .orderBy(desc(requests.receivedAt))
    .limit(1);
  return request;
}

/** How many requests the town has. */
export async function countTownRequests(db: DbOrTx, tenantId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(requests).where(eq(requests.tenantId, tenantId));
  return row?.n ?? 0;
}

/** A request brought in whole from elsewhere (another program, generated demo data), with its timeline. */
export interface ImportedRequest {
  request: NewRequest;
  events: NewRequestEvent[];
}

/**
 * Imports requests as they are (statuses, dates, timelines), in the caller's transaction, and moves
 * the town's reference counters past the highest imported reference of each year, so that new
 * requests never take an imported one's reference. For data migrations and the demo town.
 */
export async function importRequests(
  tx: DbOrTx,
  tenantId: string,
  rows: readonly ImportedRequest[],
): Promise<void> {
  if (rows.length === 0) return;
  if (rows.some((row) => row.request.tenantId !== tenantId))
    throw new Error('Imported requests of another town');
  await tx.insert(requests).values(rows.map((row) => row.request));
  const events = rows.flatMap((row) => row.events);
  if (events.length > 0) await tx.insert(requestEvents).values(events);
  const highest = new Map<number, number>();
  for (const { request } of rows) {
    const [year, number] = request.reference.split('-').map(Number);
    if (year && number) highest.set(year, Math.max(highest.get(year) ?? 0, number));
  }
  for (const [year, lastValue] of highest) {
    await tx
      .insert(requestReferenceCounters)
      .values({ tenantId, year, lastValue })
      .onConflictDoUpdate({
        target: [requestReferenceCounters.tenantId, requestReferenceCounters.year],
        set: { lastValue: sql`greatest(${requestReferenceCounters.lastValue}, excluded.last_value)` },
      });
  }
}
