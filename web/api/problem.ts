import { t } from '../i18n/fr';

/** A field error as the API sends it in a problem+json `errors` array. */
export interface ProblemFieldError {
  field: string;
  message: string;
}

/** The body of an application/problem+json answer. */
export interface Problem {
  status?: number;
  code?: string;
  detail?: string;
  errors?: ProblemFieldError[];
  requestId?: string;
}

/** French messages per form field name. */
export type FieldErrors = Record<string, string[]>;

/** Errors that concern one field even when the server does not name it. */
const fieldOfCode: Record<string, { field: string; message: string }> = {
  WEAK_PASSWORD: { field: 'password', message: t.validation.weakPassword },
  EMAIL_TAKEN: { field: 'email', message: t.errors.byCode.EMAIL_TAKEN ?? t.validation.invalid },
  DEPARTMENT_CODE_TAKEN: {
    field: 'code',
    message: t.errors.byCode.DEPARTMENT_CODE_TAKEN ?? t.validation.invalid,
  },
  CATEGORY_CODE_TAKEN: {
    field: 'code',
    message: t.errors.byCode.CATEGORY_CODE_TAKEN ?? t.validation.invalid,
  },
  CURRENT_PASSWORD_INCORRECT: { field: 'currentPassword', message: t.portal.account.wrongCurrentPassword },
  IDENTITY_PROVIDER_SLUG_TAKEN: {
    field: 'slug',
    message: t.errors.byCode.IDENTITY_PROVIDER_SLUG_TAKEN ?? t.validation.invalid,
  },
  CALENDAR_CLOSURE_TAKEN: {
    field: 'day',
    message: t.errors.byCode.CALENDAR_CLOSURE_TAKEN ?? t.validation.invalid,
  },
};

/** The server speaks English to developers; translate the usual rule messages for the user. */
export function translateRuleMessage(field: string, message: string): string {
  const lower = message.toLowerCase();
  const limit = Number(/(\d+)/.exec(lower)?.[1] ?? NaN);
  if (lower.includes('required property') || lower.includes('required')) return t.validation.required;
  // Amounts travel in cents (`unitCostsCents.sms`) but are typed in euros: no « ≤ 1000000 » here.
  if (/Cents(?:[./]|$)/.test(field)) return t.validation.amount;
  if (/format "?email"?/.test(lower) || (field.endsWith('email') && lower.includes('format'))) {
    return t.validation.email;
  }
  if (lower.includes('fewer than') && Number.isFinite(limit)) {
    return limit <= 1 ? t.validation.required : t.validation.tooShort(limit);
  }
  if (lower.includes('more than') && Number.isFinite(limit)) return t.validation.tooLong(limit);
  if (lower.includes('>=') && Number.isFinite(limit)) return t.validation.rangeUnderflow(limit);
  if (lower.includes('<=') && Number.isFinite(limit)) return t.validation.rangeOverflow(limit);
  if (field.endsWith('postcode')) return t.validation.postcode;
  if (field.endsWith('phone')) return t.validation.phone;
  if (field === 'issuerUrl') return t.validation.issuerUrl;
  if (field === 'scopes') return t.validation.openidScope;
  if (field === 'slug') return t.validation.slug;
  if (field === 'day') return t.validation.day;
  return t.validation.invalid;
}

function isUnionNoiseMessage(error: ProblemFieldError): boolean {
  return /^must (be null|match a schema in anyOf)$/.test(error.message);
}

/** Normalises a server field path (`body.postalAddress.line1`, `/email`) to a form field name. */
export function formFieldName(field: string): string {
  return field
    .replace(/^\//, '')
    .replaceAll('/', '.')
    .replace(/^body\./, '')
    .replace(/\.\d+$/, '');
}

/**
 * Maps a problem+json body to French messages per form field, so each message shows under
 * its field (fields named by the server, or implied by a code such as EMAIL_TAKEN).
 */
export function fieldErrorsOf(problem: Problem, fieldAliases: Record<string, string> = {}): FieldErrors {
  const result: FieldErrors = {};
  const add = (rawField: string, message: string): void => {
    const name = formFieldName(rawField);
    const field = fieldAliases[name] ?? name;
    const messages = (result[field] ??= []);
    if (!messages.includes(message)) messages.push(message);
  };
  const implied = problem.code ? fieldOfCode[problem.code] : undefined;
  const errors = problem.errors ?? [];
  // A nullable field (`silencePeriodDays`) out of range also fails « must be null » and the anyOf:
  // keep only the specific message when there is one.
  const isUnionNoise = (error: ProblemFieldError): boolean =>
    isUnionNoiseMessage(error) &&
    errors.some((other) => other.field === error.field && !isUnionNoiseMessage(other));
  // A specific code says what is wrong, whatever field carried it (WEAK_PASSWORD on `newPassword`).
  for (const error of errors.filter((candidate) => !isUnionNoise(candidate))) {
    add(error.field, implied ? implied.message : translateRuleMessage(error.field, error.message));
  }
  if (implied && Object.keys(result).length === 0) add(implied.field, implied.message);
  return result;
}

/** The French sentence to show above a form for this problem. */
export function messageOf(problem: Problem): string {
  const known = problem.code ? t.errors.byCode[problem.code] : undefined;
  if (known) return known;
  if ((problem.status ?? 500) >= 500) {
    return problem.requestId ? t.errors.unexpected(problem.requestId) : t.errors.unexpectedNoReference;
  }
  return t.errors.unexpectedNoReference;
}
