import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import { Form } from 'react-aria-components';
import { ApiError, describeError } from '../api/client';
import type { FieldErrors } from '../api/problem';
import { t } from '../i18n/fr';
import { Alert } from './alert';

/** Thrown by a form action when a rule spanning several fields fails before calling the API. */
export class FormValidationError extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super('form validation');
    this.name = 'FormValidationError';
  }
}

/** Checks one field against the submitted data; returns the French message or null. */
export type FieldValidator = (data: FormData) => string | null;

type Registry = Map<string, FieldValidator>;

interface FormFieldsValue {
  errors: FieldErrors;
  registry: Registry;
}

const FormFieldsContext = createContext<FormFieldsValue | null>(null);

/**
 * Declares a field to the enclosing form (its rules run on submit) and returns its current
 * messages. Outside a form (a filter list, say) it does nothing.
 */
export function useFormField(name: string, validator: FieldValidator | null): string[] {
  const context = useContext(FormFieldsContext);
  const registry = context?.registry;
  useEffect(() => {
    if (!registry) return;
    registry.set(name, validator ?? (() => null));
    return () => {
      registry.delete(name);
    };
  }, [registry, name, validator]);
  return context?.errors[name] ?? [];
}

interface FormAction {
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  isPending: boolean;
  /** The message above the form, in French. */
  error: string | null;
  /** The code of the last API error, to offer a way out (e.g. EMAIL_NOT_CONFIRMED). */
  errorCode: string | null;
  fieldErrors: FieldErrors;
  registry: Registry;
}

/** Moves the focus to the first field (in page order) that has a message. */
function focusFirstInvalidField(form: HTMLFormElement, errors: FieldErrors): void {
  requestAnimationFrame(() => {
    for (const element of Array.from(form.elements)) {
      const name = element.getAttribute('name');
      if (name && errors[name] && element instanceof HTMLElement) {
        // A hidden input (a combo box's chosen key) hands the focus to its field's visible control.
        const isHidden = element instanceof HTMLInputElement && element.type === 'hidden';
        const target = isHidden
          ? element.closest('.field')?.querySelector<HTMLElement>('input:not([type="hidden"]), textarea')
          : element;
        target?.focus();
        return;
      }
    }
  });
}

/**
 * Runs on submit: the fields' own rules first, then `action` with the form's data, then either
 * `onSuccess` or the problem+json answer shown above the form and under the fields it names.
 * Messages change only on submit (never on blur), so the page does not shift under the
 * pointer while the user reaches for the button.
 */
export function useFormAction<T>(
  action: (data: FormData) => Promise<T>,
  onSuccess?: (result: T, form: HTMLFormElement) => void,
): FormAction {
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [registry] = useState<Registry>(() => new Map());
  // The submit button stays enabled (keeping the focus on it); a second press is ignored instead.
  const isRunning = useRef(false);

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (isRunning.current) return;
      const form = event.currentTarget;
      const data = new FormData(form);
      const showFieldErrors = (errors: FieldErrors) => {
        setFieldErrors(errors);
        setErrorCode(null);
        setError(t.errors.formHasErrors);
        focusFirstInvalidField(form, errors);
      };

      const clientErrors: FieldErrors = {};
      for (const [name, validator] of registry) {
        const message = validator(data);
        if (message) clientErrors[name] = [message];
      }
      if (Object.keys(clientErrors).length > 0) {
        showFieldErrors(clientErrors);
        return;
      }

      isRunning.current = true;
      setIsPending(true);
      setError(null);
      setErrorCode(null);
      setFieldErrors({});
      Promise.resolve()
        .then(() => action(data))
        .then((result) => onSuccess?.(result, form))
        .catch((caught: unknown) => {
          if (caught instanceof FormValidationError) {
            showFieldErrors(caught.fieldErrors);
            return;
          }
          // Only messages for fields of this form can be shown under a field.
          const shown = Object.fromEntries(
            Object.entries(caught instanceof ApiError ? caught.fieldErrors : {}).filter(([name]) =>
              registry.has(name),
            ),
          );
          if (Object.keys(shown).length > 0) {
            showFieldErrors(shown);
          } else {
            setError(describeError(caught));
          }
          setErrorCode(caught instanceof ApiError ? caught.code : null);
        })
        .finally(() => {
          isRunning.current = false;
          setIsPending(false);
        });
    },
    [action, onSuccess, registry],
  );

  return { onSubmit, isPending, error, errorCode, fieldErrors, registry };
}

interface AppFormProps {
  form: FormAction;
  children: ReactNode;
  /** Shown between the error message and the fields (e.g. a way out for a known error). */
  errorExtra?: ReactNode;
  className?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
}

/** A form whose errors come from `useFormAction`: summary above, messages under the fields. */
export function AppForm({ form, children, errorExtra, className, ...aria }: AppFormProps) {
  const fields = useMemo(
    () => ({ errors: form.fieldErrors, registry: form.registry }),
    [form.fieldErrors, form.registry],
  );
  const hasFieldErrors = Object.keys(form.fieldErrors).length > 0;
  return (
    <FormFieldsContext.Provider value={fields}>
      <Form
        onSubmit={form.onSubmit}
        validationBehavior="aria"
        className={['form', className ?? ''].join(' ').trim()}
        {...aria}
      >
        {form.error ? (
          // With field messages the focus goes to the first wrong field; otherwise to this message.
          <Alert tone="error" shouldFocus={!hasFieldErrors}>
            <p>{form.error}</p>
            {errorExtra}
          </Alert>
        ) : null}
        {children}
      </Form>
    </FormFieldsContext.Provider>
  );
}

/** A trimmed text value from form data ('' when absent). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A trimmed text value, or null when left empty. */
export function formOptionalText(data: FormData, name: string): string | null {
  return formText(data, name) || null;
}

/** Every value of a multi-value field (checkbox group). */
export function formList(data: FormData, name: string): string[] {
  return data.getAll(name).filter((value): value is string => typeof value === 'string');
}

export function formChecked(data: FormData, name: string): boolean {
  return data.get(name) === 'on';
}

/** A value exactly as typed (passwords are never trimmed). */
export function formRaw(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}
