import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error';
import { type AgentScope, requireVisibleRequest, scopeCovers, withDescendants } from './backoffice.policy';
import type { Request } from './requests.repository';

describe('back-office scope', () => {
  const departments = [
    { id: 'voirie', parentId: null },
    { id: 'voirie-nord', parentId: 'voirie' },
    { id: 'voirie-nord-est', parentId: 'voirie-nord' },
    { id: 'culture', parentId: null },
  ];

  it('walks the department tree below the given roots', () => {
    expect(withDescendants(departments, ['voirie']).sort()).toEqual([
      'voirie',
      'voirie-nord',
      'voirie-nord-est',
    ]);
    expect(withDescendants(departments, ['voirie-nord-est'])).toEqual(['voirie-nord-est']);
    expect(withDescendants(departments, [])).toEqual([]);
  });

  it('survives a cycle in the parent links', () => {
    const cyclic = [
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
    ];
    expect(withDescendants(cyclic, ['a']).sort()).toEqual(['a', 'b']);
  });

  const scope = (overrides: Partial<AgentScope>): AgentScope => ({
    tenantId: 't1',
    userId: 'me',
    all: false,
    departmentIds: [],
    qualificationQueue: false,
    ...overrides,
  });
  const request = (overrides: Partial<Request>) =>
    ({
      tenantId: 't1',
      departmentId: 'voirie',
      status: 'in_progress',
      assigneeId: null,
      ...overrides,
    }) as Request;

  it('covers by department, by the qualification queue, or everything for an admin, never another town', () => {
    expect(scopeCovers(scope({ departmentIds: ['voirie'] }), request({}))).toBe(true);
    expect(scopeCovers(scope({ departmentIds: ['culture'] }), request({}))).toBe(false);
    expect(scopeCovers(scope({ qualificationQueue: true }), request({ status: 'received' }))).toBe(true);
    expect(scopeCovers(scope({ qualificationQueue: true }), request({}))).toBe(false);
    expect(scopeCovers(scope({ departmentIds: ['voirie'] }), request({ departmentId: null }))).toBe(false);
    expect(scopeCovers(scope({ all: true }), request({ departmentId: null }))).toBe(true);
    expect(scopeCovers(scope({ all: true }), request({ tenantId: 't2' }))).toBe(false);
    // The agent's own assignments stay visible wherever they sit.
    expect(scopeCovers(scope({ departmentIds: ['culture'] }), request({ assigneeId: 'me' }))).toBe(true);
    expect(scopeCovers(scope({ departmentIds: ['culture'] }), request({ assigneeId: 'someone' }))).toBe(
      false,
    );
    expect(scopeCovers(scope({}), request({ assigneeId: 'me', tenantId: 't2' }))).toBe(false);
  });

  it('answers REQUEST_NOT_FOUND alike for a missing request and one outside the scope', () => {
    const outside = () => requireVisibleRequest(scope({ departmentIds: ['culture'] }), request({}));
    const missing = () => requireVisibleRequest(scope({ all: true }), undefined);
    for (const attempt of [outside, missing]) {
      expect(attempt).toThrow(AppError);
      try {
        attempt();
      } catch (error) {
        expect((error as AppError).code).toBe('REQUEST_NOT_FOUND');
      }
    }
  });
});
