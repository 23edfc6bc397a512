import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { Button } from '../components/button';
import { formatDay, todayInParis } from '../components/dates';
import { NumberInput, TextInput } from '../components/fields';
import { AppForm, formText, useFormAction } from '../components/form';
import { t } from '../i18n/fr';
import { dayPattern } from './calendar-closure-dialog';

interface DueDate {
  from: string;
  days: number;
  dueDate: string;
}

/** « Reçue le …, délai N jours ouvrés → échéance le … », on the town's calendar. */
export function DueDateCalculator() {
  const labels = t.backoffice.calendar;
  const [result, setResult] = useState<DueDate | null>(null);
  const compute = useCallback(async (data: FormData): Promise<DueDate> => {
    setResult(null);
    const from = formText(data, 'from');
    const days = Number(formText(data, 'days'));
    const reply = await api.get('/calendar/due-date', { params: { query: { from, days } } });
    return { from, days, dueDate: reply.dueDate };
  }, []);
  const form = useFormAction(compute, setResult);

  return (
    <section className="card calendar-due-date" aria-labelledby="due-date-title">
      <h2 id="due-date-title">{labels.dueDateTitle}</h2>
      <p className="muted">{labels.dueDateIntro}</p>
      <AppForm form={form} aria-labelledby="due-date-title">
        <div className="field-row">
          <TextInput
            name="from"
            type="date"
            label={labels.from}
            isRequired
            pattern={dayPattern}
            patternMessage={t.validation.day}
            defaultValue={todayInParis()}
          />
          <NumberInput
            name="days"
            label={labels.days}
            isRequired
            minValue={0}
            maxValue={3650}
            defaultValue={10}
          />
        </div>
        <div className="form-actions">
          <Button type="submit">{form.isPending ? labels.computing : labels.compute}</Button>
        </div>
      </AppForm>
      <p className="due-date-result" role="status">
        {result ? labels.dueDate(formatDay(result.from), result.days, formatDay(result.dueDate)) : null}
      </p>
    </section>
  );
}
