import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { RadioGroupInput } from '../components/choice-fields';
import { TextAreaInput } from '../components/fields';
import { AppForm, formText, useFormAction } from '../components/form';
import { t } from '../i18n/fr';
import './satisfaction-survey.css';

const texts = t.satisfaction;
const ratingOptions = texts.ratings.map((label, index) => ({ id: String(index + 1), label }));

interface SatisfactionSurveyProps {
  /** Closed and not rated yet. */
  canRate: boolean;
  /** The rating already given, if any. */
  rating: number | null;
  /** Where the answer goes: `/requests/{id}/satisfaction` or `/track/{code}/satisfaction`. */
  submitPath: string;
  /** Called once the rating is recorded (the page reads the request again). */
  onRated?: () => void;
}

/**
 * The satisfaction survey of a closed request (1 to 5 and a comment), then a thank-you. Shows
 * nothing while the request is not closed.
 */
export function SatisfactionSurvey({ canRate, rating, submitPath, onRated }: SatisfactionSurveyProps) {
  const [justGiven, setJustGiven] = useState<number | null>(null);
  const send = useCallback(
    async (data: FormData) => {
      const given = Number(formText(data, 'rating'));
      const comment = formText(data, 'comment');
      await api.post(submitPath, { rating: given, ...(comment ? { comment } : {}) });
      return given;
    },
    [submitPath],
  );
  const onSuccess = useCallback(
    (given: number) => {
      setJustGiven(given);
      onRated?.();
    },
    [onRated],
  );
  const form = useFormAction(send, onSuccess);

  const shownRating = justGiven ?? rating;
  if (shownRating !== null) {
    return (
      <section className="card satisfaction-survey" aria-labelledby="satisfaction-title">
        <h2 id="satisfaction-title">{texts.title}</h2>
        <Alert tone="success">
          {justGiven !== null ? `${texts.thanks} ` : ''}
          {texts.given(shownRating)}
        </Alert>
      </section>
    );
  }
  if (!canRate) return null;
  return (
    <section className="card satisfaction-survey" aria-labelledby="satisfaction-title">
      <h2 id="satisfaction-title">{texts.title}</h2>
      <p>{texts.intro}</p>
      <AppForm form={form} aria-labelledby="satisfaction-title">
        <RadioGroupInput name="rating" label={texts.rating} options={ratingOptions} isRequired />
        <TextAreaInput
          name="comment"
          label={texts.comment}
          description={texts.commentHint}
          maxLength={2_000}
          rows={4}
        />
        <div className="form-actions">
          <Button type="submit">{form.isPending ? texts.sending : texts.send}</Button>
        </div>
      </AppForm>
    </section>
  );
}
