import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/app-error';
import {
  actorKinds,
  assertTransition,
  canTransition,
  isOpen,
  isTerminal,
  listAllowedTransitions,
  phaseOf,
  requestStatuses,
  type ActorKind,
  type RequestStatus,
} from './lifecycle';

/**
 * The expected table, written out by hand from the issue (not derived from the code under test):
 * "from → to: actors". Everything else in the cross product must be refused.
 */
const expectedAllowed = [
  'received → qualified: agent',
  'received → rejected: agent',
  'received → duplicate: agent',
  'received → cancelled: citizen',
  'qualified → in_progress: agent',
  'qualified → rejected: agent',
  'qualified → duplicate: agent',
  'qualified → cancelled: citizen',
  'in_progress → waiting_citizen: agent',
  'in_progress → awaiting_approval: agent system',
  'in_progress → answered: agent',
  'in_progress → rejected: agent',
  'waiting_citizen → in_progress: citizen agent',
  'waiting_citizen → answered: agent',
  'awaiting_approval → in_progress: agent system',
  'awaiting_approval → answered: agent system',
  'answered → closed: agent system',
  'answered → in_progress: citizen agent',
  'closed → in_progress: agent',
];

const allowed = new Set(
  expectedAllowed.flatMap((line) => {
    const [transition, actors] = line.split(': ') as [string, string];
    return actors.split(' ').map((actor) => `${transition} by ${actor}`);
  }),
);

const crossProduct = requestStatuses.flatMap((from) =>
  requestStatuses.flatMap((to) =>
    actorKinds.map((actor) => ({
      from,
      to,
      actor,
      isAllowed: allowed.has(`${from} → ${to} by ${actor}`),
    })),
  ),
);

/** Details that satisfy any requirement, so only the table decides. */
const fullDetails = { reason: 'Hors compétence de la commune', duplicateOfId: 'original-id' };

function transitionError(from: RequestStatus, to: RequestStatus, actor: ActorKind): unknown {
  try {
    assertTransition(from, to, actor, fullDetails);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('lifecycle transitions', () => {
  it('covers the whole cross product of statuses and actors', () => {
    expect(crossProduct).toHaveLength(10 * 10 * 3);
    expect(crossProduct.filter((entry) => entry.isAllowed)).toHaveLength(allowed.size);
    expect(allowed.size).toBe(25);
  });

  it.each(crossProduct.filter((entry) => entry.isAllowed))(
    'allows $from → $to by $actor',
    ({ from, to, actor }) => {
      expect(canTransition(from, to, actor)).toBe(true);
      expect(transitionError(from, to, actor)).toBeUndefined();
    },
  );

  it.each(crossProduct.filter((entry) => !entry.isAllowed))(
    'refuses $from → $to by $actor with TRANSITION_NOT_ALLOWED',
    ({ from, to, actor }) => {
      expect(canTransition(from, to, actor)).toBe(false);
      const error = transitionError(from, to, actor);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('TRANSITION_NOT_ALLOWED');
      expect((error as AppError).status).toBe(409);
      expect((error as AppError).details).toMatchObject({ from, to, actorKind: actor });
    },
  );

  it('lists what an actor may do next', () => {
    expect(listAllowedTransitions('received', 'agent')).toEqual(['qualified', 'rejected', 'duplicate']);
    expect(listAllowedTransitions('received', 'citizen')).toEqual(['cancelled']);
    expect(listAllowedTransitions('answered', 'citizen')).toEqual(['in_progress']);
    expect(listAllowedTransitions('cancelled', 'agent')).toEqual([]);
  });
});

describe('transition requirements', () => {
  function fieldOf(run: () => void): string | undefined {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('VALIDATION_FAILED');
      const errors = (error as AppError).details?.errors as { field: string }[];
      return errors[0]?.field;
    }
    return undefined;
  }

  it.each([
    ['received', 'rejected'],
    ['qualified', 'rejected'],
    ['in_progress', 'rejected'],
    ['closed', 'in_progress'],
  ] as const)('requires a reason for %s → %s', (from, to) => {
    expect(fieldOf(() => assertTransition(from, to, 'agent'))).toBe('reason');
    expect(fieldOf(() => assertTransition(from, to, 'agent', { reason: '   ' }))).toBe('reason');
    expect(fieldOf(() => assertTransition(from, to, 'agent', { reason: 'Hors compétence' }))).toBeUndefined();
  });

  it.each([['received'], ['qualified']] as const)('requires the original for %s → duplicate', (from) => {
    expect(fieldOf(() => assertTransition(from, 'duplicate', 'agent'))).toBe('duplicateOf');
    expect(
      fieldOf(() => assertTransition(from, 'duplicate', 'agent', { duplicateOfId: 'original-id' })),
    ).toBeUndefined();
  });

  it('checks the table before the requirements', () => {
    const run = () => assertTransition('in_progress', 'duplicate', 'agent');
    expect(run).toThrow(AppError);
    expect(() => run()).toThrowError(expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED' }));
  });

  it('needs nothing more for ordinary transitions', () => {
    expect(() => assertTransition('received', 'qualified', 'agent')).not.toThrow();
    expect(() => assertTransition('answered', 'in_progress', 'citizen')).not.toThrow();
  });
});

describe('phases', () => {
  it.each([
    ['received', 'qualification', false, true],
    ['qualified', 'treatment', false, true],
    ['in_progress', 'treatment', false, true],
    ['waiting_citizen', 'treatment', false, true],
    ['awaiting_approval', 'treatment', false, true],
    ['answered', 'delivery', false, false],
    ['closed', 'closed', true, false],
    ['rejected', 'closed', true, false],
    ['duplicate', 'closed', true, false],
    ['cancelled', 'closed', true, false],
  ] as const)('%s is in phase %s (terminal: %s, open: %s)', (status, phase, terminal, open) => {
    expect(phaseOf(status)).toBe(phase);
    expect(isTerminal(status)).toBe(terminal);
    expect(isOpen(status)).toBe(open);
  });
});
