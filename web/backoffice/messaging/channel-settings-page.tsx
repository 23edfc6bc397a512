import { useCallback, useState } from 'react';
import type { ChannelSettingKind as ChannelKind } from '../../../common/messaging';
import { api, describeError, type ApiBody, type ApiInit, type ApiResponse } from '../../api/client';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { CheckboxInput } from '../../components/choice-fields';
import { SelectInput, TextInput } from '../../components/fields';
import { AppForm, formChecked, formRaw, formText, useFormAction } from '../../components/form';
import { formatDateTime } from '../../components/layout';
import { Loading, Page } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { t } from '../../i18n/fr';

type ChannelSetting = ApiResponse<'/admin/channel-settings'>['items'][number];
type ChannelConfig = ApiBody<`/admin/channel-settings/${ChannelKind}`, 'put'>['config'];

const texts = t.channelSettings;

interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'number' | 'security' | 'url' | 'email';
  isRequired?: boolean;
  description?: string;
  securityOptions?: string[];
  maxLength?: number;
}

const hostFields = (securityOptions: string[]): FieldSpec[] => [
  { name: 'host', label: texts.host, isRequired: true, maxLength: 253 },
  { name: 'port', label: texts.port, type: 'number', isRequired: true },
  { name: 'security', label: texts.security, type: 'security', isRequired: true, securityOptions },
];

/** The fields of each kind, as the API's configuration schemas expect them. */
const fieldsOf: Record<ChannelKind, FieldSpec[]> = {
  smtp: [
    ...hostFields(['none', 'starttls', 'tls']),
    { name: 'user', label: texts.user, maxLength: 200 },
    { name: 'from', label: texts.from, type: 'email', maxLength: 200 },
  ],
  imap: [
    ...hostFields(['none', 'starttls', 'tls']),
    { name: 'user', label: texts.user, isRequired: true, maxLength: 200 },
    { name: 'mailbox', label: texts.mailbox, isRequired: true, maxLength: 200 },
  ],
  smpp: [
    ...hostFields(['none', 'tls']),
    { name: 'systemId', label: texts.systemId, isRequired: true, maxLength: 16 },
    { name: 'systemType', label: texts.systemType, maxLength: 13 },
    {
      name: 'senderId',
      label: texts.senderId,
      isRequired: true,
      maxLength: 16,
      description: texts.senderIdHint,
    },
  ],
  sms_http: [
    { name: 'url', label: texts.url, type: 'url', isRequired: true, maxLength: 500 },
    { name: 'username', label: texts.username, maxLength: 200 },
    { name: 'senderId', label: texts.senderId, maxLength: 16, description: texts.senderIdHint },
  ],
};

const defaults: Record<ChannelKind, Record<string, string>> = {
  smtp: { port: '587', security: 'starttls' },
  imap: { port: '993', security: 'tls', mailbox: 'INBOX' },
  smpp: { port: '2775', security: 'none' },
  sms_http: {},
};

/**
 * The configuration object the API expects, from the form: empty optional fields left out. The
 * fields follow `fieldsOf`; the server checks the required ones and answers per field.
 */
function readConfig(kind: ChannelKind, data: FormData): ChannelConfig {
  const config: Record<string, string | number> = {};
  for (const field of fieldsOf[kind]) {
    const value = formText(data, `${kind}-${field.name}`);
    if (value === '') continue;
    config[field.name] = field.type === 'number' ? Number(value) : value;
  }
  return config as ChannelConfig;
}

function ImapPollStatusNote({ setting }: { setting: ChannelSetting }) {
  if (!setting.configured) return null;
  const status = setting.pollStatus ?? undefined;
  let lines: { text: string; tone?: 'error' }[];
  if (!setting.isEnabled) lines = [{ text: texts.pollDisabled }];
  else if (!status) lines = [{ text: texts.pollNever }];
  else if (status.lastError) {
    lines = [
      {
        text: texts.pollFailure(
          formatDateTime(status.lastAttemptAt),
          status.lastError,
          status.consecutiveFailures,
        ),
        tone: 'error',
      },
      ...(status.nextAttemptAt
        ? [{ text: texts.pollNextAttempt(formatDateTime(status.nextAttemptAt)) }]
        : []),
      ...(status.lastSuccessAt
        ? [{ text: texts.pollLastSuccess(formatDateTime(status.lastSuccessAt)) }]
        : []),
    ];
  } else {
    lines = [{ text: texts.pollSuccess(formatDateTime(status.lastAttemptAt), status.lastProcessed) }];
  }
  if (status && status.lastFailed > 0)
    lines.push({ text: texts.pollUnrecorded(status.lastFailed), tone: 'error' });
  return (
    <div className="channel-poll-status">
      <h3>{texts.pollTitle}</h3>
      {lines.map((line) =>
        line.tone === 'error' ? (
          <Alert key={line.text} tone="error">
            {line.text}
          </Alert>
        ) : (
          <p key={line.text} className="field-hint">
            {line.text}
          </p>
        ),
      )}
    </div>
  );
}

export function ChannelForm({ setting, onSaved }: { setting: ChannelSetting; onSaved(): void }) {
  const { kind } = setting;
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [isTesting, setIsTesting] = useState(false);
  const save = useCallback(
    (data: FormData) => {
      setNotice(null);
      const secret = formRaw(data, `${kind}-secret`);
      const body = {
        config: readConfig(kind, data),
        ...(secret ? { secret } : {}),
        isEnabled: formChecked(data, `${kind}-enabled`),
      };
      // One form for the four kinds: `readConfig` gives the configuration of this one.
      const path = `/admin/channel-settings/${kind}` as const;
      return api.put(path, { body } as NonNullable<ApiInit<typeof path, 'put'>>);
    },
    [kind],
  );
  const form = useFormAction(save, (_saved, element) => {
    const secretInput = element.querySelector<HTMLInputElement>(`input[name="${kind}-secret"]`);
    if (secretInput) secretInput.value = '';
    setNotice({ tone: 'success', text: texts.saved });
    onSaved();
  });
  const test = () => {
    setNotice(null);
    setIsTesting(true);
    api
      .post(`/admin/channel-settings/${kind}/test`)
      .then((result) => setNotice({ tone: result.ok ? 'success' : 'error', text: result.message }))
      .catch((error: unknown) => setNotice({ tone: 'error', text: describeError(error) }))
      .finally(() => setIsTesting(false));
  };
  const value = (name: string) => {
    const saved = setting.config[name];
    return saved === undefined || saved === null ? (defaults[kind][name] ?? '') : String(saved);
  };
  const headingId = `channel-${kind}`;
  return (
    <section className="card channel-settings" aria-labelledby={headingId}>
      <h2 id={headingId}>{texts.kinds[kind]}</h2>
      <p className="field-hint">
        {setting.configured ? formatDateTime(setting.updatedAt) : texts.notConfigured}
      </p>
      {kind === 'imap' ? <ImapPollStatusNote setting={setting} /> : null}
      <AppForm form={form} aria-labelledby={headingId}>
        {fieldsOf[kind].map((field) =>
          field.type === 'security' ? (
            <SelectInput
              key={field.name}
              name={`${kind}-${field.name}`}
              label={field.label}
              isRequired
              defaultValue={value(field.name)}
              options={(field.securityOptions ?? []).map((id) => ({
                id,
                label: texts.securityOptions[id] ?? id,
              }))}
            />
          ) : (
            <TextInput
              key={field.name}
              name={`${kind}-${field.name}`}
              label={field.label}
              description={field.description}
              type={field.type === 'url' ? 'url' : field.type === 'email' ? 'email' : 'text'}
              inputMode={field.type === 'number' ? 'numeric' : undefined}
              pattern={field.type === 'number' ? '[0-9]{1,5}' : undefined}
              isRequired={field.isRequired}
              maxLength={field.maxLength}
              defaultValue={value(field.name)}
              autoComplete="off"
              spellCheck={false}
            />
          ),
        )}
        <TextInput
          name={`${kind}-secret`}
          type="password"
          label={kind === 'sms_http' ? texts.apiKey : texts.password}
          description={setting.hasSecret ? `${texts.secretSaved} – ${texts.secretHint}` : undefined}
          autoComplete="new-password"
          maxLength={1000}
        />
        <CheckboxInput
          name={`${kind}-enabled`}
          label={texts.enabled}
          defaultSelected={setting.isEnabled || !setting.configured}
        />
        {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" isPending={form.isPending}>
            {texts.save}
          </Button>
          <Button
            variant="secondary"
            onPress={test}
            isPending={isTesting}
            isDisabled={!setting.configured}
            aria-describedby={setting.configured ? undefined : `${headingId}-test-hint`}
          >
            {isTesting ? texts.testing : texts.test}
          </Button>
          {setting.configured ? null : (
            <span id={`${headingId}-test-hint`} className="field-hint">
              {texts.testSaveFirst}
            </span>
          )}
        </div>
      </AppForm>
    </section>
  );
}

/** « Canaux de communication »: SMTP, IMAP, SMPP and the HTTP SMS gateway (administrators). */
export function ChannelSettingsPage() {
  const list = useApiData('/admin/channel-settings');
  return (
    <Page title={texts.title} lead={texts.intro}>
      {list.error ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      {list.data ? (
        list.data.items.map((setting) => (
          <ChannelForm key={setting.kind} setting={setting} onSaved={() => list.reload()} />
        ))
      ) : list.error ? null : (
        <Loading />
      )}
    </Page>
  );
}
