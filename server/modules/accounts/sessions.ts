import { and, eq, ne, sql } from 'drizzle-orm';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context';
import type { DbOrTx } from '../../platform/db/client';
import type { AgentRole, SessionContext } from '../../platform/http/request-context';
import { departmentMemberships, sessions, users } from './accounts.tables';
import { generateSecretToken, hashSecretToken } from './secret-token';
import type { User } from './users.repository';

export const sessionCookieName = 'guichet_session';

/** A session in use is extended (sliding expiry) at most this often, to spare a write per request. */
const extensionIntervalMs = 5 * 60_000;

export function sessionCookieOptions(ctx: AppContext, expiresAt: Date): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.publicUrl.startsWith('https://'),
    expires: expiresAt,
  };
}

function sessionExpiry(ctx: AppContext, from: Date): Date {
  return new Date(from.getTime() + ctx.config.sessionTtlHours * 3600_000);
}

/**
 * Opens a session for `user` (already authenticated), sets the `guichet_session` cookie and
 * returns the CSRF token the client must send back on writes. A session the request already
 * carried is closed first, so a login never reuses an identifier (session fixation).
 */
export async function openSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
): Promise<{ csrfToken: string }> {
  const now = ctx.clock.now();
  if (request.session) await deleteSession(ctx.db, user.tenantId, request.session.id);
  const token = generateSecretToken();
  const csrfToken = generateSecretToken();
  const expiresAt = sessionExpiry(ctx, now);
  await ctx.db.insert(sessions).values({
    id: hashSecretToken(token),
    tenantId: user.tenantId,
    userId: user.id,
    csrfToken,
    userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
    ipAddress: request.ip ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  reply.setCookie(sessionCookieName, token, sessionCookieOptions(ctx, expiresAt));
  request.session = null;
  return { csrfToken };
}

/** Ends the request's session (if any) and clears the cookie. */
export async function closeSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  if (request.session) await deleteSession(ctx.db, request.tenant.id, request.session.id);
  reply.clearCookie(sessionCookieName, { path: '/' });
  request.session = null;
}

/** Ends every session of the user, or every one but `exceptSessionId`. */
export async function closeAllSessions(
  db: DbOrTx,
  tenantId: string,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        eq(sessions.userId, userId),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    );
}

async function deleteSession(db: DbOrTx, tenantId: string, sessionId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)));
}

export interface LoadedSession {
  session: SessionContext;
  /** Set when the session was just extended: the cookie must be sent again with this expiry. */
  extendedUntil?: Date;
}

/**
 * The live session of this tenant whose cookie token is `token`, for an active user; extends it
 * when it was last extended more than a few minutes ago. An expired session is deleted.
 */
export async function loadSession(
  ctx: AppContext,
  tenantId: string,
  token: string,
): Promise<LoadedSession | undefined> {
  const now = ctx.clock.now();
  const sessionId = hashSecretToken(token);
  // The agent's departments come in the same statement: this runs before every request of a
  // logged-in user, and on PGlite each statement is a turn of the one database thread.
  const [row] = await ctx.db
    .select({
      session: sessions,
      user: users,
      departmentIds: sql<string[]>`array(
        select ${departmentMemberships.departmentId}::text from ${departmentMemberships}
        where ${departmentMemberships.tenantId} = ${tenantId} and ${departmentMemberships.userId} = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId), eq(users.tenantId, tenantId)))
    .limit(1);
  if (!row) return undefined;
  if (row.session.expiresAt <= now || !row.user.isActive) {
    await deleteSession(ctx.db, tenantId, sessionId);
    return undefined;
  }

  let extendedUntil: Date | undefined;
  if (now.getTime() - row.session.lastSeenAt.getTime() >= extensionIntervalMs) {
    extendedUntil = sessionExpiry(ctx, now);
    await ctx.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: extendedUntil })
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)));
  }

  const { user } = row;
  const departmentIds = user.kind === 'agent' ? row.departmentIds : [];
  return {
    session: {
      id: sessionId,
      csrfToken: row.session.csrfToken,
      user: {
        id: user.id,
        tenantId: user.tenantId,
        kind: user.kind,
        email: user.email,
        firstName: user.firstName,
        lastName: user.lastName,
        roles: user.roles as AgentRole[],
        departmentIds,
      },
    },
    extendedUntil,
  };
}
