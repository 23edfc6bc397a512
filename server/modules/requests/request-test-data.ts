import type { NewRequest } from './requests.repository';

/** The PostgreSQL error under Drizzle's wrapper: SQLSTATE and constraint name. */
export function databaseErrorOf(error: unknown): { code?: string; constraint?: string } {
  let current: unknown = error;
  while (current instanceof Error) {
    const candidate = current as Error & { code?: string; constraint?: string };
    if (typeof candidate.code === 'string') return { code: candidate.code, constraint: candidate.constraint };
    current = candidate.cause;
  }
  return {};
}

/** The database error `run` fails with; fails the test when it succeeds. */
export async function failureOf(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    return databaseErrorOf(error);
  }
  throw new Error('expected the database to refuse');
}

/** Values of a valid request in `tenantId`, each with its own reference (`2026-9xxxxx`). */
export function createRequestValues(tenantId: string) {
  let count = 0;
  return (overrides: Partial<NewRequest> = {}): Omit<NewRequest, 'trackingCode'> => {
    count += 1;
    return {
      tenantId,
      reference: `2026-9${String(count).padStart(5, '0')}`,
      channel: 'web',
      subject: 'Demande de test',
      description: 'Une description.',
      ...overrides,
    };
  };
}
