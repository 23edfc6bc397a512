import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentRoles } from '../../server/platform/http/request-context';
import { buildTestApp, type TestContext } from '../build-test-app';
import { clearAccountLoginFailures } from '../../server/modules/accounts/login-failures.repository';
import { loginThrottleKeys } from '../../server/modules/accounts/login-throttle';
import { hashPassword } from '../../server/modules/accounts/password';
import { updateUser } from '../../server/modules/accounts/users.repository';
import { logInAccount } from '../login';
import { populateTown, type PopulatedTown, type TownRole } from '../cross-town/populate-town';
import { listRoutes, type RouteEntry } from '../cross-town/route-inventory';
import { lookalikeOf, TryBuilder, type TownKind } from '../cross-town/walk-inputs';
import {
  badValueArbitrary,
  bodySpoilingArbitrary,
  extraQueryTargets,
  plausibleValueAt,
  spoil,
  targetsOf,
  type RawRequest,
  type Spoiling,
} from './bad-input';

/**
 * No 5xx from bad input. Every route Fastify serves (as the cross-town walk lists them: the
 * OpenAPI document's and the hidden ones) is called by every role of one town with a plausible
 * try spoiled in one place by fast-check: a NUL byte in a string, Infinity, NaN or a number out of
 * any range, an overlong or empty string, a date past year 9999, the wrong type, or a whole body
 * that is truncated JSON, not JSON, invalid UTF-8, multipart without a boundary, truncated
 * multipart… Whatever the input, the answer is never a 5xx. The runs are seeded (same tries
 * every time; FAST_CHECK_SEED picks others) and bounded per route and role.
 */

const smsWebhookToken = 'jeton-de-la-passerelle-sms-0123456789';
type Role = 'anonymous' | TownRole | 'smsGateway';
const seed = Number(process.env.FAST_CHECK_SEED ?? 20_261_206);
/**
 * Tries per route, spread over the roles the route lets through (at least three each); a role it
 * refuses (401, 403) gets one, since the refusal comes before the input is used.
 */
const runsPerRoute = 10;
const minimumRunsPerRole = 2;

/** The values put in the path parameters of the plausible try, in order. */
function pathValuesOf(routeUrl: string, builtUrl: string): string[] {
  const pattern = routeUrl.split('/');
  const actual = builtUrl.split('/');
  const values: string[] = [];
  for (const [index, segment] of pattern.entries()) {
    if (segment === '*') values.push(actual.slice(index).map(decodeURIComponent).join('/'));
    else if (segment.startsWith(':')) values.push(decodeURIComponent(actual[index] ?? ''));
  }
  return values;
}

describe('bad input on every route', () => {
  let t: TestContext;
  let town: PopulatedTown;
  let baseUrl: string;
  const sessions = new Map<Role, { cookie: string; headers: Record<string, string> }>();

  beforeAll(async () => {
    t = await buildTestApp({ config: { serveWeb: true }, env: { SMS_WEBHOOK_TOKEN: smsWebhookToken } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    town = await populateTown(t.app, 'Ville de Gamma');
    for (const [role, session] of Object.entries(town.sessions)) sessions.set(role as Role, session);
  }, 180_000);
  afterAll(() => t.close());

  function rolesFor(route: RouteEntry): Role[] {
    const isGatewayRoute = route.operation?.security?.some((scheme) => 'smsGatewayToken' in scheme);
    return ['anonymous', 'citizen', ...agentRoles, ...(isGatewayRoute ? (['smsGateway'] as const) : [])];
  }

  let addressCounter = 0;
  function headersOf(role: Role): { headers: Record<string, string>; remoteAddress: string } {
    addressCounter += 1;
    const n = addressCounter;
    const remoteAddress = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const headers: Record<string, string> = { host: town.context.tenant.host };
    if (role === 'smsGateway') headers.authorization = `Bearer ${smsWebhookToken}`;
    else Object.assign(headers, sessions.get(role)?.headers);
    return { headers, remoteAddress };
  }

  async function keepSessionAlive(role: Role) {
    const session = sessions.get(role);
    if (!session || role === 'anonymous' || role === 'smsGateway') return;
    const check = await town.context.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: session.cookie },
    });
    if (check.statusCode === 200) return;
    // A try may have changed the password (a reset link of the town is valid), and spoiled
    // password changes count as failed logins: put the password back, forget the failures.
    const account = town.sessions[role];
    const tenantId = town.context.tenant.id;
    const passwordHash = await hashPassword(account.password);
    await updateUser(t.app.ctx.db, tenantId, account.id, { passwordHash, isActive: true }, new Date());
    await clearAccountLoginFailures(t.app.ctx.db, loginThrottleKeys(tenantId, account.email, ''));
    sessions.set(role, await logInAccount(town.context, account));
  }

  async function send(request: RawRequest, role: Role, isEventStream: boolean) {
    const { headers, remoteAddress } = headersOf(role);
    Object.assign(headers, request.headers);
    if (isEventStream) return sendOverHttp(request, headers);
    const response = await t.app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers,
      payload: request.payload,
      remoteAddress,
    });
    return { status: response.statusCode, body: response.body };
  }

  /** A route that may answer with an event stream: its status, then hang up. */
  function sendOverHttp(request: RawRequest, headers: Record<string, string>) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = http.request(
        `${baseUrl}${request.url}`,
        // A connection of its own: a kept-alive socket the server has just closed would fail the
        // write (ECONNRESET) through no fault of the route.
        { method: request.method, headers: { accept: 'text/event-stream', ...headers }, agent: false },
        (response) => {
          if (String(response.headers['content-type'] ?? '').startsWith('text/event-stream')) {
            outgoing.destroy();
            resolve({ status: response.statusCode ?? 0, body: '' });
            return;
          }
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(request.payload);
    });
  }

  it('answers every spoiled try with a 4xx (or a success), never a 5xx', async () => {
    const routes = listRoutes(t.app);
    const own = (kind: TownKind) => town.values[kind][0]!;
    const values = { of: own, lookalike: lookalikeOf, own };
    const failures: string[] = [];
    let tries = 0;
    const started = performance.now();
    const slowRoutes: string[] = [];

    for (const [routeIndex, route] of routes.entries()) {
      const plausible = new TryBuilder(route, values, 'nothing').build();
      const pathValues = pathValuesOf(route.url, plausible.url);
      const queryNames = (route.operation?.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      const targets = [
        ...targetsOf(plausible, pathValues.length),
        ...extraQueryTargets(queryNames, plausible),
      ];
      const isEventStream = Boolean(route.operation?.responses?.['200']?.content?.['text/event-stream']);
      const targeted = targets.length
        ? fc.constantFrom(...targets).chain((target) =>
            badValueArbitrary(plausibleValueAt(plausible, target, pathValues)).map((value): Spoiling => ({
              target,
              value,
            })),
          )
        : undefined;
      // A whole body spoiled only where the route takes one (a GET never does).
      const bodyKind = route.operation?.requestBody
        ? Object.keys(route.operation.requestBody.content)[0]
        : route.method === 'GET'
          ? undefined
          : 'application/json';
      const wholeBody = bodyKind
        ? bodySpoilingArbitrary(bodyKind).map((body): Spoiling => ({ body }))
        : undefined;
      const choices = [
        ...(targeted ? [{ arbitrary: targeted, weight: 4 }] : []),
        ...(wholeBody ? [{ arbitrary: wholeBody, weight: 1 }] : []),
      ];
      if (choices.length === 0) continue;
      const spoilings = fc.oneof(...choices);
      const routeStarted = performance.now();
      const roles = rolesFor(route);
      const plainRequest = spoil(plausible, route.url, pathValues, undefined);
      const reaching: Role[] = [];
      for (const role of roles) {
        const answer = await send(plainRequest, role, isEventStream);
        if (![401, 403].includes(answer.status)) reaching.push(role);
        if (route.method !== 'GET') await keepSessionAlive(role);
      }
      const runsPerReachingRole = Math.max(
        minimumRunsPerRole,
        Math.ceil(runsPerRoute / Math.max(1, reaching.length)),
      );

      for (const [roleIndex, role] of roles.entries()) {
        const numRuns = reaching.includes(role) ? runsPerReachingRole : 1;
        await fc.assert(
          fc.asyncProperty(spoilings, async (spoiling) => {
            const request = spoil(plausible, route.url, pathValues, spoiling);
            const answer = await send(request, role, isEventStream);
            tries += 1;
            if (answer.status >= 500) {
              const what = 'target' in spoiling ? spoiling : { body: spoiling.body };
              failures.push(
                `${role} ${route.method} ${route.url} ${JSON.stringify(what).slice(0, 200)} → ` +
                  `${answer.status} ${answer.body.slice(0, 200)}`,
              );
            }
            if (route.method !== 'GET') await keepSessionAlive(role);
            // Failures are gathered over every route rather than stopping at the first, so one
            // run lists them all; the seed replays them.
            return true;
          }),
          { seed: seed + routeIndex * 31 + roleIndex, numRuns },
        );
      }
      const elapsed = performance.now() - routeStarted;
      if (elapsed > 1500) slowRoutes.push(`${route.method} ${route.url}: ${Math.round(elapsed)} ms`);
    }

    console.log(slowRoutes.join('\n'));
    console.log(
      `bad-input walk: ${tries} tries of ${routes.length} routes in ${Math.round((performance.now() - started) / 1000)} s (seed ${seed})`,
    );
    expect(failures).toEqual([]);
  }, 900_000);
});
