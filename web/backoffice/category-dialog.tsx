import { useState } from 'react';
import type { Category, Department, SilenceRule } from '../api/types';
import { NumberInput, SelectInput, TextAreaInput } from '../components/fields';
import { formOptionalText, formText } from '../components/form';
import { t } from '../i18n/fr';
import { sortAsTree } from './department-tree';
import { OrganisationItemDialog } from './organisation-item-dialog';

const noDepartment = 'none';

const silenceRules: SilenceRule[] = ['none', 'acceptance', 'rejection'];

function readCategoryFields(data: FormData) {
  const departmentId = formText(data, 'departmentId');
  const silenceRule = (formText(data, 'silenceRule') || 'none') as SilenceRule;
  const silencePeriod = formText(data, 'silencePeriodDays');
  return {
    description: formOptionalText(data, 'description'),
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
      path="/admin/categories"
      labels={labels}
      readFields={readCategoryFields}
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
        onChange={(value) => setSilenceRule((value || 'none') as SilenceRule)}
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
