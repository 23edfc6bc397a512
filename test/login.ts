import type { TestContext } from './build-test-app';

export interface LoggedIn {
  /** `guichet_session=…`, for a Cookie header. */
  cookie: string;
  csrfToken: string;
  /** Headers for an authenticated write: the session cookie and its CSRF token. */
  headers: { cookie: string; 'x-csrf-token': string };
}

/** Logs in through the API (POST /api/v1/auth/login) and returns what later requests must carry. */
export async function logIn(t: TestContext, email: string, password: string): Promise<LoggedIn> {
  const response = await t.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`Login of ${email} failed: ${response.statusCode} ${response.body}`);
  }
  const sessionCookie = response.cookies.find((cookie) => cookie.name === 'guichet_session');
  if (!sessionCookie) throw new Error(`Login of ${email} set no guichet_session cookie`);
  const cookie = `guichet_session=${sessionCookie.value}`;
  const { csrfToken } = response.json() as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
