import { describe, expect, it } from 'vitest';
import { needsReason, transitionChoices } from './request-actions';
import { requestIdOf } from './use-request-events';

describe('status changes offered on the request page', () => {
  it('leaves qualification and duplicates to their own forms', () => {
    expect(transitionChoices(['qualified', 'rejected', 'duplicate'])).toEqual(['rejected']);
    expect(transitionChoices(['waiting_citizen', 'answered', 'rejected'])).toEqual([
      'waiting_citizen',
      'answered',
      'rejected',
    ]);
  });

  it('asks a reason to reject and to reopen a closed request', () => {
    expect(needsReason('received', 'rejected')).toBe(true);
    expect(needsReason('closed', 'in_progress')).toBe(true);
    expect(needsReason('answered', 'in_progress')).toBe(false);
    expect(needsReason('in_progress', 'waiting_citizen')).toBe(false);
  });
});

describe('live events', () => {
  it('reads the request id from an SSE message', () => {
    expect(
      requestIdOf(JSON.stringify({ id: '7', channel: 'c', type: 'request.updated', data: { id: 'abc' } })),
    ).toBe('abc');
    expect(requestIdOf('{"data":{}}')).toBeNull();
    expect(requestIdOf('not json')).toBeNull();
  });
});
