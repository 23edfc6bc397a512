/** OpenAPI security of agent and citizen reads: the session cookie. */
export const readSecurity = [{ session: [] }];

/** OpenAPI security of writes: the session cookie and its CSRF header. */
export const writeSecurity = [{ session: [], csrf: [] }];
