import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { Label, Text, TextArea, TextField } from 'react-aria-components';
import { api, describeError } from '../api/client';
import type { SubmittedRequest } from '../api/types';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { FieldMessages, TextInput, useTextRules } from '../components/fields';
import { phonePattern } from '../components/field-validation';
import { AppForm, FormValidationError, formOptionalText, formText, useFormAction } from '../components/form';
import { Loading, Page } from '../components/page';
import { useApiData } from '../components/use-api-data';
import { loginPathFor } from '../components/navigation';
import { t } from '../i18n/fr';
import { useSession } from '../session';
import {
  AttachmentsField,
  AttachmentUploadReport,
  uploadAttachments,
  type UploadFailure,
} from './attachments-field';
import { CategoryField } from './category-field';
import { RequestConfirmation } from './request-confirmation';

const texts = t.portal.newRequest;
const descriptionMaxLength = 10_000;

interface Submitted {
  request: SubmittedRequest;
  /** Where the acknowledgement went, when an address is known. */
  email: string | null;
  /** Attachments sent with the request, and those refused (the request stays filed). */
  attachmentsSent: number;
  attachmentFailures: UploadFailure[];
}

/** The description with a live character counter (announced politely only through its hint). */
function DescriptionField() {
  const [length, setLength] = useState(0);
  const messages = useTextRules('description', { isRequired: true, maxLength: descriptionMaxLength });
  return (
    <TextField
      name="description"
      isRequired
      isInvalid={messages.length > 0}
      maxLength={descriptionMaxLength}
      onChange={(value) => setLength(value.length)}
      className="field"
    >
      <Label className="field-label">{texts.description}</Label>
      <Text slot="description" className="field-hint">
        {texts.descriptionHint}
      </Text>
      <TextArea className="input textarea" rows={8} />
      <p className="field-counter" aria-hidden="true">
        {texts.counter(length, descriptionMaxLength)}
      </p>
      <FieldMessages messages={messages} />
    </TextField>
  );
}

/** Name, e-mail and phone of a visitor who is not logged in (an e-mail or a phone is needed). */
function ContactFields() {
  return (
    <fieldset className="fieldset">
      <legend className="fieldset-legend">{texts.contactTitle}</legend>
      <p className="field-hint">{texts.contactIntro}</p>
      <TextInput
        name="contact.name"
        label={texts.contactName}
        isRequired
        autoComplete="name"
        maxLength={200}
      />
      <TextInput
        name="contact.email"
        type="email"
        label={texts.contactEmail}
        description={texts.contactEmailHint}
        autoComplete="email"
        spellCheck={false}
        maxLength={254}
      />
      <TextInput
        name="contact.phone"
        type="tel"
        label={texts.contactPhone}
        description={t.fields.phoneHint}
        autoComplete="tel"
        pattern={phonePattern}
        patternMessage={t.validation.phone}
      />
      <p className="form-footnote">
        {texts.haveAccount} <Link to={loginPathFor('/connexion', '/demande')}>{texts.loginInstead}</Link>
      </p>
    </fieldset>
  );
}

/** « Faire une demande »: category, subject, description, place and, for visitors, a contact. */
export function NewRequestPage() {
  const { user, state } = useSession();
  const categories = useApiData('/categories');
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [uploaded, setUploaded] = useState<number | null>(null);

  const submit = useCallback(
    async (data: FormData): Promise<Submitted> => {
      const address = formOptionalText(data, 'location.address');
      let contact: { name: string; email?: string; phone?: string } | undefined;
      if (!user) {
        const email = formOptionalText(data, 'contact.email');
        const phone = formOptionalText(data, 'contact.phone');
        if (!email && !phone) {
          throw new FormValidationError({
            'contact.email': [texts.contactNeeded],
            'contact.phone': [texts.contactNeeded],
          });
        }
        contact = {
          name: formText(data, 'contact.name'),
          ...(email ? { email } : {}),
          ...(phone ? { phone } : {}),
        };
      }
      const request = await api.post('/requests', {
        body: {
          categoryId: formText(data, 'categoryId'),
          subject: formText(data, 'subject'),
          description: formText(data, 'description'),
          ...(address ? { location: { address } } : {}),
          ...(contact ? { contact } : {}),
        },
      });
      // The request is filed: now its files, one by one; a refused file does not lose the request.
      setUploaded(0);
      const attachmentFailures = await uploadAttachments(request.id, files, {
        trackingCode: user ? undefined : request.trackingCode,
        onProgress: setUploaded,
      });
      setUploaded(null);
      return {
        request,
        email: user ? user.email : (contact?.email ?? null),
        attachmentsSent: files.length - attachmentFailures.length,
        attachmentFailures,
      };
    },
    [user, files],
  );
  const onSuccess = useCallback((result: Submitted) => {
    setSubmitted(result);
    setFiles([]);
  }, []);
  const form = useFormAction(submit, onSuccess);

  if (submitted) {
    return (
      <RequestConfirmation
        request={submitted.request}
        email={submitted.email}
        onAnother={() => setSubmitted(null)}
      >
        <AttachmentUploadReport
          requestId={submitted.request.id}
          trackingCode={user ? undefined : submitted.request.trackingCode}
          sentCount={submitted.attachmentsSent}
          failures={submitted.attachmentFailures}
        />
      </RequestConfirmation>
    );
  }

  return (
    <Page title={texts.title} lead={texts.intro} width="narrow">
      {categories.error ? <Alert tone="error">{describeError(categories.error)}</Alert> : null}
      {!categories.data || state.status === 'loading' ? (
        categories.error ? null : (
          <Loading />
        )
      ) : (
        <AppForm form={form} aria-label={texts.title}>
          {user ? (
            <Alert tone="info">{texts.asUser(`${user.firstName} ${user.lastName}`, user.email)}</Alert>
          ) : null}
          <CategoryField categories={categories.data} />
          <TextInput
            name="subject"
            label={texts.subject}
            description={texts.subjectHint}
            isRequired
            minLength={3}
            maxLength={200}
          />
          <DescriptionField />
          <TextInput
            name="location.address"
            label={texts.address}
            description={texts.addressHint}
            autoComplete="street-address"
            maxLength={500}
          />
          <AttachmentsField files={files} onChange={setFiles} isDisabled={form.isPending} />
          {user ? null : <ContactFields />}
          <div className="form-actions">
            <Button type="submit">
              {uploaded !== null
                ? t.portal.attachments.uploading(uploaded, files.length)
                : form.isPending
                  ? texts.submitting
                  : texts.submit}
            </Button>
          </div>
        </AppForm>
      )}
    </Page>
  );
}
