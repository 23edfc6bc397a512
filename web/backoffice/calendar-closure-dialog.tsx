import { useCallback } from 'react';
import { api } from '../api/client';
import { DialogActions, FormDialog } from '../components/dialog';
import { TextInput } from '../components/fields';
import { AppForm, formText, useFormAction } from '../components/form';
import { t } from '../i18n/fr';

/** A calendar day as a date input sends it. */
export const dayPattern = '\\d{4}-\\d{2}-\\d{2}';

interface CalendarClosureDialogProps {
  onClose(): void;
  /** Receives the message and the day closed (to show its year). */
  onSaved(message: string, day: string): void;
}

/** Closes the town for one day (a bridge day, an exceptional closure): deadlines skip it. */
export function CalendarClosureDialog({ onClose, onSaved }: CalendarClosureDialogProps) {
  const labels = t.backoffice.calendar;
  const save = useCallback(async (data: FormData) => {
    const closure = await api.post('/admin/calendar/closures', {
      body: { day: formText(data, 'day'), label: formText(data, 'label') },
    });
    return closure.day;
  }, []);
  const onDone = useCallback((day: string) => onSaved(labels.created, day), [onSaved, labels]);
  const form = useFormAction(save, onDone);

  return (
    <FormDialog title={labels.createTitle} isOpen onClose={onClose}>
      <AppForm form={form} aria-label={labels.createTitle}>
        <TextInput
          name="day"
          type="date"
          label={labels.day}
          description={labels.dayHint}
          isRequired
          pattern={dayPattern}
          patternMessage={t.validation.day}
          autoFocus
        />
        <TextInput
          name="label"
          label={labels.label}
          description={labels.labelHint}
          isRequired
          maxLength={200}
        />
        <DialogActions isPending={form.isPending} submitLabel={t.common.create} onCancel={onClose} />
      </AppForm>
    </FormDialog>
  );
}
