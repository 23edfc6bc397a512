import { useCallback, useState } from 'react';
import { api, type ApiBody } from '../../api/client';
import type { Assignee, BulkResult, QueueItem } from '../../api/backoffice';
import type { RequestStatus } from '../../api/types';
import { Button } from '../../components/button';
import { DialogActions, FormDialog } from '../../components/dialog';
import { SelectInput, TextAreaInput } from '../../components/fields';
import {
  AppForm,
  formOptionalText,
  formText,
  FormValidationError,
  useFormAction,
} from '../../components/form';
import { t } from '../../i18n/fr';
import { RequestStatusBadge } from '../status-badge';

const texts = t.agentRequests;
const nobody = 'nobody';

/** The statuses an agent may set on several requests at once (qualification and duplicates need a form each). */
export const bulkStatuses: RequestStatus[] = [
  'in_progress',
  'waiting_citizen',
  'answered',
  'closed',
  'rejected',
];

interface BulkDialogProps {
  items: QueueItem[];
  onClose(): void;
  /** Called when the dialog closes after the action ran, so the list is read again. */
  onDone(): void;
}

/** A refusal in French: the app's message for its code, or what a validation failure means for this action. */
function refusalText(error: { code: string; message: string }, action: 'assign' | 'transition'): string {
  if (error.code === 'VALIDATION_FAILED') return texts.bulk.errors[action];
  return t.errors.byCode[error.code] ?? t.errors.unexpectedNoReference;
}

/** The per-request outcome of a bulk action. */
function BulkResults({
  items,
  result,
  action,
  onClose,
}: {
  items: QueueItem[];
  result: BulkResult;
  action: 'assign' | 'transition';
  onClose(): void;
}) {
  const referenceOf = new Map(items.map((item) => [item.id, item.reference]));
  const done = result.results.filter((row) => row.ok).length;
  return (
    <div className="bulk-results">
      <p role="status" className="bulk-summary">
        {texts.bulk.summary(done, result.results.length - done)}
      </p>
      <ul aria-label={texts.bulk.resultsLabel} className="bulk-result-list">
        {result.results.map((row) => (
          <li key={row.id} className={row.ok ? 'bulk-ok' : 'bulk-failed'}>
            <span className="bulk-reference">{referenceOf.get(row.id) ?? row.id}</span>
            <span className={`badge ${row.ok ? 'badge-success' : 'badge-danger'}`}>
              {row.ok ? texts.bulk.ok : texts.bulk.failed}
            </span>
            {row.ok && row.status ? <RequestStatusBadge status={row.status} /> : null}
            {!row.ok && row.error ? (
              <span className="bulk-error">{refusalText(row.error, action)}</span>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <Button onPress={onClose} autoFocus>
          {t.common.close}
        </Button>
      </div>
    </div>
  );
}

type BulkAction = Omit<ApiBody<'/backoffice/requests/bulk', 'post'>, 'ids'>;

function useBulk(items: QueueItem[], body: (data: FormData) => BulkAction) {
  const [result, setResult] = useState<BulkResult | null>(null);
  const run = useCallback(
    (data: FormData) =>
      api.post('/backoffice/requests/bulk', { body: { ids: items.map((item) => item.id), ...body(data) } }),
    [items, body],
  );
  const form = useFormAction(run, setResult);
  return { form, result };
}

/** « Attribuer à… » for the selected requests. */
export function BulkAssignDialog({
  items,
  assignees,
  onClose,
  onDone,
}: BulkDialogProps & { assignees: Assignee[] }) {
  const body = useCallback((data: FormData): BulkAction => {
    const agentId = formText(data, 'agentId');
    return { action: 'assign', agentId: agentId === nobody ? null : agentId };
  }, []);
  const { form, result } = useBulk(items, body);
  const options = [
    { id: nobody, label: texts.bulk.nobody },
    ...assignees.map((agent) => ({ id: agent.id, label: agent.name })),
  ];
  const title = texts.bulk.assignTitle(items.length);
  return (
    <FormDialog title={title} isOpen onClose={result ? onDone : onClose}>
      {result ? (
        <BulkResults items={items} result={result} action="assign" onClose={onDone} />
      ) : (
        <AppForm form={form} aria-label={title}>
          <SelectInput name="agentId" label={texts.bulk.agent} options={options} isRequired />
          <DialogActions
            isPending={form.isPending}
            submitLabel={texts.bulk.apply}
            pendingLabel={texts.bulk.applying}
            onCancel={onClose}
          />
        </AppForm>
      )}
    </FormDialog>
  );
}

/** « Changer le statut… » for the selected requests; a reason is required to reject. */
export function BulkStatusDialog({ items, onClose, onDone }: BulkDialogProps) {
  const [status, setStatus] = useState('');
  const body = useCallback((data: FormData): BulkAction => {
    const chosen = bulkStatuses.find((value) => value === formText(data, 'status'));
    const reason = formOptionalText(data, 'reason');
    if (chosen === 'rejected' && !reason) throw new FormValidationError({ reason: [t.validation.required] });
    return {
      action: 'transition',
      status: chosen,
      comment: formOptionalText(data, 'comment') ?? undefined,
      reason: reason ?? undefined,
    };
  }, []);
  const { form, result } = useBulk(items, body);
  const options = bulkStatuses.map((value) => ({ id: value, label: texts.statuses[value] }));
  const title = texts.bulk.statusTitle(items.length);
  return (
    <FormDialog title={title} isOpen onClose={result ? onDone : onClose}>
      {result ? (
        <BulkResults items={items} result={result} action="transition" onClose={onDone} />
      ) : (
        <AppForm form={form} aria-label={title}>
          <SelectInput
            name="status"
            label={texts.bulk.status}
            options={options}
            isRequired
            onChange={setStatus}
          />
          {status === 'rejected' ? (
            <TextAreaInput
              name="reason"
              label={texts.bulk.reason}
              description={texts.bulk.reasonHint}
              isRequired
              maxLength={2000}
              rows={3}
            />
          ) : null}
          <TextAreaInput
            name="comment"
            label={texts.bulk.comment}
            description={texts.bulk.commentHint}
            maxLength={2000}
            rows={3}
          />
          <DialogActions
            isPending={form.isPending}
            submitLabel={texts.bulk.apply}
            pendingLabel={texts.bulk.applying}
            onCancel={onClose}
          />
        </AppForm>
      )}
    </FormDialog>
  );
}
