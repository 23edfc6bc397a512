import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { outboundChannels } from '../../common/messaging';
import type { User } from '../api/types';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { RadioGroupInput } from '../components/choice-fields';
import { TextInput } from '../components/fields';
import { AppForm, FormValidationError, formText, useFormAction } from '../components/form';
import { phonePattern } from '../components/field-validation';
import { t } from '../i18n/fr';
import { useSession } from '../session';
import { readProfile, type ProfileFormValues } from './profile-rules';
import { formatPhone } from '../../common/phone';

const fieldNames: (keyof ProfileFormValues)[] = [
  'firstName',
  'lastName',
  'phone',
  'postalAddress.line1',
  'postalAddress.line2',
  'postalAddress.postcode',
  'postalAddress.city',
  'preferredChannel',
];

const channelOptions = outboundChannels.map((channel) => ({ id: channel, label: t.channels[channel] }));

/** Name, phone, postal address and preferred channel (PATCH /me). */
export function ProfileForm({ user }: { user: User }) {
  const { updateUser } = useSession();
  const [savedAt, setSavedAt] = useState<number | null>(null);

  const save = useCallback(async (data: FormData) => {
    setSavedAt(null);
    const values = Object.fromEntries(
      fieldNames.map((name) => [name, formText(data, name)]),
    ) as ProfileFormValues;
    const { changes, errors } = readProfile(values);
    if (!changes) throw new FormValidationError(errors);
    return api.patch('/me', { body: changes });
  }, []);
  const onSuccess = useCallback(
    (reply: { user: User }) => {
      updateUser(reply.user);
      setSavedAt(Date.now());
    },
    [updateUser],
  );
  const form = useFormAction(save, onSuccess);
  const address = user.postalAddress;

  return (
    <AppForm form={form} aria-labelledby="profile-title">
      {savedAt ? (
        <Alert tone="success" shouldFocus key={savedAt}>
          {t.portal.account.profileSaved}
        </Alert>
      ) : null}
      <div className="readonly-field">
        <span className="field-label">{t.portal.account.emailLabel}</span>
        <span>
          {user.email}{' '}
          <span className={`badge ${user.emailVerified ? 'badge-success' : 'badge-warning'}`}>
            {user.emailVerified ? t.portal.account.emailVerified : t.portal.account.emailNotVerified}
          </span>
        </span>
      </div>
      <div className="field-row">
        <TextInput
          name="firstName"
          label={t.fields.firstName}
          isRequired
          defaultValue={user.firstName}
          autoComplete="given-name"
          maxLength={100}
        />
        <TextInput
          name="lastName"
          label={t.fields.lastName}
          isRequired
          defaultValue={user.lastName}
          autoComplete="family-name"
          maxLength={100}
        />
      </div>
      <TextInput
        name="phone"
        type="tel"
        label={`${t.fields.phone} ${t.fields.optional}`}
        description={t.fields.phoneHint}
        defaultValue={user.phone ? formatPhone(user.phone) : ''}
        autoComplete="tel"
        pattern={phonePattern}
        patternMessage={t.validation.phone}
      />
      <fieldset className="fieldset">
        <legend className="field-label">{t.fields.addressLegend}</legend>
        <p className="field-hint">{t.fields.addressHint}</p>
        <TextInput
          name="postalAddress.line1"
          label={t.fields.addressLine1}
          defaultValue={address?.line1 ?? ''}
          autoComplete="address-line1"
        />
        <TextInput
          name="postalAddress.line2"
          label={t.fields.addressLine2}
          defaultValue={address?.line2 ?? ''}
          autoComplete="address-line2"
        />
        <div className="field-row field-row-postcode">
          <TextInput
            name="postalAddress.postcode"
            label={t.fields.postcode}
            defaultValue={address?.postcode ?? ''}
            autoComplete="postal-code"
            inputMode="numeric"
            maxLength={5}
          />
          <TextInput
            name="postalAddress.city"
            label={t.fields.city}
            defaultValue={address?.city ?? ''}
            autoComplete="address-level2"
          />
        </div>
      </fieldset>
      <RadioGroupInput
        name="preferredChannel"
        label={t.fields.preferredChannel}
        options={channelOptions}
        defaultValue={user.preferredChannel}
        isRequired
      />
      <div className="form-actions">
        <Button type="submit">{form.isPending ? t.common.saving : t.portal.account.saveProfile}</Button>
      </div>
    </AppForm>
  );
}
