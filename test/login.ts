import type { AgentRole } from '../server/platform/http/request-context';
import type { TestContext } from './build-test-app';
import { buildAgent } from './factories';

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

export interface LoggedInAccount extends LoggedIn {
  id: string;
  email: string;
  password: string;
}

/** Logs in an account built by test/factories, keeping its id, e-mail and password beside the session. */
export async function logInAccount(
  t: TestContext,
  account: { id: string; email: string; password: string },
): Promise<LoggedInAccount> {
  const session = await logIn(t, account.email, account.password);
  return { ...session, id: account.id, email: account.email, password: account.password };
}

/** Builds an agent of the test's tenant with these roles (and departments) and logs it in. */
export async function logInNewAgent(
  t: TestContext,
  roles: AgentRole[],
  options: { departmentIds?: string[] } = {},
): Promise<LoggedInAccount> {
  return logInAccount(t, await buildAgent(t.app.ctx.db, t.tenant.id, { roles, ...options }));
}

/** A logged-in administrator of the test's tenant: the usual first step of an admin route test. */
export function buildAdminSession(t: TestContext): Promise<LoggedInAccount> {
  return logInNewAgent(t, ['admin']);
}

/** An administrator, a manager and an agent with `agentRoles`, each logged in: who may do what on admin routes. */
export async function logInStaff(
  t: TestContext,
  agentRoles: AgentRole[],
): Promise<{ admin: LoggedInAccount; manager: LoggedInAccount; agent: LoggedInAccount }> {
  const [admin, manager, agent] = await Promise.all([
    buildAdminSession(t),
    logInNewAgent(t, ['manager']),
    logInNewAgent(t, agentRoles),
  ]);
  return { admin, manager, agent };
}
