/**
 * Domain code throws AppError with a stable code; the HTTP layer maps the code to a status in
 * one table (`errorStatus`, shared with the web app in common/problem-codes.ts) and answers
 * application/problem+json carrying the code.
 */
import { errorStatus, type ErrorCode } from '../../../common/problem-codes';

export { errorStatus, type ErrorCode };

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode | string;
  detail?: string;
  /** The invalid fields, for validation errors: JSON pointer-ish path and the rule broken. */
  errors?: { field: string; message: string }[];
  requestId?: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** A 400 naming the field and the rule, for checks TypeBox cannot express. */
export function invalidField(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, message }] });
}
