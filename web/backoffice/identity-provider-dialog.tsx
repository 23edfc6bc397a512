import { useCallback } from 'react';
import { api } from '../api/client';
import type { IdentityProviderSettings } from '../api/types';
import { CheckboxInput } from '../components/choice-fields';
import { DialogActions, FormDialog } from '../components/dialog';
import { TextInput } from '../components/fields';
import { AppForm, formChecked, formOptionalText, formText, useFormAction } from '../components/form';
import { t } from '../i18n/fr';

const slugPattern = '[a-z0-9]+(?:-[a-z0-9]+)*';
const issuerPattern = 'https?://[^\\s?#]+';
const defaultScopes = 'openid email profile';
const hasOpenidScope = (scopes: string) =>
  scopes.split(/\s+/).includes('openid') ? null : t.validation.openidScope;

interface IdentityProviderDialogProps {
  /** The provider to edit, or null to add one. */
  provider: IdentityProviderSettings | null;
  onClose(): void;
  onSaved(message: string): void;
}

/** Add or edit an OpenID Connect provider; the client secret is write-only (empty on edit keeps it). */
export function IdentityProviderDialog({ provider, onClose, onSaved }: IdentityProviderDialogProps) {
  const labels = t.backoffice.identityProviders;

  const save = useCallback(
    async (data: FormData) => {
      const fields = {
        label: formText(data, 'label'),
        slug: formText(data, 'slug'),
        issuerUrl: formText(data, 'issuerUrl'),
        clientId: formText(data, 'clientId'),
        scopes: formText(data, 'scopes'),
        acrValues: formOptionalText(data, 'acrValues'),
        isEnabled: formChecked(data, 'isEnabled'),
      };
      const clientSecret = formText(data, 'clientSecret');
      if (provider) {
        await api.patch('/admin/identity-providers/{id}', {
          params: { path: { id: provider.id } },
          body: { ...fields, ...(clientSecret ? { clientSecret } : {}) },
        });
        return labels.updated;
      }
      await api.post('/admin/identity-providers', { body: { ...fields, clientSecret } });
      return labels.created;
    },
    [provider, labels],
  );
  const form = useFormAction(save, onSaved);
  const title = provider ? labels.editTitle(provider.label) : labels.createTitle;

  return (
    <FormDialog title={title} isOpen onClose={onClose}>
      <AppForm form={form} aria-label={title}>
        <TextInput
          name="label"
          label={labels.label}
          description={labels.labelHint}
          isRequired
          maxLength={100}
          defaultValue={provider?.label}
          autoFocus
        />
        <TextInput
          name="slug"
          label={labels.slug}
          description={labels.slugHint}
          isRequired
          maxLength={40}
          pattern={slugPattern}
          patternMessage={t.validation.slug}
          defaultValue={provider?.slug}
          spellCheck={false}
        />
        <TextInput
          name="issuerUrl"
          type="url"
          label={labels.issuerUrl}
          description={labels.issuerUrlHint}
          isRequired
          maxLength={500}
          pattern={issuerPattern}
          patternMessage={t.validation.issuerUrl}
          defaultValue={provider?.issuerUrl}
          spellCheck={false}
        />
        <TextInput
          name="clientId"
          label={labels.clientId}
          isRequired
          maxLength={300}
          defaultValue={provider?.clientId}
          autoComplete="off"
          spellCheck={false}
        />
        <TextInput
          name="clientSecret"
          type="password"
          label={labels.clientSecret}
          description={provider ? labels.clientSecretKeep : labels.clientSecretHint}
          isRequired={!provider}
          maxLength={500}
          autoComplete="new-password"
        />
        <TextInput
          name="scopes"
          label={labels.scopes}
          description={labels.scopesHint}
          isRequired
          maxLength={300}
          validate={hasOpenidScope}
          defaultValue={provider?.scopes ?? defaultScopes}
          spellCheck={false}
        />
        <TextInput
          name="acrValues"
          label={labels.acrValues}
          description={labels.acrValuesHint}
          maxLength={200}
          defaultValue={provider?.acrValues ?? ''}
          spellCheck={false}
        />
        <CheckboxInput
          name="isEnabled"
          label={labels.isEnabled}
          description={labels.isEnabledHint}
          defaultSelected={provider?.isEnabled ?? true}
        />
        <DialogActions
          isPending={form.isPending}
          submitLabel={provider ? t.common.save : t.common.create}
          onCancel={onClose}
        />
      </AppForm>
    </FormDialog>
  );
}
