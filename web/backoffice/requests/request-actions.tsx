import { useCallback, useState } from 'react';
import { requestPriorities, type RequestStatus } from '../../../common/requests';
import { api, ApiError } from '../../api/client';
import type { RequestForAgent } from '../../api/backoffice';
import { Button } from '../../components/button';
import { CheckboxInput, RadioGroupInput } from '../../components/choice-fields';
import { DialogActions, FormDialog } from '../../components/dialog';
import { SelectInput, TextAreaInput, TextInput } from '../../components/fields';
import {
  AppForm,
  formChecked,
  formOptionalText,
  formText,
  FormValidationError,
  useFormAction,
} from '../../components/form';
import { Loading } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { t } from '../../i18n/fr';
import { useSession } from '../../session';
import { ScanBesideDialog, scansOf } from '../messaging/scan-preview';

const texts = t.agentRequests;
const labels = texts.actions;
const nobody = 'nobody';

/** Statuses set through their own form rather than « Changer le statut ». */
const statusesWithOwnForm: RequestStatus[] = ['qualified', 'duplicate'];

/** What the statuses an agent may pick in « Changer le statut » are, from the lifecycle's answer. */
export function transitionChoices(allowed: RequestStatus[]): RequestStatus[] {
  return allowed.filter((status) => !statusesWithOwnForm.includes(status));
}

/** A reason is required to reject, and to reopen a closed request. */
export function needsReason(from: RequestStatus, to: RequestStatus): boolean {
  return to === 'rejected' || (from === 'closed' && to === 'in_progress');
}

/** The option chosen in a required select, as its type; none is a form error under the field. */
function chosenOption<T extends string>(options: readonly T[], data: FormData, name: string): T {
  const chosen = options.find((option) => option === formText(data, name));
  if (!chosen) throw new FormValidationError({ [name]: [t.validation.required] });
  return chosen;
}

/** The request's new version in an action's reply (ActionResult, note, message), if any. */
function versionOf(result: unknown): number | undefined {
  if (typeof result !== 'object' || result === null || !('version' in result)) return undefined;
  return typeof result.version === 'number' ? result.version : undefined;
}

/** Returned by an action refused because the request changed meanwhile (the page reloads it). */
const changed = Symbol('changed');

export interface ActionContext {
  request: RequestForAgent;
  /** After a success: the message to show; the page reloads the request. */
  /** `version`: the request's version after the action, when the API returned it. */
  onDone(message: string, version?: number): void;
  /** After 409 REQUEST_CHANGED: the page reloads and says so. */
  onChanged(): void;
}

/** Runs an action on the request; REQUEST_CHANGED becomes `changed` so the caller can reload. */
function useRequestAction<T>(
  context: ActionContext,
  run: (data: FormData) => Promise<T>,
  successMessage: string | ((result: T, data: FormData) => string),
  afterSuccess?: (form: HTMLFormElement) => void,
) {
  const { onDone, onChanged } = context;
  const action = useCallback(
    async (data: FormData) => {
      try {
        const result = await run(data);
        return {
          result,
          message: typeof successMessage === 'string' ? successMessage : successMessage(result, data),
          version: versionOf(result),
        };
      } catch (error) {
        if (error instanceof ApiError && error.code === 'REQUEST_CHANGED') return changed;
        throw error;
      }
    },
    [run, successMessage],
  );
  const onSuccess = useCallback(
    (outcome: typeof changed | { message: string; version?: number }, form: HTMLFormElement) => {
      if (outcome === changed) {
        onChanged();
        return;
      }
      afterSuccess?.(form);
      onDone(outcome.message, outcome.version);
    },
    [onDone, onChanged, afterSuccess],
  );
  return useFormAction(action, onSuccess);
}

interface DialogProps {
  context: ActionContext;
  onClose(): void;
}

/** « Qualifier »: category, department (prefilled from the category), priority; a letter's scans beside. */
export function QualifyDialog({ context, onClose }: DialogProps) {
  const { request } = context;
  const categories = useApiData('/categories');
  const departments = useApiData('/backoffice/departments');
  const [categoryId, setCategoryId] = useState(request.category?.id ?? '');
  const [departmentId, setDepartmentId] = useState(request.department?.id ?? '');
  const run = useCallback(
    (data: FormData) =>
      api.post('/backoffice/requests/{id}/qualify', {
        params: { path: { id: request.id } },
        body: {
          categoryId: formText(data, 'categoryId'),
          departmentId: formText(data, 'departmentId'),
          priority: chosenOption(requestPriorities, data, 'priority'),
          version: request.version,
        },
      }),
    [request.id, request.version],
  );
  const form = useRequestAction(context, run, labels.done.qualify);
  const chooseCategory = (value: string) => {
    setCategoryId(value);
    const category = categories.data?.find((candidate) => candidate.id === value);
    if (category?.departmentId) setDepartmentId(category.departmentId);
  };
  const categoryOptions = [...(categories.data ?? [])]
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
    .map((category) => ({ id: category.id, label: category.name }));
  const departmentOptions = (departments.data ?? []).map((department) => ({
    id: department.id,
    label: department.name,
  }));
  const priorityOptions = requestPriorities.map((priority) => ({
    id: priority,
    label: texts.priorities[priority],
  }));
  const content =
    !categories.data || !departments.data ? (
      <Loading />
    ) : (
      <AppForm form={form} aria-label={labels.qualifyTitle}>
        <p className="field-hint">{labels.qualifyHint}</p>
        <SelectInput
          name="categoryId"
          label={labels.category}
          options={categoryOptions}
          isRequired
          value={categoryId}
          onChange={chooseCategory}
        />
        <SelectInput
          name="departmentId"
          label={labels.department}
          options={departmentOptions}
          isRequired
          value={departmentId}
          onChange={setDepartmentId}
        />
        <SelectInput
          name="priority"
          label={labels.priority}
          options={priorityOptions}
          isRequired
          defaultValue={request.priority}
        />
        <DialogActions isPending={form.isPending} submitLabel={labels.qualify} onCancel={onClose} />
      </AppForm>
    );
  // A scanned letter is read while qualified: its scans beside the form.
  if (scansOf(request).length > 0) {
    return (
      <ScanBesideDialog title={labels.qualifyTitle} request={request} onClose={onClose}>
        {content}
      </ScanBesideDialog>
    );
  }
  return (
    <FormDialog title={labels.qualifyTitle} isOpen onClose={onClose}>
      {content}
    </FormDialog>
  );
}

/** Finds a request of the town by its exact reference (through the queue's search, every status). */
async function findByReference(reference: string): Promise<string | null> {
  const page = await api.get('/backoffice/requests', {
    params: { query: { status: 'all', q: reference, page: 1, pageSize: 10 } },
  });
  return page.items.find((item) => item.reference === reference)?.id ?? null;
}

/** « Marquer comme doublon »: a suggested request, or one typed by its reference. */
export function DuplicateDialog({ context, onClose }: DialogProps) {
  const { request } = context;
  const suggestions = useApiData('/backoffice/requests/{id}/duplicates', {
    params: { path: { id: request.id } },
  });
  const run = useCallback(
    async (data: FormData) => {
      const reference = formText(data, 'originalReference');
      let original = formText(data, 'original');
      if (reference) {
        const found = await findByReference(reference);
        if (!found || found === request.id) {
          throw new FormValidationError({ originalReference: [labels.originalNotFound] });
        }
        original = found;
      }
      if (!original) throw new FormValidationError({ originalReference: [labels.originalRequired] });
      return api.post('/backoffice/requests/{id}/transition', {
        params: { path: { id: request.id } },
        body: { status: 'duplicate', duplicateOf: original, version: request.version },
      });
    },
    [request.id, request.version],
  );
  const form = useRequestAction(context, run, labels.done.duplicate);
  const options = (suggestions.data ?? []).map((suggestion) => ({
    id: suggestion.id,
    label: [
      `${suggestion.reference} – ${suggestion.subject}`,
      texts.statuses[suggestion.status],
      labels.similarity(Math.round(suggestion.similarity * 100)),
      suggestion.distanceMeters === null ? '' : labels.distance(Math.round(suggestion.distanceMeters)),
    ]
      .filter(Boolean)
      .join(' · '),
  }));
  return (
    <FormDialog title={labels.duplicateTitle} isOpen onClose={onClose}>
      <AppForm form={form} aria-label={labels.duplicateTitle}>
        <p className="field-hint">{labels.duplicateHint}</p>
        {suggestions.data ? (
          options.length > 0 ? (
            <div className="duplicate-suggestions">
              <RadioGroupInput name="original" label={labels.suggestions} options={options} />
            </div>
          ) : (
            <p className="muted">{labels.noSuggestions}</p>
          )
        ) : suggestions.error ? null : (
          <Loading />
        )}
        <TextInput
          name="originalReference"
          label={labels.originalReference}
          description={labels.originalReferenceHint}
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
        />
        <DialogActions
          isPending={form.isPending}
          submitLabel={labels.markDuplicate}
          variant="danger"
          onCancel={onClose}
        />
      </AppForm>
    </FormDialog>
  );
}

/** « Attribuer à… »: an agent of the request's department (or of the whole town), or nobody. */
export function AssignDialog({ context, onClose }: DialogProps) {
  const { request } = context;
  const departmentId = request.department?.id ?? null;
  const [isTownWide, setIsTownWide] = useState(departmentId === null);
  const assignees = useApiData('/backoffice/assignees', {
    params: { query: isTownWide || !departmentId ? {} : { departmentId } },
  });
  const run = useCallback(
    (data: FormData) => {
      const agentId = formText(data, 'agentId');
      return api
        .post('/backoffice/requests/{id}/assign', {
          params: { path: { id: request.id } },
          body: { agentId: agentId === nobody ? null : agentId, version: request.version },
        })
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.fieldErrors.agentId) {
            throw new FormValidationError({ agentId: [labels.agentNotInDepartment] });
          }
          throw error;
        });
    },
    [request.id, request.version],
  );
  const form = useRequestAction(context, run, labels.done.assign);
  const options = [
    ...(request.assignee ? [{ id: nobody, label: labels.unassign }] : []),
    ...(assignees.data ?? []).map((agent) => ({ id: agent.id, label: agent.name })),
  ];
  return (
    <FormDialog title={labels.assignTitle} isOpen onClose={onClose}>
      <AppForm form={form} aria-label={labels.assignTitle}>
        {departmentId ? (
          <div className="field">
            <label className="checkbox-native">
              <input
                type="checkbox"
                checked={isTownWide}
                onChange={(event) => setIsTownWide(event.currentTarget.checked)}
              />
              <span>{labels.allAgents}</span>
            </label>
          </div>
        ) : null}
        {assignees.data ? (
          <SelectInput
            key={isTownWide ? 'town' : 'department'}
            name="agentId"
            label={labels.assign.replace('…', '')}
            description={isTownWide ? undefined : labels.assignHint}
            options={options}
            isRequired
            defaultValue={request.assignee?.id}
          />
        ) : (
          <Loading />
        )}
        <DialogActions isPending={form.isPending} submitLabel={t.common.save} onCancel={onClose} />
      </AppForm>
    </FormDialog>
  );
}

/** « Changer le statut »: the statuses the lifecycle allows, a comment, a reason when required. */
export function TransitionDialog({ context, onClose }: DialogProps) {
  const { request } = context;
  const choices = transitionChoices(request.allowedTransitions);
  const [status, setStatus] = useState<RequestStatus | ''>('');
  const run = useCallback(
    (data: FormData) => {
      const comment = formOptionalText(data, 'comment');
      const reason = formOptionalText(data, 'reason');
      return api.post('/backoffice/requests/{id}/transition', {
        params: { path: { id: request.id } },
        body: {
          status: chosenOption(choices, data, 'status'),
          ...(comment ? { comment } : {}),
          ...(reason ? { reason } : {}),
          version: request.version,
        },
      });
    },
    [request.id, request.version, choices],
  );
  const form = useRequestAction(context, run, labels.done.transition);
  const options = choices.map((choice) => ({ id: choice, label: texts.statuses[choice] }));
  return (
    <FormDialog title={labels.transitionTitle} isOpen onClose={onClose}>
      <AppForm form={form} aria-label={labels.transitionTitle}>
        <SelectInput
          name="status"
          label={labels.newStatus}
          options={options}
          isRequired
          onChange={(value) => setStatus(choices.find((choice) => choice === value) ?? '')}
        />
        {status && needsReason(request.status, status) ? (
          <TextAreaInput
            name="reason"
            label={labels.reason}
            description={labels.reasonHint}
            isRequired
            maxLength={2000}
            rows={3}
          />
        ) : null}
        <TextAreaInput
          name="comment"
          label={labels.comment}
          description={labels.commentHint}
          maxLength={2000}
          rows={3}
        />
        <DialogActions isPending={form.isPending} submitLabel={labels.transition} onCancel={onClose} />
      </AppForm>
    </FormDialog>
  );
}

/** « M’attribuer »: one press, no dialog. */
export function useAssignToMe(context: ActionContext) {
  const { user } = useSession();
  const { request, onDone, onChanged } = context;
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const assign = () => {
    if (!user || isPending) return;
    setIsPending(true);
    setError(null);
    api
      .post('/backoffice/requests/{id}/assign', {
        params: { path: { id: request.id } },
        body: { agentId: user.id, version: request.version },
      })
      .then(
        (result) => onDone(labels.done.assign, result.version),
        (caught: unknown) => {
          if (caught instanceof ApiError && caught.code === 'REQUEST_CHANGED') onChanged();
          else setError(caught);
        },
      )
      .finally(() => setIsPending(false));
  };
  const isMine = request.assignee?.id === user?.id;
  return { assign, isPending, error, isMine };
}

/** « Note interne »: seen by agents only. */
export function NoteForm({ context }: { context: ActionContext }) {
  const { request } = context;
  const run = useCallback(
    (data: FormData) =>
      api.post('/backoffice/requests/{id}/notes', {
        params: { path: { id: request.id } },
        body: { body: formText(data, 'body'), version: request.version },
      }),
    [request.id, request.version],
  );
  const reset = useCallback((form: HTMLFormElement) => form.reset(), []);
  const form = useRequestAction(context, run, labels.done.note, reset);
  return (
    <section className="card card-note" aria-labelledby="note-title">
      <h2 id="note-title">{labels.noteTitle}</h2>
      <AppForm form={form} aria-labelledby="note-title">
        <TextAreaInput
          name="body"
          label={labels.note}
          description={labels.noteHint}
          isRequired
          maxLength={10_000}
          rows={3}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary">
            {form.isPending ? t.common.saving : labels.noteSubmit}
          </Button>
        </div>
      </AppForm>
    </section>
  );
}

/** « Message au demandeur », possibly the answer (the request becomes « Répondue »). */
export function MessageForm({ context }: { context: ActionContext }) {
  const { request } = context;
  const run = useCallback(
    (data: FormData) =>
      api.post('/backoffice/requests/{id}/messages', {
        params: { path: { id: request.id } },
        body: {
          body: formText(data, 'body'),
          isAnswer: formChecked(data, 'isAnswer'),
          version: request.version,
        },
      }),
    [request.id, request.version],
  );
  const reset = useCallback((form: HTMLFormElement) => form.reset(), []);
  const form = useRequestAction(context, run, labels.done.message, reset);
  const canAnswer = request.allowedTransitions.includes('answered');
  return (
    <section className="card card-message" aria-labelledby="message-title">
      <h2 id="message-title">{labels.messageTitle}</h2>
      <AppForm form={form} aria-labelledby="message-title">
        <TextAreaInput
          name="body"
          label={labels.message}
          description={labels.messageHint}
          isRequired
          maxLength={10_000}
          rows={5}
        />
        {canAnswer ? (
          <CheckboxInput name="isAnswer" label={labels.isAnswer} description={labels.isAnswerHint} />
        ) : null}
        <div className="form-actions">
          <Button type="submit">{form.isPending ? labels.sending : labels.messageSubmit}</Button>
        </div>
      </AppForm>
    </section>
  );
}
