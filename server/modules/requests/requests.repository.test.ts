import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { buildTenant } from '../../../test/factories';
import type { Db } from '../../platform/db/client';
import { createRequestValues, failureOf } from './request-test-data';
import {
  allocateReference,
  appendEvent,
  findRequestEvents,
  findRequestByTrackingCode,
  insertRequestWithUniqueTrackingCode,
  updateRequestAtVersion,
} from './requests.repository';
import { requests } from './requests.tables';
import { isTrackingCode } from './tracking-code';

function fixedCodes(...codes: string[]): () => string {
  let index = 0;
  return () => codes[Math.min(index++, codes.length - 1)]!;
}

describe('requests repository', () => {
  let t: TestContext;
  let db: Db;
  let tenantId: string;
  let requestValues: ReturnType<typeof createRequestValues>;

  beforeAll(async () => {
    t = await buildTestApp();
    db = t.app.ctx.db;
    tenantId = t.tenant.id;
    requestValues = createRequestValues(tenantId);
  });
  afterAll(() => t.close());

  describe('allocateReference', () => {
    it('gives 50 concurrent transactions 50 distinct consecutive references', async () => {
      // On PostgreSQL each transaction holds its own pooled connection, so they truly overlap;
      // PGlite has one connection and runs them one after the other.
      const references = await Promise.all(
        Array.from({ length: 50 }, () =>
          db.transaction(async (tx) => {
            await tx.execute(sql`SELECT 1`);
            return allocateReference(tx, tenantId, 2031);
          }),
        ),
      );
      const expected = Array.from({ length: 50 }, (_, index) => `2031-${String(index + 1).padStart(6, '0')}`);
      expect(new Set(references).size).toBe(50);
      expect([...references].sort()).toEqual(expected);
    });

    it('starts again at 1 each year and for each tenant', async () => {
      const otherTenant = await buildTenant(db);
      expect(await allocateReference(db, tenantId, 2026)).toBe('2026-000001');
      expect(await allocateReference(db, tenantId, 2026)).toBe('2026-000002');
      expect(await allocateReference(db, tenantId, 2027)).toBe('2027-000001');
      expect(await allocateReference(db, otherTenant.id, 2026)).toBe('2026-000001');
      expect(await allocateReference(db, tenantId, 2026)).toBe('2026-000003');
    });

    it('gives a rolled-back number back without breaking the sequence', async () => {
      await expect(
        db.transaction(async (tx) => {
          await allocateReference(tx, tenantId, 2040);
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect(await allocateReference(db, tenantId, 2040)).toBe('2040-000001');
    });
  });

  describe('insertRequestWithUniqueTrackingCode', () => {
    it('stores a request with a well-formed tracking code and the defaults', async () => {
      const request = await insertRequestWithUniqueTrackingCode(db, requestValues());
      expect(isTrackingCode(request.trackingCode)).toBe(true);
      expect(request).toMatchObject({ status: 'received', priority: 'normal', version: 1, searchExtra: '' });
      expect(await findRequestByTrackingCode(db, tenantId, request.trackingCode)).toMatchObject({
        id: request.id,
      });
    });

    it('draws again when the tracking code is taken in the tenant, inside the caller’s transaction', async () => {
      const first = await insertRequestWithUniqueTrackingCode(db, requestValues(), {
        generateTrackingCode: fixedCodes('BBBBCCCC'),
      });
      const second = await db.transaction(async (tx) => {
        const inserted = await insertRequestWithUniqueTrackingCode(tx, requestValues(), {
          generateTrackingCode: fixedCodes('BBBBCCCC', 'BBBBCCCC', 'DDDDFFFF'),
        });
        // The transaction survived the collisions and is still usable.
        await allocateReference(tx, tenantId, 2050);
        return inserted;
      });
      expect(first.trackingCode).toBe('BBBBCCCC');
      expect(second.trackingCode).toBe('DDDDFFFF');
    });

    it('gives up after the attempts allowed, leaving nothing half-written', async () => {
      await insertRequestWithUniqueTrackingCode(db, requestValues(), {
        generateTrackingCode: fixedCodes('GGGGHHHH'),
      });
      const subject = 'Jamais enregistrée';
      await expect(
        insertRequestWithUniqueTrackingCode(db, requestValues({ subject }), {
          generateTrackingCode: fixedCodes('GGGGHHHH'),
          maxAttempts: 3,
        }),
      ).rejects.toThrow('No free tracking code after 3 attempts');
      const stored = await db
        .select()
        .from(requests)
        .where(and(eq(requests.tenantId, tenantId), eq(requests.subject, subject)));
      expect(stored).toHaveLength(0);
    });

    it('lets the database refuse a duplicate code in a tenant but allow it in another', async () => {
      const otherTenant = await buildTenant(db);
      await db.insert(requests).values({ ...requestValues(), trackingCode: 'JJJJKKKK' });
      expect(
        await failureOf(() => db.insert(requests).values({ ...requestValues(), trackingCode: 'JJJJKKKK' })),
      ).toEqual({ code: '23505', constraint: 'requests_tenant_tracking_code_key' });
      await db
        .insert(requests)
        .values({ ...requestValues(), tenantId: otherTenant.id, trackingCode: 'JJJJKKKK' });
    });

    it('refuses a reference used twice in a tenant', async () => {
      const values = requestValues();
      await insertRequestWithUniqueTrackingCode(db, values);
      expect(await failureOf(() => insertRequestWithUniqueTrackingCode(db, values))).toEqual({
        code: '23505',
        constraint: 'requests_tenant_reference_key',
      });
    });
  });

  describe('updateRequestAtVersion', () => {
    it('lets one of two writers holding the same version win', async () => {
      const request = await insertRequestWithUniqueTrackingCode(db, requestValues());
      const now = new Date('2026-03-02T09:00:00Z');
      const winner = await updateRequestAtVersion(db, tenantId, request.id, 1, { priority: 'high' }, now);
      const loser = await updateRequestAtVersion(db, tenantId, request.id, 1, { priority: 'low' }, now);
      expect(winner).toMatchObject({ priority: 'high', version: 2, updatedAt: now });
      expect(loser).toBeUndefined();
    });

    it('does not touch another tenant’s request', async () => {
      const otherTenant = await buildTenant(db);
      const request = await insertRequestWithUniqueTrackingCode(db, requestValues());
      expect(
        await updateRequestAtVersion(db, otherTenant.id, request.id, 1, { priority: 'urgent' }, new Date()),
      ).toBeUndefined();
    });
  });

  describe('appendEvent', () => {
    it('keeps the timeline in the order written, public or internal', async () => {
      const request = await insertRequestWithUniqueTrackingCode(db, requestValues());
      await db.transaction(async (tx) => {
        const at = new Date('2026-03-02T10:00:00Z');
        await appendEvent(tx, {
          tenantId,
          requestId: request.id,
          type: 'created',
          actorKind: 'system',
          visibility: 'public',
          createdAt: at,
        });
        await appendEvent(tx, {
          tenantId,
          requestId: request.id,
          type: 'internal_note',
          actorKind: 'agent',
          visibility: 'internal',
          body: 'Voir avec la voirie',
          createdAt: at,
        });
        await appendEvent(tx, {
          tenantId,
          requestId: request.id,
          type: 'status_changed',
          actorKind: 'agent',
          visibility: 'public',
          data: { before: { status: 'received' }, after: { status: 'qualified' } },
          createdAt: at,
        });
      });
      const timeline = await findRequestEvents(db, tenantId, request.id);
      expect(timeline.map((event) => event.type)).toEqual(['created', 'internal_note', 'status_changed']);
      expect(timeline[0]!.data).toEqual({});
      expect(timeline[2]!.data).toEqual({ before: { status: 'received' }, after: { status: 'qualified' } });
      const publicTimeline = await findRequestEvents(db, tenantId, request.id, { publicOnly: true });
      expect(publicTimeline.map((event) => event.type)).toEqual(['created', 'status_changed']);
      expect(await findRequestEvents(db, (await buildTenant(db)).id, request.id)).toEqual([]);
    });

    it('refuses an unknown actor kind or visibility', async () => {
      const request = await insertRequestWithUniqueTrackingCode(db, requestValues());
      const event = { tenantId, requestId: request.id, type: 'created' };
      expect(
        await failureOf(() =>
          appendEvent(db, { ...event, actorKind: 'robot' as never, visibility: 'public' }),
        ),
      ).toEqual({ code: '23514', constraint: 'request_events_actor_kind_check' });
      expect(
        await failureOf(() =>
          appendEvent(db, { ...event, actorKind: 'system', visibility: 'secret' as never }),
        ),
      ).toEqual({ code: '23514', constraint: 'request_events_visibility_check' });
    });
  });
});
