import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../../../test/build-test-app';
import type { AgentScope } from '../backoffice.policy';
import { requests } from '../requests.tables';
import { generateTrackingCode } from '../tracking-code';
import {
  countQueue,
  findQueuePage,
  findSearchPage,
  type QueueFilters,
  type SearchBounds,
} from './queue.repository';

/**
 * findSearchPage changes the order of the work (window first for frequent words, count first for
 * the others), never the answer: each branch is compared with the rule it implements, on bounds
 * small enough to reach every branch with a few dozen requests.
 */
describe('findSearchPage: a relevance search and its count', () => {
  let t: TestContext;
  let scope: AgentScope;
  const hour = 3_600_000;
  const start = Date.parse('2025-03-01T08:00:00Z');

  beforeAll(async () => {
    t = await buildTestApp();
    scope = {
      tenantId: t.tenant.id,
      userId: randomUUID(),
      all: true,
      departmentIds: [],
      qualificationQueue: true,
    };
    // Oldest to newest: 3 « lampadaire », 30 « poubelle » (the oldest one says it three times, the
    // best rank), 10 « banc », then 5 more « poubelle ».
    const subjects = [
      ...Array.from({ length: 3 }, (_, index) => `Lampadaire éteint n° ${index}`),
      'Poubelle, poubelle, poubelle',
      ...Array.from({ length: 29 }, (_, index) => `Poubelle non ramassée n° ${index}`),
      ...Array.from({ length: 10 }, (_, index) => `Banc cassé n° ${index}`),
      ...Array.from({ length: 5 }, (_, index) => `Poubelle renversée n° ${index}`),
    ];
    await t.app.ctx.db.insert(requests).values(
      subjects.map((subject, index) => ({
        tenantId: t.tenant.id,
        reference: `2025-${String(index + 1).padStart(6, '0')}`,
        trackingCode: generateTrackingCode(),
        channel: 'letter' as const,
        status: 'closed' as const,
        subject,
        description: 'Signalé au guichet.',
        receivedAt: new Date(start + index * hour),
      })),
    );
  }, 60_000);
  afterAll(() => t.close());

  const filters = (search: string): QueueFilters & { search: string } => ({
    statuses: 'all',
    search,
    now: new Date('2025-04-01T00:00:00Z'),
  });
  const page = { limit: 25, offset: 0 };

  /** The rule: count up to `results`; with more, rank the window's matches, otherwise all of them. */
  async function byTheRule(search: string, bounds: SearchBounds, offset = 0) {
    const counted = await countQueue(t.app.ctx.db, scope, filters(search), bounds.results);
    const rows = await findQueuePage(t.app.ctx.db, scope, filters(search), {
      sort: 'relevance',
      ...page,
      offset,
      resultLimit: bounds.results,
      recentWindow: counted.capped ? bounds.window : undefined,
    });
    return { rows, total: counted.total, capped: counted.capped };
  }

  const references = (result: { rows: { reference: string }[] }) => result.rows.map((row) => row.reference);
  const subjects = (result: { rows: { subject: string }[] }) => result.rows.map((row) => row.subject);

  it('frequent word, more matches in the window than it ranks: « plus de » without a full count', async () => {
    // The 5 newest all match (probe 5/5); the window of 15 holds 5 > 4 matches.
    const bounds = { results: 4, window: 15, probe: 5 };
    const result = await findSearchPage(t.app.ctx.db, scope, filters('poubelles'), page, bounds);
    expect(result).toMatchObject({ total: 4, capped: true });
    expect(subjects(result).every((subject) => subject.startsWith('Poubelle renversée'))).toBe(true);
    expect(result.rows).toHaveLength(4);
    expect(result).toEqual(await byTheRule('poubelles', bounds));
  });

  it('frequent word, fewer matches in the window than it ranks but more in all: the window is ranked', async () => {
    const bounds = { results: 8, window: 15, probe: 5 };
    const result = await findSearchPage(t.app.ctx.db, scope, filters('poubelle'), page, bounds);
    expect(result).toMatchObject({ total: 8, capped: true });
    expect(result.rows).toHaveLength(5);
    expect(result).toEqual(await byTheRule('poubelle', bounds));
  });

  it('frequent word whose matches all lie in the window: counted exactly, ranked from the window', async () => {
    const bounds = { results: 40, window: 50, probe: 5 };
    const result = await findSearchPage(t.app.ctx.db, scope, filters('poubelle'), page, bounds);
    expect(result).toMatchObject({ total: 35, capped: false });
    expect(subjects(result)[0]).toBe('Poubelle, poubelle, poubelle');
    expect(result).toEqual(await byTheRule('poubelle', bounds));
  });

  it('frequent word with matches older than the window and no more than it ranks: all are ranked', async () => {
    // The window of 42 stops short of the oldest « poubelle », the best rank.
    const bounds = { results: 40, window: 42, probe: 5 };
    const result = await findSearchPage(t.app.ctx.db, scope, filters('poubelle'), page, bounds);
    expect(result).toMatchObject({ total: 35, capped: false });
    expect(subjects(result)[0]).toBe('Poubelle, poubelle, poubelle');
    expect(result).toEqual(await byTheRule('poubelle', bounds));
  });

  it('rare word: counted first, every match ranked', async () => {
    const bounds = { results: 40, window: 42, probe: 5 };
    const result = await findSearchPage(t.app.ctx.db, scope, filters('lampadaires'), page, bounds);
    expect(result).toMatchObject({ total: 3, capped: false });
    expect(result).toEqual(await byTheRule('lampadaires', bounds));
  });

  it('a page past the window’s matches is empty, with the same count as by the rule', async () => {
    const bounds = { results: 4, window: 15, probe: 5 };
    const past = await findSearchPage(
      t.app.ctx.db,
      scope,
      filters('poubelle'),
      { limit: 25, offset: 25 },
      bounds,
    );
    expect(past).toEqual({ rows: [], total: 4, capped: true });
    expect(past).toEqual(await byTheRule('poubelle', bounds, 25));
    const second = await findSearchPage(
      t.app.ctx.db,
      scope,
      filters('poubelle'),
      { limit: 10, offset: 10 },
      { results: 40, window: 50, probe: 5 },
    );
    expect(references(second)).toHaveLength(10);
    expect(second.total).toBe(35);
  });
});
