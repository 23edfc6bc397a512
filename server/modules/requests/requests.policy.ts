import { AppError } from '../../platform/http/app-error';
import type { AuthUser } from '../../platform/http/request-context';
import type { Request } from './requests.repository';

/** The same answer for "no such request" and "not yours": a 404 that reveals nothing. */
export function requestNotFound(): AppError {
  return new AppError('REQUEST_NOT_FOUND', 'No such request.');
}

/** A citizen sees and writes on their own requests only; anything else is a 404. */
export function requireOwnRequest(user: Pick<AuthUser, 'id'>, request: Request | undefined): Request {
  if (!request || request.citizenId === null || request.citizenId !== user.id) throw requestNotFound();
  return request;
}
