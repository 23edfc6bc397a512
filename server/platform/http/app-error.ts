/**
 * Domain code throws AppError with a stable code; the HTTP layer maps the code to a status in
 * one table (`errorStatus`) and answers application/problem+json carrying the code.
 */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  INVALID_TOKEN: 400,
  WEAK_PASSWORD: 400,
  OIDC_LOGIN_FAILED: 400,
  DEPARTMENT_CYCLE: 400,
  CURRENT_PASSWORD_INCORRECT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  EMAIL_NOT_CONFIRMED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  TENANT_NOT_FOUND: 404,
  DEPARTMENT_NOT_FOUND: 404,
  CATEGORY_NOT_FOUND: 404,
  CALENDAR_CLOSURE_NOT_FOUND: 404,
  REQUEST_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  PRINT_BATCH_NOT_FOUND: 404,
  PRINT_LETTER_NOT_FOUND: 404,
  MESSAGE_NOT_FOUND: 404,
  NOTIFICATION_NOT_FOUND: 404,
  MESSAGE_TEMPLATE_NOT_FOUND: 404,
  IDENTITY_PROVIDER_NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  CANNOT_CHANGE_OWN_ACCESS: 409,
  INVITATION_ALREADY_ACCEPTED: 409,
  AGENT_INACTIVE: 409,
  IDENTITY_PROVIDER_SLUG_TAKEN: 409,
  DEPARTMENT_CODE_TAKEN: 409,
  CATEGORY_CODE_TAKEN: 409,
  CALENDAR_CLOSURE_TAKEN: 409,
  DEPARTMENT_IN_USE: 409,
  JOB_NOT_FAILED: 409,
  PRINT_BATCH_NOT_CLOSED: 409,
  PRINT_BATCH_ALREADY_POSTED: 409,
  MESSAGE_NOT_FAILED: 409,
  TRANSITION_NOT_ALLOWED: 409,
  REQUEST_CHANGED: 409,
  ATTACHMENT_LIMIT_REACHED: 409,
  ATTACHMENT_REQUEST_CLOSED: 409,
  SATISFACTION_ALREADY_GIVEN: 409,
  SATISFACTION_NOT_OPEN: 409,
  REQUEST_CLOSED: 409,
  CHANNEL_NOT_CONFIGURED: 409,
  PAYLOAD_TOO_LARGE: 413,
  ATTACHMENT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ATTACHMENT_TYPE_REFUSED: 415,
  SCAN_TYPE_REFUSED: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_ERROR: 500,
  IDENTITY_PROVIDER_UNAVAILABLE: 502,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

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
