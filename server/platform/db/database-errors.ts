/**
 * Whether `error` (or its cause: Drizzle wraps driver errors) is PostgreSQL's unique violation
 * (SQLSTATE 23505), optionally on one named constraint. Both node-postgres and PGlite report
 * `code` and `constraint`.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const candidate = current as Error & { code?: unknown; constraint?: unknown };
    if (candidate.code === '23505') return constraint === undefined || candidate.constraint === constraint;
    current = candidate.cause;
  }
  return false;
}
