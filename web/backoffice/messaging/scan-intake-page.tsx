import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { api, type ApiResponse } from '../../api/client';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { todayInParis } from '../../components/dates';
import { SelectInput, TextAreaInput, TextInput } from '../../components/fields';
import { AppForm, FormValidationError, formText, useFormAction } from '../../components/form';
import { Page } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { t } from '../../i18n/fr';

const texts = t.scans;
const noCategory = 'none';

type ScannedLetter = ApiResponse<'/backoffice/scans', 'post'>;

const textFields = [
  'subject',
  'description',
  'receivedAt',
  'contactName',
  'contactEmail',
  'contactPhone',
  'contactLine1',
  'contactPostcode',
  'contactCity',
] as const;

/** « Courrier scanné »: reception files a postal letter with its scans; OCR reads it afterwards. */
export function ScanIntakePage() {
  const categories = useApiData('/categories');
  const [created, setCreated] = useState<ScannedLetter | null>(null);
  const [fileCount, setFileCount] = useState(0);

  const submit = useCallback(async (data: FormData) => {
    const files = data.getAll('files').filter((file): file is File => file instanceof File && file.size > 0);
    if (files.length === 0) throw new FormValidationError({ files: [texts.filesRequired] });
    // Text fields first, then the files: the server reads the fields before it streams the scans.
    const body = new FormData();
    for (const name of textFields) {
      const value = formText(data, name);
      if (value) body.append(name, value);
    }
    const categoryId = formText(data, 'categoryId');
    if (categoryId && categoryId !== noCategory) body.append('categoryId', categoryId);
    for (const file of files) body.append('files', file, file.name);
    return api.upload('/backoffice/scans', body);
  }, []);
  const form = useFormAction(submit, (letter, element) => {
    element.reset();
    setFileCount(0);
    setCreated(letter);
  });

  const categoryOptions = [
    { id: noCategory, label: texts.categoryLater },
    ...[...(categories.data ?? [])]
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .map((category) => ({ id: category.id, label: category.name })),
  ];
  const fileErrors = form.fieldErrors.files ?? [];

  return (
    <Page title={texts.title} lead={texts.intro} width="narrow">
      {created ? (
        <Alert tone="success">
          <p>{texts.created(created.reference)}</p>
          <p>
            <Link to={`/agent/demandes/${created.id}`}>{texts.open}</Link>
          </p>
        </Alert>
      ) : null}
      <AppForm form={form} aria-label={texts.title}>
        <div className="field">
          <label className="field-label" htmlFor="scan-files">
            {texts.files}
          </label>
          <span className="field-hint" id="scan-files-hint">
            {texts.filesHint}
          </span>
          <input
            id="scan-files"
            className="input"
            type="file"
            name="files"
            multiple
            required
            accept="application/pdf,image/jpeg,image/png,image/tiff,.pdf,.jpg,.jpeg,.png,.tif,.tiff"
            aria-describedby={fileErrors.length > 0 ? 'scan-files-hint scan-files-error' : 'scan-files-hint'}
            aria-invalid={fileErrors.length > 0 || undefined}
            onChange={(event) => setFileCount(event.currentTarget.files?.length ?? 0)}
          />
          {fileCount > 0 ? <span className="field-hint">{texts.chosen(fileCount)}</span> : null}
          {fileErrors.length > 0 ? (
            <span className="field-error" id="scan-files-error">
              {fileErrors.join(' ')}
            </span>
          ) : null}
        </div>
        <TextInput
          name="receivedAt"
          type="date"
          label={texts.receivedAt}
          description={texts.receivedAtHint}
          defaultValue={todayInParis()}
        />
        <SelectInput
          name="categoryId"
          label={texts.category}
          options={categoryOptions}
          defaultValue={noCategory}
        />
        <TextInput name="subject" label={texts.subject} description={texts.subjectHint} maxLength={200} />
        <TextAreaInput name="description" label={texts.description} maxLength={10_000} rows={3} />
        <fieldset className="fieldset">
          <legend>{texts.sender}</legend>
          <p className="field-hint">{texts.senderHint}</p>
          <TextInput name="contactName" label={texts.contactName} maxLength={200} autoComplete="off" />
          <TextInput name="contactLine1" label={texts.contactLine1} maxLength={200} autoComplete="off" />
          <div className="field-row">
            <TextInput
              name="contactPostcode"
              label={texts.contactPostcode}
              maxLength={5}
              inputMode="numeric"
              pattern="\d{5}"
              patternMessage={t.validation.postcode}
              autoComplete="off"
            />
            <TextInput name="contactCity" label={texts.contactCity} maxLength={100} autoComplete="off" />
          </div>
          <TextInput
            name="contactEmail"
            type="email"
            label={texts.contactEmail}
            maxLength={254}
            autoComplete="off"
          />
          <TextInput
            name="contactPhone"
            type="tel"
            label={texts.contactPhone}
            maxLength={30}
            autoComplete="off"
          />
        </fieldset>
        <div className="form-actions">
          <Button type="submit" isPending={form.isPending}>
            {form.isPending ? texts.sending : texts.submit}
          </Button>
        </div>
      </AppForm>
    </Page>
  );
}
