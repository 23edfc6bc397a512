import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { findPersonNames } from '../../accounts';
import { requestEvents, requests } from '../requests.tables';

export interface TimelineRow {
  id: string;
  createdAt: Date;
  type: string;
  visibility: 'public' | 'internal';
  actorId: string | null;
  actorKind: 'citizen' | 'agent' | 'system';
  actorFirstName: string | null;
  actorLastName: string | null;
  body: string | null;
  data: Record<string, unknown>;
}

/** Every event of a request (internal ones included), oldest first, with the actor's name. */
export async function findTimelineWithActors(
  db: DbOrTx,
  tenantId: string,
  requestId: string,
): Promise<TimelineRow[]> {
  const events = await db
    .select({
      id: requestEvents.id,
      createdAt: requestEvents.createdAt,
      type: requestEvents.type,
      visibility: requestEvents.visibility,
      actorId: requestEvents.actorId,
      actorKind: requestEvents.actorKind,
      body: requestEvents.body,
      data: requestEvents.data,
    })
    .from(requestEvents)
    .where(and(eq(requestEvents.tenantId, tenantId), eq(requestEvents.requestId, requestId)))
    .orderBy(asc(requestEvents.createdAt), asc(requestEvents.sequence));
  const names = await findPersonNames(
    db,
    tenantId,
    events.map((event) => event.actorId),
  );
  return events.map((event) => {
    const actor = event.actorId ? names.get(event.actorId) : undefined;
    return { ...event, actorFirstName: actor?.firstName ?? null, actorLastName: actor?.lastName ?? null };
  });
}

/** The reference of the request `id` of the tenant (the original of a duplicate). */
export async function findReferenceOf(
  db: DbOrTx,
  tenantId: string,
  id: string,
): Promise<{ id: string; reference: string } | undefined> {
  const [row] = await db
    .select({ id: requests.id, reference: requests.reference })
    .from(requests)
    .where(and(eq(requests.tenantId, tenantId), eq(requests.id, id)))
    .limit(1);
  return row;
}
