import { useCallback } from 'react';
import { api } from '../api/client';
import type { Department } from '../api/types';
import { DialogActions, FormDialog } from '../components/dialog';
import { CheckboxInput } from '../components/choice-fields';
import { SelectInput, TextAreaInput, TextInput } from '../components/fields';
import { AppForm, formChecked, formOptionalText, formText, useFormAction } from '../components/form';
import { t } from '../i18n/fr';
import { descendantIds, sortAsTree } from './department-tree';

const noParent = 'none';
export const codePattern = '[a-z0-9]+(?:(?:-|_)[a-z0-9]+)*';

interface DepartmentDialogProps {
  /** The department to edit, or null to create one. */
  department: Department | null;
  departments: Department[];
  onClose(): void;
  onSaved(message: string): void;
}

/** Create or edit a department; a department cannot be placed under itself or its descendants. */
export function DepartmentDialog({ department, departments, onClose, onSaved }: DepartmentDialogProps) {
  const labels = t.backoffice.departments;
  const excluded = department
    ? descendantIds(departments, department.id).add(department.id)
    : new Set<string>();
  const parentOptions = [
    { id: noParent, label: labels.noParent },
    ...sortAsTree(departments)
      .filter(({ department: candidate }) => !excluded.has(candidate.id))
      .map(({ department: candidate, depth }) => ({
        id: candidate.id,
        label: `${'\u2003'.repeat(depth)}${candidate.name}`,
      })),
  ];

  const save = useCallback(
    async (data: FormData) => {
      const parent = formText(data, 'parentId');
      const fields = {
        code: formText(data, 'code'),
        name: formText(data, 'name'),
        parentId: parent && parent !== noParent ? parent : null,
        email: formOptionalText(data, 'email'),
        phone: formOptionalText(data, 'phone'),
        postalAddress: formOptionalText(data, 'postalAddress'),
      };
      if (department) {
        await api.patch(`/admin/departments/${department.id}`, {
          ...fields,
          isActive: formChecked(data, 'isActive'),
        });
        return labels.updated;
      }
      const created = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
      await api.post('/admin/departments', created);
      return labels.created;
    },
    [department, labels],
  );
  const form = useFormAction(save, onSaved);

  return (
    <FormDialog
      title={department ? labels.editTitle(department.name) : labels.createTitle}
      isOpen
      onClose={onClose}
    >
      <AppForm form={form} aria-label={department ? labels.editTitle(department.name) : labels.createTitle}>
        <TextInput
          name="code"
          label={labels.code}
          description={labels.codeHint}
          isRequired
          maxLength={40}
          pattern={codePattern}
          patternMessage={t.validation.code}
          defaultValue={department?.code}
          spellCheck={false}
          autoFocus
        />
        <TextInput
          name="name"
          label={labels.name}
          isRequired
          maxLength={200}
          defaultValue={department?.name}
        />
        <SelectInput
          name="parentId"
          label={labels.parent}
          options={parentOptions}
          defaultValue={department?.parentId ?? noParent}
        />
        <TextInput
          name="email"
          type="email"
          label={labels.email}
          defaultValue={department?.email ?? ''}
          spellCheck={false}
        />
        <TextInput name="phone" type="tel" label={labels.phone} defaultValue={department?.phone ?? ''} />
        <TextAreaInput
          name="postalAddress"
          label={labels.postalAddress}
          maxLength={500}
          rows={3}
          defaultValue={department?.postalAddress ?? ''}
        />
        {department ? (
          <CheckboxInput name="isActive" label={labels.isActive} defaultSelected={department.isActive} />
        ) : null}
        <DialogActions
          isPending={form.isPending}
          submitLabel={department ? t.common.save : t.common.create}
          onCancel={onClose}
        />
      </AppForm>
    </FormDialog>
  );
}
