import { AppError } from '../../platform/http/app-error';

/** The password rule's refusal, naming the field that carried the password. */
export function weakPassword(field: string, weakness: string): AppError {
  return new AppError('WEAK_PASSWORD', `${field}: ${weakness}`, { errors: [{ field, message: weakness }] });
}

/** One answer for unknown, expired and used tokens: the caller learns nothing more. */
export function invalidToken(): AppError {
  return new AppError('INVALID_TOKEN', 'This link is invalid, has expired or was already used.', {
    errors: [{ field: 'token', message: 'is invalid, expired or already used' }],
  });
}

export function emailTaken(): AppError {
  return new AppError('EMAIL_TAKEN', 'An account already uses this e-mail address.', {
    errors: [{ field: 'email', message: 'is already used by an account' }],
  });
}

export function userNotFound(): AppError {
  return new AppError('USER_NOT_FOUND', 'No such account in this town.');
}
