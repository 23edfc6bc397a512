import { and, desc, eq, gte, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client';
import { findCategoryNames } from '../../organisation';
import type { RequestStatus } from '../lifecycle';
import type { Request } from '../requests.repository';
import { requests } from '../requests.tables';

/** Same category and closer than this: the same pothole, reported twice. */
export const nearbyMeters = 300;
/** Trigram similarity of subject and description that suggests a duplicate within a category… */
export const sameCategorySimilarity = 0.3;
/** …and across categories, where the text alone must say it. */
export const crossCategorySimilarity = 0.5;

export interface DuplicateCandidate {
  id: string;
  reference: string;
  subject: string;
  status: RequestStatus;
  receivedAt: Date;
  category: { id: string; name: string } | null;
  distanceMeters: number | null;
  similarity: number;
}

const earthRadiusMeters = 6_371_000;

/**
 * Requests of the same town that may be the same matter as `request`: received since `since`,
 * not cancelled, not the request itself nor already linked to it as duplicates; in the same
 * category and either within 300 m (both located) or with similar text (pg_trgm similarity of
 * subject and description ≥ 0.3), or with very similar text in any category (≥ 0.5). Ordered by
 * a score: the similarity, plus up to 0.5 for nearness, plus 0.1 for the same category.
 */
export async function findDuplicateCandidates(
  db: DbOrTx,
  request: Pick<
    Request,
    'id' | 'tenantId' | 'categoryId' | 'subject' | 'description' | 'latitude' | 'longitude'
  >,
  options: { since: Date; limit: number },
): Promise<DuplicateCandidate[]> {
  const text = `${request.subject} ${request.description}`;
  const similarity = sql<number>`similarity(${requests.subject} || ' ' || ${requests.description}, ${text}::text)`;
  const hasPoint = request.latitude !== null && request.longitude !== null;
  // Haversine distance; least(1, …) guards asin against rounding just above 1.
  const distance = hasPoint
    ? sql<
        number | null
      >`CASE WHEN ${requests.latitude} IS NULL THEN NULL ELSE ${sql.raw(String(earthRadiusMeters))} * 2 * asin(least(1, sqrt(
        power(sin(radians(${requests.latitude} - ${request.latitude}::double precision) / 2), 2)
        + cos(radians(${request.latitude}::double precision)) * cos(radians(${requests.latitude}))
          * power(sin(radians(${requests.longitude} - ${request.longitude}::double precision) / 2), 2)
      ))) END`
    : sql<number | null>`NULL::double precision`;
  const sameCategory = request.categoryId
    ? sql<boolean>`(${requests.categoryId} IS NOT DISTINCT FROM ${request.categoryId}::uuid)`
    : sql<boolean>`false`;

  const candidates = db.$with('candidates').as(
    db
      .select({
        id: requests.id,
        reference: requests.reference,
        subject: requests.subject,
        status: requests.status,
        receivedAt: requests.receivedAt,
        categoryId: sql<string | null>`${requests.categoryId}`.as('category_id'),
        similarity: similarity.as('similarity'),
        distanceMeters: distance.as('distance_meters'),
        sameCategory: sameCategory.as('same_category'),
      })
      .from(requests)
      .where(
        and(
          eq(requests.tenantId, request.tenantId),
          ne(requests.id, request.id),
          ne(requests.status, 'cancelled'),
          gte(requests.receivedAt, options.since),
          or(isNull(requests.duplicateOfId), ne(requests.duplicateOfId, request.id)),
        ),
      ),
  );

  const near = sql.raw(String(nearbyMeters));
  const score = sql<number>`${candidates.similarity}
    + CASE WHEN ${candidates.distanceMeters} <= ${near} THEN 0.5 * (1 - ${candidates.distanceMeters} / ${near}) ELSE 0 END
    + CASE WHEN ${candidates.sameCategory} THEN 0.1 ELSE 0 END`;
  const rows = await db
    .with(candidates)
    .select()
    .from(candidates)
    .where(
      sql`(${candidates.sameCategory} AND (${candidates.distanceMeters} <= ${near} OR ${candidates.similarity} >= ${sql.raw(String(sameCategorySimilarity))}))
        OR ${candidates.similarity} >= ${sql.raw(String(crossCategorySimilarity))}`,
    )
    .orderBy(desc(score), desc(candidates.receivedAt), candidates.id)
    .limit(options.limit);

  const categoryNames = await findCategoryNames(
    db,
    request.tenantId,
    rows.map((row) => row.categoryId),
  );
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    subject: row.subject,
    status: row.status,
    receivedAt: new Date(row.receivedAt),
    category:
      row.categoryId && categoryNames.has(row.categoryId)
        ? { id: row.categoryId, name: categoryNames.get(row.categoryId)! }
        : null,
    distanceMeters: row.distanceMeters === null ? null : Math.round(Number(row.distanceMeters)),
    similarity: Math.round(Number(row.similarity) * 1000) / 1000,
  }));
}
