import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../test/build-test-app';
import { type Db, type DbOrTx, queryRows } from '../../platform/db/client';
import { createRequestValues, failureOf } from './request-test-data';
import { insertRequestWithUniqueTrackingCode, updateRequestAtVersion } from './requests.repository';

describe('requests table', () => {
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

  describe('database constraints', () => {
    it('accepts a description of 10,000 characters and refuses 10,001', async () => {
      const longest = await insertRequestWithUniqueTrackingCode(
        db,
        requestValues({ description: 'é'.repeat(10_000) }),
      );
      expect(longest.description).toHaveLength(10_000);
      expect(
        await failureOf(() =>
          insertRequestWithUniqueTrackingCode(db, requestValues({ description: 'é'.repeat(10_001) })),
        ),
      ).toEqual({ code: '23514', constraint: 'requests_description_length_check' });
    });

    it.each([
      [{ latitude: 91, longitude: 2 }, 'requests_latitude_check'],
      [{ latitude: 48.8, longitude: -181 }, 'requests_longitude_check'],
      [{ latitude: 48.8 }, 'requests_coordinates_pair_check'],
      [{ satisfactionRating: 0 }, 'requests_satisfaction_rating_check'],
      [{ satisfactionRating: 6 }, 'requests_satisfaction_rating_check'],
      [{ status: 'archived' as never }, 'requests_status_check'],
      [{ channel: 'fax' as never }, 'requests_channel_check'],
      [{ priority: 'critical' as never }, 'requests_priority_check'],
    ])('refuses %o (%s)', async (overrides, constraint) => {
      expect(
        await failureOf(() => insertRequestWithUniqueTrackingCode(db, requestValues(overrides))),
      ).toEqual({ code: '23514', constraint });
    });

    it('keeps a location and a rating within range', async () => {
      const request = await insertRequestWithUniqueTrackingCode(
        db,
        requestValues({ latitude: -90, longitude: 180, satisfactionRating: 5 }),
      );
      expect(request).toMatchObject({ latitude: -90, longitude: 180, satisfactionRating: 5 });
    });
  });

  describe('search_vector', () => {
    async function searchSubjects(scope: DbOrTx, query: string): Promise<string[]> {
      const rows = await queryRows<{ subject: string }>(
        scope,
        sql`SELECT subject FROM requests
            WHERE tenant_id = ${tenantId}
              AND search_vector @@ websearch_to_tsquery('french_unaccent', ${query})
            ORDER BY subject`,
      );
      return rows.map((row) => row.subject);
    }

    beforeAll(async () => {
      await insertRequestWithUniqueTrackingCode(
        db,
        requestValues({
          reference: '2026-000777',
          subject: 'Chaussée déformée avenue Jean-Jaurès',
          description: 'Les lampadaires de la rue sont éteints depuis lundi.',
          contact: { name: 'Émilie Dupré', email: 'emilie.dupre@example.test' },
        }),
      );
      await insertRequestWithUniqueTrackingCode(
        db,
        requestValues({ subject: 'Ramassage des encombrants', description: 'Un canapé sur le trottoir.' }),
      );
    });

    it('ignores accents: "chaussee" finds "chaussée"', async () => {
      expect(await searchSubjects(db, 'chaussee')).toEqual(['Chaussée déformée avenue Jean-Jaurès']);
    });

    it('ignores plurals: "lampadaire" finds "lampadaires"', async () => {
      expect(await searchSubjects(db, 'lampadaire')).toEqual(['Chaussée déformée avenue Jean-Jaurès']);
    });

    it('finds the reference, the contact and a combination of words', async () => {
      const match = ['Chaussée déformée avenue Jean-Jaurès'];
      expect(await searchSubjects(db, '2026-000777')).toEqual(match);
      expect(await searchSubjects(db, 'dupre')).toEqual(match);
      expect(await searchSubjects(db, 'chaussee -encombrants')).toEqual(match);
      expect(await searchSubjects(db, 'encombrant')).toEqual(['Ramassage des encombrants']);
      expect(await searchSubjects(db, 'piscine')).toEqual([]);
    });

    it('follows search_extra when the use cases update it', async () => {
      const request = await insertRequestWithUniqueTrackingCode(
        db,
        requestValues({ subject: 'Question', description: 'Horaires ?' }),
      );
      expect(await searchSubjects(db, 'mediatheque')).toEqual([]);
      await updateRequestAtVersion(
        db,
        tenantId,
        request.id,
        1,
        { searchExtra: 'Réponse : la médiathèque ouvre à 10 h' },
        new Date(),
      );
      expect(await searchSubjects(db, 'mediatheque')).toEqual(['Question']);
    });
  });
});
