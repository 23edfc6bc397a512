import { useCallback, useEffect, useRef, useState } from 'react';
import type { DigitalChannel } from '../../../common/messaging';
import { parseEuros } from '../../../common/money';
import { api, describeError, type ApiResponse } from '../../api/client';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextAreaInput, TextInput } from '../../components/fields';
import { AppForm, formOptionalText, formText, useFormAction, useFormField } from '../../components/form';
import { Loading, Page } from '../../components/page';
import { useApiData } from '../../components/use-api-data';
import { t } from '../../i18n/fr';
import { hasRole, useSession } from '../../session';
import { formatEurosInput, moveItem } from './tenant-settings-rules';
import './tenant-settings.css';

type AdminTenant = ApiResponse<'/admin/tenant'>;
type CostChannel = keyof AdminTenant['settings']['unitCostsCents'];

/** The unit-cost channels, in the order of the form (contact channels, then outgoing messages). */
const costChannels = [
  'counter',
  'phone',
  'web',
  'api',
  'email',
  'sms',
  'letter',
] as const satisfies readonly CostChannel[];

const texts = t.tenantSettings;
const channelOrderField = 'settings.channelOrder';

function validateDays(value: string): string | null {
  const days = Number(value);
  return /^\d+$/.test(value) && days >= 1 && days <= 365 ? null : texts.daysInvalid;
}

/** Up to 10 000 €, as the server accepts. */
const maximumUnitCostCents = 1_000_000;

function validateCost(value: string): string | null {
  const cents = parseEuros(value);
  return cents !== null && cents <= maximumUnitCostCents ? null : texts.costInvalid;
}

/** The PATCH body from the form: every setting, empty contact fields removed. */
function readSettings(data: FormData, channelOrder: DigitalChannel[]) {
  // Typed in euros (« 2,70 »), sent in cents (270).
  const unitCostsCents = Object.fromEntries(
    costChannels.map((channel) => [
      channel,
      parseEuros(formText(data, `settings.unitCostsCents.${channel}`)),
    ]),
  );
  return {
    settings: {
      unitCostsCents,
      defaultDeadlineDays: Number(formText(data, 'settings.defaultDeadlineDays')),
      autoCloseDays: Number(formText(data, 'settings.autoCloseDays')),
      channelOrder,
      contactEmail: formOptionalText(data, 'settings.contactEmail'),
      contactPhone: formOptionalText(data, 'settings.contactPhone'),
      postalAddress: formOptionalText(data, 'settings.postalAddress'),
    },
  };
}

/**
 * The town's order of digital channels, changed with « Monter » / « Descendre » buttons (no
 * dragging). The focus stays on the moved channel, and a live message says where it went.
 */
function ChannelOrderField({
  order,
  onChange,
  isReadOnly,
}: {
  order: DigitalChannel[];
  onChange(order: DigitalChannel[]): void;
  isReadOnly: boolean;
}) {
  const messages = useFormField(channelOrderField, null);
  const [announcement, setAnnouncement] = useState('');
  // The button to focus once the list has re-rendered in its new order.
  const pendingFocus = useRef<string | null>(null);

  useEffect(() => {
    if (!pendingFocus.current) return;
    document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  }, [order]);

  const move = (index: number, offset: -1 | 1) => {
    const channel = order[index]!;
    const next = moveItem(order, index, offset);
    const position = next.indexOf(channel);
    onChange(next);
    // Positions as the list shows them: the preferred channel first, the letter last.
    setAnnouncement(texts.moved(texts.channelNames[channel], position + 2, next.length + 2));
    // At an end, the pressed button is disabled: the focus goes to the other one.
    const atEnd = offset === -1 ? position === 0 : position === next.length - 1;
    const direction = offset === -1 ? 'up' : 'down';
    const opposite = offset === -1 ? 'down' : 'up';
    pendingFocus.current = `channel-order-${channel}-${atEnd ? opposite : direction}`;
  };

  return (
    <fieldset className="fieldset" aria-describedby="channel-order-hint">
      <legend>{texts.channelOrderTitle}</legend>
      <p id="channel-order-hint" className="field-hint">
        {texts.channelOrderHint}
      </p>
      <input type="hidden" name={channelOrderField} value={order.join(',')} />
      <ol className="channel-order">
        <li className="channel-order-fixed">{texts.preferredFirst}</li>
        {order.map((channel, index) => (
          <li key={channel} className="channel-order-item">
            <span className="channel-order-name">{texts.channelNames[channel]}</span>
            {isReadOnly ? null : (
              <span className="channel-order-buttons">
                <Button
                  id={`channel-order-${channel}-up`}
                  variant="secondary"
                  size="small"
                  isDisabled={index === 0}
                  aria-label={texts.moveUpLabel(texts.channelNames[channel])}
                  onPress={() => move(index, -1)}
                >
                  {texts.moveUp}
                </Button>
                <Button
                  id={`channel-order-${channel}-down`}
                  variant="secondary"
                  size="small"
                  isDisabled={index === order.length - 1}
                  aria-label={texts.moveDownLabel(texts.channelNames[channel])}
                  onPress={() => move(index, 1)}
                >
                  {texts.moveDown}
                </Button>
              </span>
            )}
          </li>
        ))}
        <li className="channel-order-fixed">{texts.letterLast}</li>
      </ol>
      {messages.length > 0 ? (
        <p className="field-error" role="alert">
          {messages.join(' ')}
        </p>
      ) : null}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </fieldset>
  );
}

function SettingsForm({ tenant, isReadOnly }: { tenant: AdminTenant; isReadOnly: boolean }) {
  const { settings } = tenant;
  const [channelOrder, setChannelOrder] = useState<DigitalChannel[]>(settings.channelOrder);
  const [saved, setSaved] = useState(false);
  const save = useCallback(
    (data: FormData) => {
      setSaved(false);
      return api.patch('/admin/tenant', { body: readSettings(data, channelOrder) });
    },
    [channelOrder],
  );
  const form = useFormAction(save, () => setSaved(true));
  const changeOrder = (order: DigitalChannel[]) => {
    setSaved(false);
    setChannelOrder(order);
  };

  return (
    <AppForm form={form} aria-label={texts.title} className="tenant-settings">
      <fieldset className="fieldset">
        <legend>{texts.contactTitle}</legend>
        <p className="field-hint">{texts.contactHint}</p>
        <TextInput
          name="settings.contactEmail"
          type="email"
          label={texts.contactEmail}
          defaultValue={settings.contactEmail ?? ''}
          maxLength={254}
          isReadOnly={isReadOnly}
          autoComplete="off"
        />
        <TextInput
          name="settings.contactPhone"
          type="tel"
          label={texts.contactPhone}
          defaultValue={settings.contactPhone ?? ''}
          maxLength={30}
          pattern="[0-9+ ().\-]+"
          patternMessage={texts.phoneInvalid}
          isReadOnly={isReadOnly}
          autoComplete="off"
        />
        <TextAreaInput
          name="settings.postalAddress"
          label={texts.postalAddress}
          defaultValue={settings.postalAddress ?? ''}
          maxLength={500}
          rows={3}
          isReadOnly={isReadOnly}
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>{texts.deadlinesTitle}</legend>
        <div className="tenant-settings-grid">
          <TextInput
            name="settings.defaultDeadlineDays"
            label={texts.defaultDeadlineDays}
            description={texts.defaultDeadlineHint}
            defaultValue={String(settings.defaultDeadlineDays)}
            inputMode="numeric"
            isRequired
            validate={validateDays}
            isReadOnly={isReadOnly}
          />
          <TextInput
            name="settings.autoCloseDays"
            label={texts.autoCloseDays}
            description={texts.autoCloseHint}
            defaultValue={String(settings.autoCloseDays)}
            inputMode="numeric"
            isRequired
            validate={validateDays}
            isReadOnly={isReadOnly}
          />
        </div>
      </fieldset>

      <ChannelOrderField order={channelOrder} onChange={changeOrder} isReadOnly={isReadOnly} />

      <fieldset className="fieldset">
        <legend>{texts.unitCostsTitle}</legend>
        <p className="field-hint">{texts.unitCostsHint}</p>
        <div className="tenant-settings-grid">
          {costChannels.map((channel) => (
            <TextInput
              key={channel}
              name={`settings.unitCostsCents.${channel}`}
              label={texts.costChannels[channel]}
              defaultValue={formatEurosInput(settings.unitCostsCents[channel])}
              inputMode="text"
              isRequired
              validate={validateCost}
              isReadOnly={isReadOnly}
              autoComplete="off"
            />
          ))}
        </div>
      </fieldset>

      {saved ? <Alert tone="success">{texts.saved}</Alert> : null}
      {isReadOnly ? null : (
        <div className="form-actions">
          <Button type="submit" isPending={form.isPending}>
            {form.isPending ? texts.saving : texts.save}
          </Button>
        </div>
      )}
    </AppForm>
  );
}

/** « Réglages de la commune »: contact details, deadlines, channel order and unit costs. */
export function TenantSettingsPage() {
  const { user } = useSession();
  const isAdmin = hasRole(user, 'admin');
  const tenant = useApiData('/admin/tenant');
  return (
    <Page title={texts.title} lead={texts.intro}>
      {isAdmin ? null : <p className="muted">{texts.readOnly}</p>}
      {tenant.error ? <Alert tone="error">{describeError(tenant.error)}</Alert> : null}
      {tenant.data ? (
        <SettingsForm tenant={tenant.data} isReadOnly={!isAdmin} />
      ) : tenant.error ? null : (
        <Loading />
      )}
    </Page>
  );
}
