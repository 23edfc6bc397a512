import type { Category, Department } from '../api/types';
import { NumberInput, SelectInput, TextAreaInput } from '../components/fields';
import { formOptionalText, formText } from '../components/form';
import { t } from '../i18n/fr';
import { sortAsTree } from './department-tree';
import { OrganisationItemDialog } from './organisation-item-dialog';

const noDepartment = 'none';

function readCategoryFields(data: FormData) {
  const departmentId = formText(data, 'departmentId');
  return {
    description: formOptionalText(data, 'description'),
    departmentId: departmentId && departmentId !== noDepartment ? departmentId : null,
    deadlineDays: Number(formText(data, 'deadlineDays')),
  };
}

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
    </OrganisationItemDialog>
  );
}
