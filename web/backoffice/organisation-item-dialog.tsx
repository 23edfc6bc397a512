import { useCallback, type ReactNode } from 'react';
import { CheckboxInput } from '../components/choice-fields';
import { DialogActions, FormDialog } from '../components/dialog';
import { TextInput } from '../components/fields';
import { AppForm, formChecked, formText, useFormAction } from '../components/form';
import { t } from '../i18n/fr';

export const codePattern = '[a-z0-9]+(?:(?:-|_)[a-z0-9]+)*';

interface OrganisationItemLabels {
  code: string;
  codeHint: string;
  name: string;
  isActive: string;
  createTitle: string;
  editTitle(name: string): string;
  created: string;
  updated: string;
}

/** The fields of a creation: those left empty (null) are not sent. */
type WithoutEmpty<Fields> = {
  [Name in keyof Fields as null extends Fields[Name] ? never : Name]: Fields[Name];
} & {
  [Name in keyof Fields as null extends Fields[Name] ? Name : never]?: Exclude<Fields[Name], null>;
};

interface OrganisationItemDialogProps<Fields extends object> {
  /** The item to edit, or null to create one. */
  item: { id: string; code: string; name: string; isActive: boolean } | null;
  labels: OrganisationItemLabels;
  /** Reads the fields other than code and name from the submitted form (null for an empty one). */
  readFields(data: FormData): Fields;
  /** POST to the collection (e.g. `/admin/departments`). */
  create(body: { code: string; name: string } & WithoutEmpty<Fields>): Promise<unknown>;
  /** PATCH of the item. */
  update(id: string, body: { code: string; name: string; isActive: boolean } & Fields): Promise<unknown>;
  onClose(): void;
  onSaved(message: string): void;
  /** The inputs shown between the name and the « active » checkbox. */
  children: ReactNode;
}

/**
 * The dialog shared by departments and categories: code and name, the item's own inputs, then
 * (when editing) the « active » checkbox. Creating posts the non-empty fields; editing patches all.
 */
export function OrganisationItemDialog<Fields extends object>({
  item,
  labels,
  readFields,
  create,
  update,
  onClose,
  onSaved,
  children,
}: OrganisationItemDialogProps<Fields>) {
  const save = useCallback(
    async (data: FormData) => {
      const fields = { code: formText(data, 'code'), name: formText(data, 'name'), ...readFields(data) };
      if (item) {
        await update(item.id, { ...fields, isActive: formChecked(data, 'isActive') });
        return labels.updated;
      }
      const created = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
      await create(created as { code: string; name: string } & WithoutEmpty<Fields>);
      return labels.created;
    },
    [item, labels, readFields, create, update],
  );
  const form = useFormAction(save, onSaved);
  const title = item ? labels.editTitle(item.name) : labels.createTitle;

  return (
    <FormDialog title={title} isOpen onClose={onClose}>
      <AppForm form={form} aria-label={title}>
        <TextInput
          name="code"
          label={labels.code}
          description={labels.codeHint}
          isRequired
          maxLength={40}
          pattern={codePattern}
          patternMessage={t.validation.code}
          defaultValue={item?.code}
          spellCheck={false}
          autoFocus
        />
        <TextInput name="name" label={labels.name} isRequired maxLength={200} defaultValue={item?.name} />
        {children}
        {item ? (
          <CheckboxInput name="isActive" label={labels.isActive} defaultSelected={item.isActive} />
        ) : null}
        <DialogActions
          isPending={form.isPending}
          submitLabel={item ? t.common.save : t.common.create}
          onCancel={onClose}
        />
      </AppForm>
    </FormDialog>
  );
}
