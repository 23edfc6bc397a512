import { useCallback } from 'react';
import { api } from '../api/client';
import type { Category, Department } from '../api/types';
import { DialogActions, FormDialog } from '../components/dialog';
import { CheckboxInput } from '../components/choice-fields';
import { NumberInput, SelectInput, TextAreaInput, TextInput } from '../components/fields';
import { AppForm, formChecked, formOptionalText, formText, useFormAction } from '../components/form';
import { t } from '../i18n/fr';
import { codePattern } from './department-dialog';
import { sortAsTree } from './department-tree';

const noDepartment = 'none';

interface CategoryDialogProps {
  /** The category to edit, or null to create one. */
  category: Category | null;
  departments: Department[];
  onClose(): void;
  onSaved(message: string): void;
}

/** Create or edit a category: code, name, description, default department, deadline, active. */
export function CategoryDialog({ category, departments, onClose, onSaved }: CategoryDialogProps) {
  const labels = t.backoffice.categories;
  const departmentOptions = [
    { id: noDepartment, label: labels.noDepartment },
    ...sortAsTree(departments)
      .filter(({ department }) => department.isActive || department.id === category?.departmentId)
      .map(({ department }) => ({ id: department.id, label: department.name })),
  ];

  const save = useCallback(
    async (data: FormData) => {
      const departmentId = formText(data, 'departmentId');
      const fields = {
        code: formText(data, 'code'),
        name: formText(data, 'name'),
        description: formOptionalText(data, 'description'),
        departmentId: departmentId && departmentId !== noDepartment ? departmentId : null,
        deadlineDays: Number(formText(data, 'deadlineDays')),
      };
      if (category) {
        await api.patch(`/admin/categories/${category.id}`, {
          ...fields,
          isActive: formChecked(data, 'isActive'),
        });
        return labels.updated;
      }
      const created = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
      await api.post('/admin/categories', created);
      return labels.created;
    },
    [category, labels],
  );
  const form = useFormAction(save, onSaved);
  const title = category ? labels.editTitle(category.name) : labels.createTitle;

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
          defaultValue={category?.code}
          spellCheck={false}
          autoFocus
        />
        <TextInput name="name" label={labels.name} isRequired maxLength={200} defaultValue={category?.name} />
        <TextAreaInput
          name="description"
          label={labels.description}
          description={labels.descriptionHint}
          maxLength={2000}
          rows={3}
          defaultValue={category?.description ?? ''}
        />
        <SelectInput
          name="departmentId"
          label={labels.department}
          options={departmentOptions}
          defaultValue={category?.departmentId ?? noDepartment}
        />
        <NumberInput
          name="deadlineDays"
          label={labels.deadline}
          isRequired
          minValue={1}
          maxValue={365}
          defaultValue={category?.deadlineDays ?? 10}
        />
        {category ? (
          <CheckboxInput name="isActive" label={labels.isActive} defaultSelected={category.isActive} />
        ) : null}
        <DialogActions
          isPending={form.isPending}
          submitLabel={category ? t.common.save : t.common.create}
          onCancel={onClose}
        />
      </AppForm>
    </FormDialog>
  );
}
