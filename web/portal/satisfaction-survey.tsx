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
  /** Whose survey: the citizen's own request, or the request behind a tracking code. */
  target: { requestId: string } | { trackingCode: string };
  /** Called once the rating is recorded (the page reads the request again). */
  onRated?: () => void;
}

/**
 * The satisfaction survey of a closed request (1 to 5 and a comment), then a thank-you. Shows
 * nothing while the request is not closed.
 */
export function SatisfactionSurvey({ canRate, rating, target, onRated }: SatisfactionSurveyProps) {
  const [justGiven, setJustGiven] = useState<number | null>(null);
  const requestId = 'requestId' in target ? target.requestId : null;
  const trackingCode = 'trackingCode' in target ? target.trackingCode : null;
  const send = useCallback(
    async (data: FormData) => {
      const given = Number(formText(data, 'rating'));
      const comment = formText(data, 'comment');
      const body = { rating: given, ...(comment ? { comment } : {}) };
      if (requestId !== null) {
        await api.post('/requests/{id}/satisfaction', { params: { path: { id: requestId } }, body });
      } else if (trackingCode !== null) {
        await api.post('/track/{trackingCode}/satisfaction', { params: { path: { trackingCode } }, body });
      }
      return given;
    },
    [requestId, trackingCode],
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
