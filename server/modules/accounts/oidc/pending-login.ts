import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../app-context';

/**
 * The login in progress between /start and /callback: PKCE verifier, state, nonce, where to go
 * back. It lives in a short-lived, signed (HMAC with SESSION_SECRET), httpOnly cookie rather than
 * in a table because it belongs to one browser for a few minutes: nothing to clean up, nothing
 * to share between app instances, and the state is bound to the browser that started the login
 * (which is what makes `state` a CSRF defence). Signing stops tampering; the verifier is not
 * secret from the browser that holds it, only from whoever intercepts the code. SameSite=Lax is
 * enough: the provider sends the browser back with a top-level GET.
 */
export interface PendingLogin {
  tenantId: string;
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The exact redirect_uri sent to the provider, sent again with the code. */
  redirectUri: string;
  returnTo: string | undefined;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export const pendingLoginCookieName = 'guichet_oidc';
const cookiePath = '/api/v1/auth/oidc';
export const pendingLoginTtlMs = 10 * 60_000;

function cookieOptions(ctx: AppContext) {
  return {
    path: cookiePath,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.publicUrl.startsWith('https://'),
    signed: true,
  };
}

export function writePendingLogin(ctx: AppContext, reply: FastifyReply, pending: PendingLogin): void {
  const value = Buffer.from(JSON.stringify(pending)).toString('base64url');
  reply.setCookie(pendingLoginCookieName, value, {
    ...cookieOptions(ctx),
    maxAge: Math.floor(pendingLoginTtlMs / 1000),
  });
}

/** The pending login of this browser, or undefined when absent, tampered with or malformed. */
export function readPendingLogin(request: FastifyRequest): PendingLogin | undefined {
  const raw = request.cookies[pendingLoginCookieName];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as PendingLogin;
    const isString = (value: unknown) => typeof value === 'string' && value !== '';
    const fields = [parsed.tenantId, parsed.providerId, parsed.state, parsed.nonce, parsed.codeVerifier];
    if (!fields.every(isString) || !isString(parsed.redirectUri) || typeof parsed.expiresAt !== 'number') {
      return undefined;
    }
    return parsed;
  } catch {
    return undefined;
  }
}

/** A pending login is used once, whatever the outcome. */
export function clearPendingLogin(ctx: AppContext, reply: FastifyReply): void {
  const { path, httpOnly, sameSite, secure } = cookieOptions(ctx);
  reply.clearCookie(pendingLoginCookieName, { path, httpOnly, sameSite, secure });
}
