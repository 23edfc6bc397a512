import { useState } from 'react';
import { silenceRules, type SilenceRule } from '../../common/requests';
import { api, type ApiBody } from '../api/client';
import type { Category, Department } from '../api/types';
import { NumberInput, SelectInput, TextAreaInput } from '../components/fields';
import { formText } from '../components/form';
import { t } from '../i18n/fr';
import { sortAsTree } from './department-tree';
import { OrganisationItemDialog } from './organisation-item-dialog';

const noDepartment = 'none';

const createCategory = (body: ApiBody<'/admin/categories', 'post'>) =>
  api.post('/admin/categories', { body });
const updateCategory = (id: string, body: ApiBody<'/admin/categories/{id}', 'patch'>) =>
  api.patch('/admin/categories/{id}', { params: { path: { id } }, body });

function readCategoryFields(data: FormData) {
  const departmentId = formText(data, 'departmentId');
  const silenceRule = silenceRules.find((rule) => rule === formText(data, 'silenceRule')) ?? 'none';
  const silencePeriod = formText(data, 'silencePeriodDays');
  return {
    // Not nullable on the server: an empty description is ''.
    description: formText(data, 'description'),
    departmentId: departmentId && departmentId !== noDepartment ? departmentId : null,
    deadlineDays: Number(formText(data, 'deadlineDays')),
    silenceRule,
    // Without a rule there is no period; an empty period is left for the server to name.
    silencePeriodDays: silenceRule === 'none' || !silencePeriod ? null : Number(silencePeriod),
  };
}

interface CategoryDialogProps {
  /** The category to edit, or null to create one. */
  category: Category | null;
  departments: Department[];
  onClose(): void;
  onSaved(message: string): void;
}

/**
 * Create or edit a category: code, name, description, default department, deadline, what the
 * administration's silence is worth (and after how many calendar days), active.
 */
export function CategoryDialog({ category, departments, onClose, onSaved }: CategoryDialogProps) {
  const labels = t.backoffice.categories;
  const [silenceRule, setSilenceRule] = useState<SilenceRule>(category?.silenceRule ?? 'none');
  const silenceOptions = silenceRules.map((rule) => ({ id: rule, label: labels.silenceRules[rule] }));
  const departmentOptions = [
    { id: noDepartment, label: labels.noDepartment },
    ...sortAsTree(departments)
      .filter(({ department }) => department.isActive || department.id === category?.departmentId)
      .map(({ department }) => ({ id: department.id, label: department.name })),
  ];

  return (
    <OrganisationItemDialog
      item={category}
      labels={labels}
      readFields={readCategoryFields}
      create={createCategory}
      update={updateCategory}
      onClose={onClose}
      onSaved={onSaved}
    >
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
      <SelectInput
        name="silenceRule"
        label={labels.silenceRule}
        options={silenceOptions}
        isRequired
        value={silenceRule}
        onChange={(value) => setSilenceRule(silenceRules.find((rule) => rule === value) ?? 'none')}
      />
      {silenceRule === 'none' ? null : (
        <NumberInput
          name="silencePeriodDays"
          label={labels.silencePeriod}
          description={labels.silencePeriodHint}
          isRequired
          minValue={1}
          maxValue={365}
          defaultValue={category?.silencePeriodDays ?? 60}
        />
      )}
    </OrganisationItemDialog>
  );
}
