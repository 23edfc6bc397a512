import { useState } from 'react';
import { Input, Label, TextArea, TextField } from 'react-aria-components';
import { api, describeError, type ApiResponse } from '../../api/client';
import type { MessageTemplate } from '../../api/backoffice';
import { Button } from '../../components/button';
import { Page } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { NoticeAlert } from '../list-page';
import type { Notice } from '../use-editing';
import { t } from '../../i18n/fr';
import './messaging.css';

type Preview = ApiResponse<'/admin/message-templates/{key}/preview', 'post'>;

const labels = t.messaging.templates;

interface TemplateEditorProps {
  template: MessageTemplate;
  onChanged(): void;
  setNotice(notice: Notice | null): void;
}

function TemplateEditor({ template, onChanged, setNotice }: TemplateEditorProps) {
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const [shortBody, setShortBody] = useState(template.shortBody ?? '');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [pending, setPending] = useState(false);

  const draft = () => ({ subject, body, shortBody: shortBody.trim() ? shortBody : null });
  const run = (action: () => Promise<unknown>, success: string | null) => {
    setNotice(null);
    setPending(true);
    action()
      .then(() => success && setNotice({ tone: 'success', text: success }))
      .catch((error: unknown) => setNotice({ tone: 'error', text: describeError(error) }))
      .finally(() => setPending(false));
  };

  const params = { path: { key: template.key } };
  return (
    <section className="template-editor" aria-labelledby="template-title">
      <h2 id="template-title">{template.label}</h2>
      <p>{template.isCustom ? labels.custom : labels.byDefault}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          run(
            () => api.put('/admin/message-templates/{key}', { params, body: draft() }).then(onChanged),
            labels.saved,
          );
        }}
      >
        <TextField className="field" value={subject} onChange={setSubject} isRequired maxLength={200}>
          <Label className="label">{labels.subject}</Label>
          <Input className="input" />
        </TextField>
        <TextField className="field" value={body} onChange={setBody} isRequired maxLength={10_000}>
          <Label className="label">{labels.body}</Label>
          <p className="field-description">{labels.bodyHint}</p>
          <TextArea className="input textarea" rows={12} />
        </TextField>
        <TextField className="field" value={shortBody} onChange={setShortBody} maxLength={480}>
          <Label className="label">{labels.shortBody}</Label>
          <p className="field-description">{labels.shortBodyHint}</p>
          <TextArea className="input textarea" rows={3} />
        </TextField>
        <p>
          {labels.variables}{' '}
          {template.variables.map((name) => (
            <code key={name} className="template-variable">
              {`{{${name}}}`}{' '}
            </code>
          ))}
        </p>
        <div className="form-actions">
          <Button type="submit" isDisabled={pending}>
            {labels.save}
          </Button>
          <Button
            variant="secondary"
            isDisabled={pending}
            onPress={() =>
              run(
                () =>
                  api
                    .post('/admin/message-templates/{key}/preview', { params, body: draft() })
                    .then(setPreview),
                null,
              )
            }
          >
            {labels.preview}
          </Button>
          <Button
            variant="secondary"
            isDisabled={pending}
            onPress={() =>
              run(() => api.post('/admin/message-templates/{key}/test', { params }), labels.testSent)
            }
          >
            {labels.test}
          </Button>
          {template.isCustom ? (
            <Button
              variant="secondary"
              isDisabled={pending}
              onPress={() =>
                run(
                  () => api.delete('/admin/message-templates/{key}', { params }).then(onChanged),
                  labels.resetDone,
                )
              }
            >
              {labels.reset}
            </Button>
          ) : null}
        </div>
      </form>
      {preview ? (
        <section className="template-preview" aria-labelledby="template-preview-title">
          <h3 id="template-preview-title">{labels.previewTitle}</h3>
          <p>
            <strong>{labels.previewSubject}</strong> {preview.subject}
          </p>
          <pre className="template-preview-text">{preview.text}</pre>
          <p>
            <strong>{labels.previewShort}</strong> {preview.short}
          </p>
        </section>
      ) : null}
    </section>
  );
}

/** « Modèles de messages »: administrators edit, preview and test the town's message templates. */
export function TemplatesPage() {
  const list = useApiData('/admin/message-templates');
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const templates = list.data?.items ?? [];
  const current = templates.find((template) => template.key === selected) ?? templates[0] ?? null;

  return (
    <Page title={labels.title} lead={labels.intro}>
      <NoticeAlert notice={notice} />
      <div className="templates-layout">
        <nav aria-label={labels.listLabel}>
          <ul className="templates-list">
            {templates.map((template) => (
              <li key={template.key}>
                <Button
                  variant={current?.key === template.key ? 'primary' : 'secondary'}
                  size="small"
                  onPress={() => {
                    setNotice(null);
                    setSelected(template.key);
                  }}
                >
                  {template.label}
                  {template.isCustom ? ' •' : ''}
                </Button>
              </li>
            ))}
          </ul>
        </nav>
        {current ? (
          <TemplateEditor
            key={`${current.key}:${current.updatedAt ?? 'default'}`}
            template={current}
            onChanged={() => list.reload()}
            setNotice={setNotice}
          />
        ) : (
          <p>{labels.choose}</p>
        )}
      </div>
    </Page>
  );
}
