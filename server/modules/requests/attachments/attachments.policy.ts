import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../platform/http/app-error';
import type { AuthUser } from '../../../platform/http/request-context';
import { type AgentScope, scopeCovers } from '../backoffice.policy';
import { isTerminal } from '../lifecycle';
import { requestNotFound } from '../requests.policy';
import type { Request } from '../requests.repository';
import { parseTrackingCode } from '../tracking-code';

/** At most this many attachments per request, all uploaders together. */
export const maxAttachmentsPerRequest = 10;

/** Who adds a file: the citizen (with an account, or holding the tracking code) or an agent. */
export type Uploader =
  | { kind: 'citizen'; citizenId: string | null; trackingCode?: string }
  | { kind: 'agent'; user: AuthUser; scope: AgentScope };

function sameCode(given: string | undefined, expected: string): boolean {
  const code = given === undefined ? undefined : parseTrackingCode(given);
  if (!code || code.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(code), Buffer.from(expected));
}

/**
 * Whether `uploader` may add a file to `request`, else the 404 that reveals nothing:
 * - a citizen on their own request;
 * - anyone holding the tracking code of a request filed without an account (the anonymous portal
 *   form, right after submission); the code never opens a request that belongs to an account;
 * - an agent whose scope covers the request.
 * Citizens add nothing to a finished request (409).
 */
export function requireUploadAllowed(uploader: Uploader, request: Request | undefined): Request {
  if (!request) throw requestNotFound();
  if (uploader.kind === 'agent') {
    if (!scopeCovers(uploader.scope, request)) throw requestNotFound();
    return request;
  }
  const owner = uploader.citizenId !== null && request.citizenId === uploader.citizenId;
  const byCode = request.citizenId === null && sameCode(uploader.trackingCode, request.trackingCode);
  if (!owner && !byCode) throw requestNotFound();
  if (isTerminal(request.status)) {
    throw new AppError('ATTACHMENT_REQUEST_CLOSED', 'This request is finished: no more files can be added.', {
      requestStatus: request.status,
    });
  }
  return request;
}

export function requireRoomForAttachment(count: number): void {
  if (count >= maxAttachmentsPerRequest) {
    throw new AppError(
      'ATTACHMENT_LIMIT_REACHED',
      `A request holds at most ${maxAttachmentsPerRequest} attachments.`,
      { max: maxAttachmentsPerRequest },
    );
  }
}
