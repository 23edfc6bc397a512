import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentRoles } from '../../server/platform/http/request-context';
import { buildTestApp, type TestContext } from '../build-test-app';
import { connectEventStream } from '../fixtures/event-stream-client';
import { logInAccount } from '../login';
import { populateTown, type PopulatedTown, type TownRole } from './populate-town';
import { listRoutes, type RouteEntry } from './route-inventory';
import { snapshotTown } from './town-snapshot';
import { send, type Answer, type Caller } from './walk-client';
import {
  idFieldsOf,
  lookalikeOf,
  replaceValues,
  TryBuilder,
  twinOf,
  type TownKind,
  type TryAim,
} from './walk-inputs';

/**
 * Two towns on one app. Every route Fastify serves (the OpenAPI document's and the hidden ones)
 * is tried by every role of town A, anonymously, and as the SMS gateway where it calls, on A's
 * host with A's session and CSRF token:
 * - once with town B's ids everywhere: in the path, the query and the body;
 * - where the query or the body takes ids, once per such field with B's id in that field alone
 *   (the path and the other fields naming A's own things), and once plainly, with A's things only.
 * Nothing of B may be found, used or changed:
 * - a path naming one of B's things never answers 2xx: 404 for a role that may use the route,
 *   401/403 for one that may not (or the redirect an OpenID Connect callback always gives);
 * - a try carrying B's values answers exactly as its twin, the same try with look-alike values
 *   that exist nowhere (same status, same problem code): B's things are indistinguishable from
 *   nothing;
 * - no answer shows any of B's ids, addresses, codes, tokens or words, except those it was sent;
 * - B's rows are the same before and after.
 */

const smsWebhookToken = 'jeton-de-la-passerelle-sms-0123456789';
type Role = 'anonymous' | TownRole | 'smsGateway';

describe('cross-town walk: town A’s roles against town B’s ids', () => {
  let t: TestContext;
  let townA: PopulatedTown;
  let townB: PopulatedTown;
  let baseUrl: string;
  /** A's sessions by role, as they are now (a try that logs out is followed by a new login). */
  const sessions = new Map<Role, { cookie: string; headers: Record<string, string> }>();
  const sessionOf = (role: TownRole) => sessions.get(role)!;

  beforeAll(async () => {
    t = await buildTestApp({ config: { serveWeb: true }, env: { SMS_WEBHOOK_TOKEN: smsWebhookToken } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    townA = await populateTown(t.app, 'Ville d’Alpha');
    townB = await populateTown(t.app, 'Ville de Bêta');
    for (const [role, session] of Object.entries(townA.sessions)) sessions.set(role as Role, session);
  }, 180_000);
  afterAll(() => t.close());

  /** Every string of B worth looking for in an answer: its ids, codes, addresses, tokens, words. */
  async function markersOfTownB(): Promise<Set<string>> {
    const { tenant } = townB.context;
    const markers = new Set<string>([townB.marker, tenant.host, tenant.id]);
    const snapshot = await snapshotTown(t.app.ctx.db, tenant.id);
    for (const rows of Object.values(snapshot)) {
      for (const row of rows) {
        for (const match of row.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)) {
          markers.add(match[0]);
        }
      }
    }
    const kinds: TownKind[] = [
      'trackingCode',
      'accountEmail',
      'confirmEmailToken',
      'resetPasswordToken',
      'invitationToken',
      'smsProviderId',
      'identityProviderSlug',
    ];
    for (const kind of kinds) for (const value of townB.values[kind]) markers.add(value);
    return markers;
  }

  function rolesFor(route: RouteEntry): Role[] {
    const isGatewayRoute = route.operation?.security?.some((scheme) => 'smsGatewayToken' in scheme);
    return ['anonymous', 'citizen', ...agentRoles, ...(isGatewayRoute ? (['smsGateway'] as const) : [])];
  }

  let addressCounter = 0;
  function callerOf(role: Role): Caller {
    addressCounter += 1;
    const n = addressCounter;
    const remoteAddress = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const host = townA.context.tenant.host;
    if (role === 'smsGateway') {
      return { host, remoteAddress, headers: { authorization: `Bearer ${smsWebhookToken}` } };
    }
    return { host, remoteAddress, headers: sessions.get(role)?.headers };
  }

  /** A try may end the role's session (log out, log out everywhere): log in again. */
  async function keepSessionAlive(role: Role) {
    const session = sessions.get(role);
    if (!session || role === 'anonymous' || role === 'smsGateway') return;
    const check = await townA.context.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: session.cookie },
    });
    if (check.statusCode !== 200) {
      sessions.set(role, await logInAccount(townA.context, townA.sessions[role]));
    }
  }

  const problemCodeOf = (answer: Answer) =>
    answer.contentType.includes('application/problem+json')
      ? ((JSON.parse(answer.body) as { code?: string }).code ?? null)
      : null;

  it('finds nothing of town B, changes nothing of it, and never shows its data', async () => {
    const routes = listRoutes(t.app);
    const before = await snapshotTown(t.app.ctx.db, townB.context.tenant.id);
    const markers = await markersOfTownB();

    const rotation = new Map<TownKind, number>();
    const town = {
      of(kind: TownKind) {
        const values = townB.values[kind];
        const index = rotation.get(kind) ?? 0;
        rotation.set(kind, index + 1);
        return values[index % values.length]!;
      },
      lookalike: lookalikeOf,
      own: (kind: TownKind) => townA.values[kind][0]!,
    };

    const failures: string[] = [];
    const tally = new Map<string, number>();
    const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
    let tries = 0;
    let twins = 0;

    async function attempt(route: RouteEntry, role: Role, aim: TryAim) {
      const builder = new TryBuilder(route, town, aim);
      const request = builder.build();
      const aimLabel =
        typeof aim === 'object' ? `B in ${aim.field}` : aim === 'everything' ? 'B everywhere' : 'A only';
      const label = `${role} ${route.method} ${route.url} (${aimLabel}) → ${request.url}`;
      const isEventStream = Boolean(route.operation?.responses?.['200']?.content?.['text/event-stream']);
      const answer = await send(t.app, baseUrl, request, callerOf(role), isEventStream);
      tries += 1;
      count(`${builder.namesTownThingInPath ? 'B in path' : 'no B in path'} → ${answer.status}`);

      if (answer.status >= 500) failures.push(`${label}: ${answer.status} ${answer.body.slice(0, 300)}`);
      // A redirect is no finding when its twin redirects alike (an OpenID Connect callback always
      // sends the browser back to the login page, telling nothing).
      const isRefusal =
        [401, 403, 404].includes(answer.status) || (answer.status >= 300 && answer.status < 400);
      if (builder.namesTownThingInPath && !isRefusal) {
        failures.push(`${label}: answered ${answer.status} for B’s id (${answer.body.slice(0, 300)})`);
      }
      // What the try sent may come back (an id in a 404's detail); anything else of B may not.
      const sent = new Map([...builder.used.keys()].map((value) => [value, '«sent»']));
      const seen = replaceValues(`${answer.body} ${answer.exposedHeaders}`, sent);
      const leaked = [...markers].filter((marker) => seen.includes(marker));
      if (leaked.length > 0) failures.push(`${label}: the answer shows B’s ${leaked.join(', ')}`);

      if (builder.used.size > 0) {
        const twin = await send(t.app, baseUrl, twinOf(request, builder.used), callerOf(role), isEventStream);
        twins += 1;
        if (twin.status !== answer.status || problemCodeOf(twin) !== problemCodeOf(answer)) {
          failures.push(
            `${label}: answered ${answer.status} ${problemCodeOf(answer)} but ${twin.status} ` +
              `${problemCodeOf(twin)} for ids that exist nowhere (${answer.body.slice(0, 200)})`,
          );
        }
      }
      if (route.method !== 'GET') await keepSessionAlive(role);
    }

    for (const route of routes) {
      for (const role of rolesFor(route)) {
        await attempt(route, role, 'everything');
        const fields = idFieldsOf(route);
        // Aimed fields first: refused, they change nothing, and the plain try may change A's things.
        for (const field of fields) await attempt(route, role, { field });
        if (fields.length > 0) await attempt(route, role, 'nothing');
      }
    }

    console.log(
      `cross-town walk: ${tries} tries of ${routes.length} routes by ${rolesFor(routes[0]!).length} roles of ` +
        `town A (and the SMS gateway), ${twins} of them compared with a look-alike try; answers: ` +
        [...tally]
          .sort()
          .map(([key, n]) => `${key}: ${n}`)
          .join(', '),
    );
    expect(failures).toEqual([]);
    expect(await snapshotTown(t.app.ctx.db, townB.context.tenant.id)).toEqual(before);
  }, 600_000);

  it('town B’s live updates never reach the streams of town A', async () => {
    const open = (session: { cookie: string }) =>
      connectEventStream(`${baseUrl}/api/v1/events`, {
        host: townA.context.tenant.host,
        cookie: session.cookie,
      });
    const adminStream = await open(sessionOf('admin'));
    const citizenStream = await open(sessionOf('citizen'));
    expect([adminStream.status, citizenStream.status]).toEqual([200, 200]);
    try {
      const adminOf = (town: PopulatedTown) => (town === townA ? sessionOf('admin') : town.sessions.admin);
      const note = (town: PopulatedTown, requestId: string) =>
        town.context.inject({
          method: 'POST',
          url: `/api/v1/backoffice/requests/${requestId}/notes`,
          headers: adminOf(town).headers,
          payload: { body: `Note ${town.marker}` },
        });
      const message = (town: PopulatedTown, requestId: string) =>
        town.context.inject({
          method: 'POST',
          url: `/api/v1/backoffice/requests/${requestId}/messages`,
          headers: adminOf(town).headers,
          payload: { body: `Message ${town.marker}` },
        });
      // B changes its request and writes to its citizen, then A does the same: the first event
      // each stream of A receives is A's.
      const requestOfB = townB.values.request[0]!;
      expect((await note(townB, requestOfB)).statusCode).toBe(201);
      expect((await message(townB, requestOfB)).statusCode).toBe(201);
      const requestOfA = townA.values.request[0]!;
      expect((await note(townA, requestOfA)).statusCode).toBe(201);
      expect((await message(townA, requestOfA)).statusCode).toBe(201);

      const markers = await markersOfTownB();
      for (const stream of [adminStream, citizenStream]) {
        const event = await stream.nextEvent();
        expect(event.data).toContain(requestOfA);
        expect([...markers].filter((marker) => event.data.includes(marker))).toEqual([]);
      }
    } finally {
      adminStream.close();
      citizenStream.close();
    }
  });

  it('a session of town A is no session on town B’s host', async () => {
    for (const role of Object.keys(townA.sessions) as TownRole[]) {
      const session = sessionOf(role);
      const atHome = await townA.context.inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: session.headers,
      });
      expect(atHome.statusCode, role).toBe(200);
      const onB = { host: townB.context.tenant.host, ...session.headers };
      const current = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: onB });
      expect(current.statusCode, role).toBe(204);
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: onB });
      expect(me.statusCode, role).toBe(401);
      const write = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: onB,
        payload: { firstName: 'Intrus' },
      });
      expect(write.statusCode, role).toBe(401);
      const queue = await t.app.inject({ method: 'GET', url: '/api/v1/backoffice/requests', headers: onB });
      expect(queue.statusCode, role).toBe(401);
    }
  });
});
