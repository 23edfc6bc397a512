import { describe, expect, it } from 'vitest';
import { findOwnAccessProblem } from './accounts.policy';

describe('findOwnAccessProblem', () => {
  it('lets an admin change anything of another agent', () => {
    expect(findOwnAccessProblem('me', 'other', { roles: ['agent'], isActive: false })).toBeUndefined();
  });

  it('refuses to drop one’s own admin role', () => {
    expect(findOwnAccessProblem('me', 'me', { roles: ['agent'] })?.field).toBe('roles');
    expect(findOwnAccessProblem('me', 'me', { roles: ['admin', 'agent'] })).toBeUndefined();
  });

  it('refuses to deactivate oneself', () => {
    expect(findOwnAccessProblem('me', 'me', { isActive: false })?.field).toBe('isActive');
    expect(findOwnAccessProblem('me', 'me', { isActive: true })).toBeUndefined();
  });
});
