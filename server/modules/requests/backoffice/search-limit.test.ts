import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import { buildAdminSession, type LoggedInAccount } from '../../../../test/login';
import { requests } from '../requests.tables';
import { generateTrackingCode } from '../tracking-code';
import { searchResultLimit } from './queue.repository';

/**
 * A common word matches more requests than a search ranks: the 1000 most recent matches are ranked
 * and counted, and the answer says the count stopped there.
 */
describe('back-office search over many matches', () => {
  let t: TestContext;
  let admin: LoggedInAccount;
  const matching = searchResultLimit + 5;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await buildAdminSession(t);
    const start = Date.parse('2025-01-01T08:00:00Z');
    const rows = Array.from({ length: matching }, (_, index) => ({
      tenantId: t.tenant.id,
      reference: `2025-${String(index + 1).padStart(6, '0')}`,
      trackingCode: generateTrackingCode(),
      channel: 'letter' as const,
      status: 'closed' as const,
      // The oldest one says « poubelle » three times: the best rank, but not among the most recent.
      subject: index === 0 ? 'Poubelle, poubelle, poubelle' : `Poubelle non ramassée n° ${index}`,
      description: 'Le bac est resté sur le trottoir.',
      receivedAt: new Date(start + index * 3_600_000),
    }));
    await t.app.ctx.db.insert(requests).values(rows);
    await t.app.ctx.db.insert(requests).values({
      tenantId: t.tenant.id,
      reference: '2025-900000',
      trackingCode: generateTrackingCode(),
      channel: 'web',
      subject: 'Banc cassé',
      description: 'Au square.',
      receivedAt: new Date(start),
    });
  }, 60_000);
  afterAll(() => t.close());

  async function search(query: string) {
    const response = await t.inject({
      method: 'GET',
      url: `/api/v1/backoffice/requests?status=all&${query}`,
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      items: { reference: string; subject: string }[];
      total: number;
      totalCapped: boolean;
    };
  }

  it('counts up to the limit and says so; ranks the most recent matches', async () => {
    const ranked = await search('q=poubelles');
    expect(ranked.total).toBe(searchResultLimit);
    expect(ranked.totalCapped).toBe(true);
    expect(ranked.items).toHaveLength(25);
    const oldestRecent = matching - searchResultLimit + 1;
    for (const item of ranked.items) {
      expect(Number(item.reference.slice(5))).toBeGreaterThanOrEqual(oldestRecent);
    }
  });

  it('still reaches older matches by date, and counts exactly when under the limit', async () => {
    const newest = await search('q=poubelle&sort=received');
    expect(newest.items[0]!.reference).toBe(`2025-${String(matching).padStart(6, '0')}`);
    const few = await search('q=banc');
    expect(few).toMatchObject({ total: 1, totalCapped: false });
    const plain = await search('pageSize=1');
    expect(plain).toMatchObject({ total: matching + 1, totalCapped: false });
  });
});
